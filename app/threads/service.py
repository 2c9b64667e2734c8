"""A report's thread of messages, shared by the reporter's mailbox and the advisers' replies."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import N_, Conflict, NotFound
from app.models import Message, Report

ALREADY_SENT = N_("This message was already received.")
CASE_NOT_FOUND = N_("This case does not exist.")


def lock_report(session: Session, report_id: uuid.UUID) -> Report:
    """Load a report to write its thread; on PostgreSQL the row lock orders concurrent writers."""
    report = session.scalars(select(Report).where(Report.id == report_id).with_for_update()).first()
    if report is None:
        raise NotFound("case_not_found", CASE_NOT_FOUND)
    return report


def add_message(
    session: Session,
    *,
    report: Report,
    message_id: uuid.UUID,
    kind: str,
    inbox_version: int | None,
    inbox_ciphertext: bytes | None,
    reply_ciphertext: bytes | None,
    author_id: uuid.UUID | None = None,
) -> Message:
    if session.get(Message, message_id) is not None:
        raise Conflict("already_received", ALREADY_SENT)
    last = session.scalar(select(func.max(Message.seq)).where(Message.report_id == report.id))
    message = Message(
        id=message_id,
        report_id=report.id,
        seq=(last or 0) + 1,
        kind=kind,
        inbox_version=inbox_version,
        inbox_ciphertext=inbox_ciphertext,
        reply_ciphertext=reply_ciphertext,
        author_id=author_id,
    )
    session.add(message)
    session.flush()
    return message


def messages_of(session: Session, report_id: uuid.UUID) -> list[Message]:
    query = select(Message).where(Message.report_id == report_id).order_by(Message.seq)
    return list(session.scalars(query))
