"""Triage: list, read, label, assign and answer cases. The routes audit-log every access."""

from __future__ import annotations

import base64
import binascii
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import Session

from app.cases import deadlines
from app.cases.schemas import CaseUpdate, NoteIn, ReplyIn
from app.errors import N_, BadRequest, Conflict, NotFound, Unprocessable
from app.inbox_keys import service as inbox_keys
from app.models import CaseLabel, Consent, ErasureTombstone, Message, Note, Report, StaffMember
from app.threads import service as threads

CASE_NOT_FOUND = N_("This case does not exist.")
BAD_CURSOR = N_("This page link is not valid. Start from the first page.")
ONE_WAY = N_("This reporter chose a one-way report and cannot receive replies.")
UNKNOWN_ASSIGNEE = N_("Cases can only be assigned to an active adviser.")
NOTE_EXISTS = N_("This note was already saved.")


@dataclass(frozen=True)
class Filters:
    status: str | None = None
    label: str | None = None
    assignee: uuid.UUID | None = None
    unassigned: bool = False
    overdue: str | None = None


def encode_cursor(report: Report) -> str:
    return base64.urlsafe_b64encode(
        f"{report.created_on.isoformat()}|{report.id}".encode()
    ).decode()


def decode_cursor(cursor: str) -> tuple[date, uuid.UUID]:
    try:
        day, _, ident = base64.urlsafe_b64decode(cursor.encode()).decode().partition("|")
        return date.fromisoformat(day), uuid.UUID(ident)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise BadRequest("invalid_cursor", BAD_CURSOR) from None


def list_cases(
    session: Session, *, filters: Filters, cursor: str | None, limit: int, today: date
) -> tuple[list[Report], str | None]:
    """Newest first, paged by (created_on, id) so pages stay stable while cases arrive."""
    query = select(Report)
    if filters.status:
        query = query.where(Report.status == filters.status)
    if filters.label:
        query = query.where(
            Report.id.in_(select(CaseLabel.report_id).where(CaseLabel.label == filters.label))
        )
    if filters.unassigned:
        query = query.where(Report.assignee_id.is_(None))
    elif filters.assignee:
        query = query.where(Report.assignee_id == filters.assignee)
    ack_overdue = and_(
        # One-way reports have no acknowledgement deadline (no mailbox to acknowledge to).
        Report.reply_public_key.is_not(None),
        Report.acknowledged_on.is_(None),
        Report.status != "closed",
        Report.created_on < deadlines.latest_created_for_acknowledge_overdue(today),
    )
    feedback_overdue = and_(
        Report.status != "closed",
        Report.created_on < deadlines.latest_created_for_feedback_overdue(today),
    )
    if filters.overdue == "acknowledge":
        query = query.where(ack_overdue)
    elif filters.overdue == "feedback":
        query = query.where(feedback_overdue)
    elif filters.overdue == "any":
        query = query.where(or_(ack_overdue, feedback_overdue))
    if cursor:
        day, ident = decode_cursor(cursor)
        query = query.where(
            or_(Report.created_on < day, and_(Report.created_on == day, Report.id < ident))
        )
    query = query.order_by(Report.created_on.desc(), Report.id.desc()).limit(limit + 1)
    rows = list(session.scalars(query))
    next_cursor = encode_cursor(rows[limit - 1]) if len(rows) > limit else None
    return rows[:limit], next_cursor


def labels_of(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    found: dict[uuid.UUID, list[str]] = defaultdict(list)
    if ids:
        query = select(CaseLabel).where(CaseLabel.report_id.in_(ids)).order_by(CaseLabel.label)
        for row in session.scalars(query):
            found[row.report_id].append(row.label)
    return found


def consents_of(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    found: dict[uuid.UUID, list[str]] = defaultdict(list)
    if ids:
        query = select(Consent).where(Consent.report_id.in_(ids)).order_by(Consent.partner_id)
        for row in session.scalars(query):
            found[row.report_id].append(row.partner_id)
    return found


def unanswered_of(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Per case, the reporter's messages since the team's last reply: what still waits for us."""
    found: dict[uuid.UUID, int] = defaultdict(int)
    if ids:
        query = (
            select(Message.report_id, Message.kind)
            .where(Message.report_id.in_(ids), Message.kind.in_(("reporter", "reply")))
            .where(Message.inbox_ciphertext.is_not(None))
            .order_by(Message.report_id, Message.seq)
        )
        for report_id, kind in session.execute(query):
            found[report_id] = found[report_id] + 1 if kind == "reporter" else 0
    return found


def tombstones(session: Session) -> list[ErasureTombstone]:
    """Reports erased by their reporters, newest day first (random order within a day)."""
    query = select(ErasureTombstone).order_by(
        ErasureTombstone.erased_on.desc(), ErasureTombstone.id
    )
    return list(session.scalars(query))


def get_case(session: Session, case_id: uuid.UUID) -> Report:
    report = session.get(Report, case_id)
    if report is None:
        raise NotFound("case_not_found", CASE_NOT_FOUND)
    return report


def notes_of(session: Session, case_id: uuid.UUID) -> list[Note]:
    query = select(Note).where(Note.report_id == case_id).order_by(Note.seq)
    return list(session.scalars(query))


def update_case(session: Session, *, case_id: uuid.UUID, change: CaseUpdate, today: date) -> Report:
    report = threads.lock_report(session, case_id)
    if change.status is not None and change.status != report.status:
        report.status = change.status
        report.closed_on = today if change.status == "closed" else None
    if change.labels is not None:
        session.execute(delete(CaseLabel).where(CaseLabel.report_id == case_id))
        session.add_all(CaseLabel(report_id=case_id, label=label) for label in change.labels)
    if change.unassign:
        report.assignee_id = None
    elif change.assignee_id is not None:
        assignee = session.get(StaffMember, change.assignee_id)
        if assignee is None or assignee.status != "active" or not assignee.is_vp:
            raise Unprocessable("unknown_assignee", UNKNOWN_ASSIGNEE)
        report.assignee_id = assignee.id
    session.flush()
    return report


def reply(
    session: Session, *, case_id: uuid.UUID, author_id: uuid.UUID, body: ReplyIn, today: date
) -> Message:
    """A reply sealed to the reporter's reply key, and to the inbox key for the team."""
    report = threads.lock_report(session, case_id)
    if report.reply_public_key is None:
        raise Conflict("one_way_report", ONE_WAY)
    inbox_keys.check_current_version(session, body.inbox_version)
    message = threads.add_message(
        session,
        report=report,
        message_id=body.id,
        kind="reply",
        inbox_version=body.inbox_version,
        inbox_ciphertext=body.inbox_ciphertext,
        reply_ciphertext=body.reply_ciphertext,
        author_id=author_id,
    )
    if report.acknowledged_on is None:
        report.acknowledged_on = today
    if report.status == "new":
        report.status = "in_progress"
    session.flush()
    return message


def add_note(session: Session, *, case_id: uuid.UUID, author_id: uuid.UUID, body: NoteIn) -> Note:
    # Locked like a reply, so that two notes at once cannot take the same number.
    threads.lock_report(session, case_id)
    inbox_keys.check_current_version(session, body.inbox_version)
    if session.get(Note, body.id) is not None:
        raise Conflict("already_received", NOTE_EXISTS)
    last = session.scalar(select(func.max(Note.seq)).where(Note.report_id == case_id))
    note = Note(
        id=body.id,
        report_id=case_id,
        seq=(last or 0) + 1,
        author_id=author_id,
        inbox_version=body.inbox_version,
        ciphertext=body.ciphertext,
    )
    session.add(note)
    session.flush()
    return note
