"""A report's thread of messages, shared by the reporter's mailbox and the advisers' replies."""

from __future__ import annotations

import hashlib
import uuid

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.errors import N_, Conflict, NotFound
from app.models import Message, Report

ALREADY_SENT = N_("This message was already received.")
CASE_NOT_FOUND = N_("This case does not exist.")


def thread_lock_key(report_id: uuid.UUID) -> int:
    """A 64-bit advisory lock key for one report's thread, from a labelled hash of its id."""
    digest = hashlib.sha256(b"vertrouwenspunt/thread-lock/" + report_id.bytes).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def lock_report(session: Session, report_id: uuid.UUID) -> Report:
    """Load a report to write its thread, with concurrent writers of that thread in a queue.

    On PostgreSQL a row lock (SELECT ... FOR UPDATE) would write the locking transaction's id
    into the report row's xmax, where it stays: the report row would tell which transaction (a
    follow-up, a reply, a signal) touched it last (R3, R5). A transaction-level advisory lock
    leaves nothing in any row and is released at commit or rollback; the plain SELECT after it
    sees everything committed before the lock was granted. On SQLite every transaction already
    holds the write lock from its start (BEGIN IMMEDIATE, app.db), so nothing more is needed.

    Inserting a row with a foreign key to the report (a message) still makes PostgreSQL take a
    key-share lock on the report row, which sets its xmax too; that tells no more than the new
    row's own xmin and report_id (docs/residual-metadata.md).
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": thread_lock_key(report_id)}
        )
    # populate_existing: a copy loaded before the lock was granted may be out of date.
    query = select(Report).where(Report.id == report_id).execution_options(populate_existing=True)
    report = session.scalars(query).first()
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
