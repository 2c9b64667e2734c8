"""Partner public keys: registered by the partner's own system with a one-time key enrolment code.

Advisers seal each signal to the partner's newest key that is not retired. An API token cannot
add a key, so a leaked token cannot redirect future signals to someone else's key.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import N_, Conflict, Gone, NotFound, Unprocessable
from app.models import PartnerEnrolment, PartnerKey
from app.models.base import utcnow
from app.partners import service as partners
from app.partners.enrolment_codes import canonical, new_code
from crypto import KeyFormatError, fingerprint, key_id, keyed_hash, load_public_key

ENROLMENT_INVALID = N_("This key enrolment code is invalid, expired or already used.")
KEY_REUSED = N_("This public key was registered before; make a new key.")
KEY_NOT_FOUND = N_("This key does not exist.")
NO_PARTNER_KEY = N_("This organisation has no key yet, so it cannot receive signals.")
BAD_KEY = N_("This is not a valid public key.")


def _enrolment_hash(key: bytes, token: str) -> bytes:
    return keyed_hash(key, token.encode(), purpose="partner-key-enrolment")


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def create_enrolment(session: Session, *, key: bytes, partner_id: str, hours: int) -> str:
    partners.get(session, partner_id)
    token = new_code()
    session.add(
        PartnerEnrolment(
            token_hash=_enrolment_hash(key, canonical(token)),
            partner_id=partner_id,
            expires_at=utcnow() + timedelta(hours=hours),
        )
    )
    session.flush()
    return token


def register(session: Session, *, key: bytes, token: str, public_key: bytes) -> PartnerKey:
    """Spend the key enrolment code and add the key as the partner's newest."""
    enrolment = session.get(PartnerEnrolment, _enrolment_hash(key, canonical(token)))
    if enrolment is None or _aware(enrolment.expires_at) < utcnow():
        raise Gone("enrolment_invalid", ENROLMENT_INVALID)
    partner = partners.get(session, enrolment.partner_id)
    try:
        identifier = key_id(load_public_key(public_key))
    except KeyFormatError:
        raise Unprocessable("bad_public_key", BAD_KEY) from None
    if session.scalars(select(PartnerKey).where(PartnerKey.public_key == public_key)).first():
        raise Conflict("key_reused", KEY_REUSED)
    session.delete(enrolment)
    row = PartnerKey(partner_id=partner.id, public_key=public_key, key_id=identifier)
    session.add(row)
    session.flush()
    return row


def keys_of(session: Session, partner_id: str) -> list[PartnerKey]:
    query = select(PartnerKey).where(PartnerKey.partner_id == partner_id)
    return list(session.scalars(query.order_by(PartnerKey.created_at.desc())))


def current(session: Session, partner_id: str) -> PartnerKey | None:
    """The key advisers seal to now: the newest one not retired."""
    query = select(PartnerKey).where(
        PartnerKey.partner_id == partner_id, PartnerKey.retired_at.is_(None)
    )
    return session.scalars(query.order_by(PartnerKey.created_at.desc()).limit(1)).first()


def require_current(session: Session, partner_id: str) -> PartnerKey:
    found = current(session, partner_id)
    if found is None:
        raise Unprocessable("no_partner_key", NO_PARTNER_KEY)
    return found


def retire(session: Session, *, partner_id: str, key_row_id: object) -> PartnerKey:
    row = session.get(PartnerKey, key_row_id)
    if row is None or row.partner_id != partner_id:
        raise NotFound("key_not_found", KEY_NOT_FOUND)
    if row.retired_at is None:
        row.retired_at = utcnow()
    session.flush()
    return row


def fingerprint_of(row: PartnerKey) -> str:
    return fingerprint(load_public_key(row.public_key))
