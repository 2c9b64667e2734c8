"""API tokens for a partner's own systems: shown once, stored as a keyed hash, revocable."""

from __future__ import annotations

import secrets
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import N_, NotFound, Unauthorized
from app.models import ApiToken, Partner
from app.models.base import today, utcnow
from app.partners import service as partners
from crypto import keyed_hash

# A recognisable prefix lets secret scanners find a token pasted where it should not be.
PREFIX = "vpt_"
TOKEN_INVALID = N_("This API token is not valid or was revoked.")
TOKEN_NOT_FOUND = N_("This API token does not exist.")


def token_hash(key: bytes, token: str) -> bytes:
    return keyed_hash(key, token.encode(), purpose="api-token")


def create(session: Session, *, key: bytes, partner_id: str, name: str) -> tuple[ApiToken, str]:
    partners.get(session, partner_id)
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(partner_id=partner_id, name=name, token_hash=token_hash(key, token))
    session.add(row)
    session.flush()
    return row, token


def tokens_of(session: Session, partner_id: str) -> list[ApiToken]:
    query = select(ApiToken).where(ApiToken.partner_id == partner_id)
    return list(session.scalars(query.order_by(ApiToken.created_at)))


def revoke(session: Session, *, partner_id: str, token_id: uuid.UUID) -> ApiToken:
    row = session.get(ApiToken, token_id)
    if row is None or row.partner_id != partner_id:
        raise NotFound("token_not_found", TOKEN_NOT_FOUND)
    if row.revoked_at is None:
        row.revoked_at = utcnow()
    session.flush()
    return row


def resolve(session: Session, *, key: bytes, token: str) -> ApiToken:
    """The live token for a bearer value; notes the day of use at most once a day."""
    row = session.scalars(
        select(ApiToken).where(ApiToken.token_hash == token_hash(key, token))
    ).first()
    partner = session.get(Partner, row.partner_id) if row is not None else None
    if row is None or row.revoked_at is not None or partner is None or not partner.active:
        raise Unauthorized("token_invalid", TOKEN_INVALID)
    if row.last_used_on != today():
        row.last_used_on = today()
        session.flush()
    return row
