"""Server-side staff sessions: the cookie carries a random token, the table only its keyed hash."""

from __future__ import annotations

import hmac
import secrets
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from app.errors import N_, Unauthorized
from app.models import StaffMember, StaffSession
from app.models.base import utcnow
from app.settings import SessionSettings
from crypto import keyed_hash

COOKIE_NAME = "__Host-vp-session"
CSRF_HEADER = "X-CSRF-Token"
SESSION_EXPIRED = N_("Your session has ended. Log in again.")


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def token_hash(key: bytes, token: str) -> bytes:
    return keyed_hash(key, token.encode(), purpose="staff-session")


def csrf_token(key: bytes, token: str) -> str:
    return keyed_hash(key, token.encode(), purpose="staff-csrf").hex()


def csrf_matches(key: bytes, token: str, presented: str | None) -> bool:
    return presented is not None and hmac.compare_digest(csrf_token(key, token), presented)


def create(session: Session, *, key: bytes, member_id: uuid.UUID) -> str:
    token = secrets.token_urlsafe(32)
    session.add(StaffSession(token_hash=token_hash(key, token), member_id=member_id))
    session.flush()
    return token


def resolve(
    session: Session, *, key: bytes, token: str | None, settings: SessionSettings
) -> StaffMember:
    if not token:
        raise Unauthorized("session_expired", SESSION_EXPIRED)
    row = session.get(StaffSession, token_hash(key, token))
    now = utcnow()
    if row is None:
        raise Unauthorized("session_expired", SESSION_EXPIRED)
    idle = now - _aware(row.last_seen_at) > timedelta(minutes=settings.idle_minutes)
    too_old = now - _aware(row.created_at) > timedelta(hours=settings.absolute_hours)
    member = session.get(StaffMember, row.member_id)
    if idle or too_old or member is None or member.status != "active":
        session.delete(row)
        session.flush()
        raise Unauthorized("session_expired", SESSION_EXPIRED)
    row.last_seen_at = now
    return member


def revoke(session: Session, *, key: bytes, token: str) -> None:
    session.execute(delete(StaffSession).where(StaffSession.token_hash == token_hash(key, token)))


def revoke_all(session: Session, *, member_id: uuid.UUID) -> None:
    session.execute(delete(StaffSession).where(StaffSession.member_id == member_id))
