"""Receiving a report: only ciphertext, a date, consent choices and a hash of the credential."""

from __future__ import annotations

import uuid

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import N_, Conflict
from app.inbox_keys import service as inbox_keys
from app.models import Consent, Report
from app.partners import service as partners
from app.reports.schemas import ReportIn
from crypto import keyed_hash

ALREADY_SENT = N_("This report was already received.")


def credential_hash(key: bytes, credential: bytes) -> bytes:
    """The credential carries a receipt's 96 bits or more, so a keyed hash suffices (DESIGN)."""
    return keyed_hash(key, credential, purpose="mailbox-credential")


def submit(session: Session, *, mailbox_key: bytes, report: ReportIn) -> Report:
    inbox_keys.check_current_version(session, report.inbox_version)
    partners.require_connected(session, set(report.consents))
    hashed = (
        credential_hash(mailbox_key, report.mailbox_credential)
        if report.mailbox_credential is not None
        else None
    )
    row = Report(
        id=report.id,
        inbox_version=report.inbox_version,
        ciphertext=report.ciphertext,
        reporter_copy=report.reporter_copy,
        reply_public_key=report.reply_public_key,
        credential_hash=hashed,
    )
    session.add(row)
    # A resent report is rare; the unique id and credential catch it in the insert, rather than
    # two lookups before every submission (each a round trip on the hot path).
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        if _already_received(session, report.id, hashed):
            raise Conflict("already_received", ALREADY_SENT) from None
        raise
    session.add_all(Consent(report_id=row.id, partner_id=p) for p in report.consents)
    session.flush()
    return row


def _already_received(session: Session, report_id: uuid.UUID, hashed: bytes | None) -> bool:
    same = Report.id == report_id
    if hashed is not None:
        same = or_(same, Report.credential_hash == hashed)
    return session.scalars(select(Report.id).where(same).limit(1)).first() is not None
