"""Triage API for advisers. Each access to a case is written to the audit log (R6)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from app.audit import service as audit
from app.cases import deadlines, schemas, service
from app.db import DbSession
from app.errors import N_, BadRequest
from app.models import Report
from app.models.base import today
from app.routing import UnitOfWorkRoute
from app.staff.deps import VpMember
from app.threads import service as threads

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/api/v1/cases", tags=["cases"])


def summary(
    report: Report, labels: list[str], consents: list[str], unanswered: int, day: date
) -> dict[str, object]:
    one_way = report.reply_public_key is None
    # A one-way report has no mailbox, so nobody can be told it arrived: no acknowledgement
    # deadline, and it is never late for one. The feedback deadline (met by closing) stays.
    ack_due = None if one_way else deadlines.acknowledge_due(report.created_on)
    feedback_due = deadlines.feedback_due(report.created_on)
    open_ = report.status != "closed"
    return {
        "id": report.id,
        "created_on": report.created_on,
        "status": report.status,
        "labels": labels,
        "assignee_id": report.assignee_id,
        "one_way": one_way,
        "acknowledged_on": report.acknowledged_on,
        "acknowledge_due": ack_due,
        "feedback_due": feedback_due,
        "acknowledge_overdue": (
            ack_due is not None and open_ and report.acknowledged_on is None and day > ack_due
        ),
        "feedback_overdue": open_ and day > feedback_due,
        "consents": consents,
        "unanswered": unanswered,
    }


@router.get("", response_model=schemas.CasePage)
def list_cases(
    vp: VpMember,
    session: DbSession,
    status: schemas.Status | None = None,
    label: schemas.Label | None = None,
    assignee: Annotated[str | None, Query(description="a member id, 'me' or 'none'")] = None,
    overdue: Literal["acknowledge", "feedback", "any"] | None = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> schemas.CasePage:
    assignee_id: uuid.UUID | None = None
    if assignee == "me":
        assignee_id = vp.id
    elif assignee not in (None, "none"):
        try:
            assignee_id = uuid.UUID(assignee)
        except ValueError:
            raise BadRequest("invalid_assignee", N_("This adviser is not known.")) from None
    filters = service.Filters(
        status=status,
        label=label,
        assignee=assignee_id,
        unassigned=assignee == "none",
        overdue=overdue,
    )
    day = today()
    rows, next_cursor = service.list_cases(
        session, filters=filters, cursor=cursor, limit=limit, today=day
    )
    ids = [r.id for r in rows]
    labels, consents = service.labels_of(session, ids), service.consents_of(session, ids)
    unanswered = service.unanswered_of(session, ids)
    audit.record(session, actor_kind="staff", actor_id=vp.id, action="case.list")
    return schemas.CasePage(
        items=[
            schemas.CaseSummary.model_validate(
                summary(r, labels[r.id], consents[r.id], unanswered[r.id], day)
            )
            for r in rows
        ],
        next_cursor=next_cursor,
    )


def detail(session: DbSession, report: Report) -> schemas.CaseDetail:
    day = today()
    labels = service.labels_of(session, [report.id])[report.id]
    consents = service.consents_of(session, [report.id])[report.id]
    unanswered = service.unanswered_of(session, [report.id])[report.id]
    return schemas.CaseDetail.model_validate(
        {
            **summary(report, labels, consents, unanswered, day),
            "inbox_version": report.inbox_version,
            "ciphertext": report.ciphertext,
            "reply_public_key": report.reply_public_key,
            "messages": [
                schemas.ThreadMessage(
                    id=m.id,
                    seq=m.seq,
                    kind=m.kind,
                    created_on=m.created_on,
                    inbox_version=m.inbox_version,
                    ciphertext=m.inbox_ciphertext,
                    author_id=m.author_id,
                )
                for m in threads.messages_of(session, report.id)
            ],
            "notes": [
                schemas.NoteOut(
                    id=n.id,
                    author_id=n.author_id,
                    inbox_version=n.inbox_version,
                    ciphertext=n.ciphertext,
                )
                for n in service.notes_of(session, report.id)
            ],
        }
    )


# Declared before "/{case_id}", which would otherwise take "erased" for a malformed case id.
@router.get("/erased", response_model=list[schemas.Tombstone])
def erased_cases(vp: VpMember, session: DbSession) -> list[schemas.Tombstone]:
    """What is left of reports their reporters erased: the day, and the sealed case id."""
    rows = service.tombstones(session)
    audit.record(session, actor_kind="staff", actor_id=vp.id, action="case.list_erased")
    return [
        schemas.Tombstone(
            id=t.id, erased_on=t.erased_on, inbox_version=t.inbox_version, case_ref=t.case_ref
        )
        for t in rows
    ]


@router.get("/{case_id}", response_model=schemas.CaseDetail)
def get_case(case_id: uuid.UUID, vp: VpMember, session: DbSession) -> schemas.CaseDetail:
    report = service.get_case(session, case_id)
    audit.record(session, actor_kind="staff", actor_id=vp.id, action="case.read", case_id=case_id)
    return detail(session, report)


@router.patch("/{case_id}", response_model=schemas.CaseDetail)
def update_case(
    case_id: uuid.UUID, body: schemas.CaseUpdate, vp: VpMember, session: DbSession
) -> schemas.CaseDetail:
    report = service.update_case(session, case_id=case_id, change=body, today=today())
    audit.record(
        session,
        actor_kind="staff",
        actor_id=vp.id,
        action="case.update",
        case_id=case_id,
        detail=body.model_dump(mode="json", exclude_defaults=True),
    )
    return detail(session, report)


@router.post("/{case_id}/replies", response_model=schemas.Created, status_code=201)
def reply(
    case_id: uuid.UUID, body: schemas.ReplyIn, vp: VpMember, session: DbSession
) -> schemas.Created:
    message = service.reply(session, case_id=case_id, author_id=vp.id, body=body, today=today())
    audit.record(session, actor_kind="staff", actor_id=vp.id, action="case.reply", case_id=case_id)
    return schemas.Created(id=message.id)


@router.post("/{case_id}/notes", response_model=schemas.Created, status_code=201)
def add_note(
    case_id: uuid.UUID, body: schemas.NoteIn, vp: VpMember, session: DbSession
) -> schemas.Created:
    note = service.add_note(session, case_id=case_id, author_id=vp.id, body=body)
    audit.record(session, actor_kind="staff", actor_id=vp.id, action="case.note", case_id=case_id)
    return schemas.Created(id=note.id)
