"""The reporter's anonymous mailbox, opened with the credential derived from the receipt."""

from __future__ import annotations

import base64
import binascii

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.db import mark_erasure
from app.errors import N_, BadRequest, Unauthorized
from app.inbox_keys import service as inbox_keys
from app.mailbox.schemas import FollowUpIn
from app.models import Message, Report
from app.reports.service import credential_hash
from app.threads import service as threads

UNKNOWN_RECEIPT = N_("We do not know this receipt. Check it, or the report may have been erased.")
BAD_CREDENTIAL = N_("The receipt could not be read. Type it again.")


def open_mailbox(session: Session, *, mailbox_key: bytes, credential: str | None) -> Report:
    if not credential:
        raise Unauthorized("unknown_receipt", UNKNOWN_RECEIPT)
    try:
        raw = base64.b64decode(credential, validate=True)
    except (binascii.Error, ValueError):
        raise BadRequest("invalid_credential", BAD_CREDENTIAL) from None
    if len(raw) != 32:
        raise BadRequest("invalid_credential", BAD_CREDENTIAL)
    hashed = credential_hash(mailbox_key, raw)
    report = session.scalars(select(Report).where(Report.credential_hash == hashed)).first()
    if report is None:
        raise Unauthorized("unknown_receipt", UNKNOWN_RECEIPT)
    return report


def visible_messages(session: Session, report: Report) -> list[Message]:
    return [m for m in threads.messages_of(session, report.id) if m.reply_ciphertext is not None]


def follow_up(session: Session, *, report: Report, body: FollowUpIn) -> Message:
    inbox_keys.check_current_version(session, body.inbox_version)
    locked = threads.lock_report(session, report.id)
    return threads.add_message(
        session,
        report=locked,
        message_id=body.id,
        kind="reporter",
        inbox_version=body.inbox_version,
        inbox_ciphertext=body.inbox_ciphertext,
        reply_ciphertext=body.reply_ciphertext,
    )


def erase(session: Session, *, report: Report) -> None:
    """The reporter's right to erase: the report and everything tied to it, through FK cascades."""
    session.execute(delete(Report).where(Report.id == report.id))
    session.flush()
    mark_erasure(session)
