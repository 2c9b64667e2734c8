"""The reporter's anonymous mailbox, opened with the credential derived from the receipt."""

from __future__ import annotations

import base64
import binascii
import uuid

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.db import mark_erasure
from app.errors import N_, BadRequest, Unauthorized
from app.inbox_keys import service as inbox_keys
from app.mailbox.schemas import FollowUpIn
from app.models import Consent, ErasureTombstone, Message, Report
from app.reports.service import credential_hash
from app.threads import service as threads
from client import protocol
from crypto import load_public_key, seal

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


def consents_of(session: Session, report: Report) -> list[str]:
    """The partners the reporter allowed a signal to, shown back to them in the mailbox."""
    query = select(Consent.partner_id).where(Consent.report_id == report.id)
    return sorted(session.scalars(query))


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


def erase(session: Session, *, report: Report) -> ErasureTombstone:
    """The reporter's right to erase: the report and everything tied to it, through FK cascades.

    What stays is a tombstone for the advisers: the day, and the report's id sealed to the
    inbox key so that their console can say the case was erased (app.models.erasure_tombstone).
    """
    key = inbox_keys.require_current(session)
    tombstone_id = uuid.uuid4()
    tombstone = ErasureTombstone(
        id=tombstone_id,
        inbox_version=key.version,
        case_ref=seal(
            load_public_key(key.public_key),
            str(report.id).encode(),
            info=protocol.erasure(tombstone_id, key.version),
        ),
    )
    session.execute(delete(Report).where(Report.id == report.id))
    session.add(tombstone)
    session.flush()
    mark_erasure(session)
    return tombstone
