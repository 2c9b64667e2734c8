"""Inbox key versions and their wraps to members' personal keys (DESIGN: team changes).

The server never sees an inbox private key: members' browsers make new versions and wrap them, and
the server checks that every version is wrapped to exactly the members who should read it.
"""

from __future__ import annotations

import uuid

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.errors import N_, Conflict, NotFound, ServiceUnavailable, Unprocessable
from app.models import InboxKey, InboxKeyWrap, StaffMember

NO_INBOX_KEY = N_("The service is not ready to receive reports yet. Try again later.")
WRONG_VERSION = N_("A new inbox key must have the next version number.")
WRONG_RECIPIENTS = N_("The new key must be wrapped for every active adviser, and only for them.")
UNKNOWN_VERSION = N_("This key version is not known.")
STALE_VERSION = N_("The inbox key has changed. Reload and send again.")
MEMBER_NOT_FOUND = N_("This team member does not exist.")
MISSING_VERSIONS = N_("Access must be granted for every inbox key version.")
ALREADY_HAS_ACCESS = N_("This team member can already read every inbox key version.")
KEY_REUSED = N_("This public key was used before; make a new key.")


def current(session: Session) -> InboxKey | None:
    return session.scalars(select(InboxKey).order_by(InboxKey.version.desc()).limit(1)).first()


def require_current(session: Session) -> InboxKey:
    key = current(session)
    if key is None:
        raise ServiceUnavailable("no_inbox_key", NO_INBOX_KEY)
    return key


def check_current_version(session: Session, version: int) -> None:
    """Refuse ciphertext made for an old or unknown inbox key version.

    Runs for every submission, so it reads one integer rather than loading the key. It is never
    cached: a report sealed to a version made before a member left must not be accepted.
    """
    latest = session.scalar(select(func.max(InboxKey.version)))
    if latest is None:
        raise ServiceUnavailable("no_inbox_key", NO_INBOX_KEY)
    if version == latest:
        return
    if session.get(InboxKey, version) is None:
        raise Unprocessable("unknown_key_version", UNKNOWN_VERSION)
    raise Conflict("stale_key_version", STALE_VERSION)


def check_known_version(session: Session, version: int) -> None:
    if session.get(InboxKey, version) is None:
        raise Unprocessable("unknown_key_version", UNKNOWN_VERSION)


def active_vp_ids(session: Session) -> set[uuid.UUID]:
    query = select(StaffMember.id).where(StaffMember.status == "active", StaffMember.is_vp)
    return set(session.scalars(query))


def create_version(
    session: Session,
    *,
    version: int,
    public_key: bytes,
    wraps: dict[uuid.UUID, bytes],
    readers: set[uuid.UUID] | None = None,
) -> InboxKey:
    """Add the next version, wrapped to exactly ``readers`` (default: every active VP)."""
    latest = current(session)
    if version != (latest.version + 1 if latest else 1):
        raise Conflict("wrong_key_version", WRONG_VERSION)
    expected = active_vp_ids(session) if readers is None else readers
    if set(wraps) != expected:
        raise Unprocessable("wrong_key_recipients", WRONG_RECIPIENTS)
    if session.scalars(select(InboxKey).where(InboxKey.public_key == public_key)).first():
        raise Conflict("key_reused", KEY_REUSED)
    key = InboxKey(version=version, public_key=public_key)
    session.add(key)
    session.flush()
    session.add_all(
        InboxKeyWrap(inbox_version=version, member_id=member_id, wrapped_key=wrapped)
        for member_id, wrapped in wraps.items()
    )
    session.flush()
    return key


def grant(session: Session, *, member_id: uuid.UUID, wraps: dict[int, bytes]) -> None:
    """Give a member the inbox key versions they lack, wrapped by a colleague's browser.

    Wraps the member already holds are never replaced, so no adviser can overwrite a colleague's
    working access with a wrap that does not open.
    """
    member = session.get(StaffMember, member_id)
    if member is None or member.status != "active" or not member.is_vp:
        raise NotFound("member_not_found", MEMBER_NOT_FOUND)
    versions = set(session.scalars(select(InboxKey.version)))
    held = set(
        session.scalars(
            select(InboxKeyWrap.inbox_version).where(InboxKeyWrap.member_id == member_id)
        )
    )
    missing = versions - held
    if not missing:
        raise Conflict("already_has_access", ALREADY_HAS_ACCESS)
    if not missing <= set(wraps) or not set(wraps) <= versions:
        raise Unprocessable("missing_key_versions", MISSING_VERSIONS)
    session.add_all(
        InboxKeyWrap(inbox_version=version, member_id=member_id, wrapped_key=wraps[version])
        for version in sorted(missing)
    )
    session.flush()


def access_of(session: Session, member_id: uuid.UUID) -> list[tuple[InboxKey, bytes | None]]:
    wraps = {
        w.inbox_version: w.wrapped_key
        for w in session.scalars(select(InboxKeyWrap).where(InboxKeyWrap.member_id == member_id))
    }
    keys = session.scalars(select(InboxKey).order_by(InboxKey.version))
    return [(key, wraps.get(key.version)) for key in keys]


def revoke_member(session: Session, member_id: uuid.UUID) -> None:
    session.execute(delete(InboxKeyWrap).where(InboxKeyWrap.member_id == member_id))
