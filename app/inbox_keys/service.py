"""Inbox key versions and their wraps to members' personal keys (DESIGN: team changes).

The server never sees an inbox private key: members' browsers make new versions and wrap them, and
the server checks that every version is wrapped to exactly the members who should read it.

Who holds the key is decided by advisers, never by the administrator role (T3): only an adviser who
holds the current version may make the next one or grant it, and a new version goes only to the
advisers who hold the current one (the *granted*). An invited adviser becomes a reader only when a
key holder grants them access, after comparing their safety number (app.inbox_keys.key_checks).
"""

from __future__ import annotations

import uuid

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.errors import N_, Conflict, Forbidden, NotFound, ServiceUnavailable, Unprocessable
from app.inbox_keys import key_checks
from app.models import InboxKey, InboxKeyWrap, StaffMember

NO_INBOX_KEY = N_("The service is not ready to receive reports yet. Try again later.")
WRONG_VERSION = N_("A new inbox key must have the next version number.")
WRONG_RECIPIENTS = N_(
    "The new key must be wrapped for every adviser who holds the current key, and only for them."
)
KEY_HOLDER_REQUIRED = N_(
    "Only an adviser who holds the current inbox key can renew it or give access to it."
)
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


def holders(session: Session, version: int) -> set[uuid.UUID]:
    """The active advisers who hold ``version``: those a key holder made or granted it for."""
    query = (
        select(StaffMember.id)
        .join(InboxKeyWrap, InboxKeyWrap.member_id == StaffMember.id)
        .where(
            InboxKeyWrap.inbox_version == version,
            StaffMember.status == "active",
            StaffMember.is_vp,
            StaffMember.partner_id.is_(None),
        )
    )
    return set(session.scalars(query))


def holds_current(session: Session, member: StaffMember) -> bool:
    latest = current(session)
    return latest is not None and member.id in holders(session, latest.version)


def holds_any(session: Session, member_id: uuid.UUID) -> bool:
    query = select(InboxKeyWrap.member_id).where(InboxKeyWrap.member_id == member_id).limit(1)
    return session.scalars(query).first() is not None


def require_key_holder(session: Session, member: StaffMember) -> None:
    if not holds_current(session, member):
        raise Forbidden("key_holder_required", KEY_HOLDER_REQUIRED)


def create_version(
    session: Session,
    *,
    actor: StaffMember,
    version: int,
    public_key: bytes,
    wraps: dict[uuid.UUID, bytes],
    safety_numbers: dict[uuid.UUID, str | None],
    leaving: uuid.UUID | None = None,
) -> InboxKey:
    """Add the next version, made in ``actor``'s browser, wrapped to exactly the granted advisers.

    The first version goes to its maker alone (everyone else is granted it, fingerprint compared);
    a later one only from an adviser who holds the current version, to the holders of the current
    version except ``leaving``. So neither an administrator who is not an adviser nor an invited
    adviser nobody granted ever makes or receives one (T3). Every wrap for someone other than
    the maker names the safety number the maker compared (``safety_numbers``, checked against the
    member's key), which the route records in the audit log.
    """
    latest = current(session)
    if version != (latest.version + 1 if latest else 1):
        raise Conflict("wrong_key_version", WRONG_VERSION)
    if latest is None:
        expected = {actor.id} if actor.is_vp and actor.partner_id is None else set()
    else:
        require_key_holder(session, actor)
        expected = holders(session, latest.version) - {leaving}
    if set(wraps) != expected:
        raise Unprocessable("wrong_key_recipients", WRONG_RECIPIENTS)
    for member_id in expected - {actor.id}:
        member = session.get(StaffMember, member_id)
        assert member is not None  # noqa: S101 - a holder is an existing member
        key_checks.require_safety_number(member, safety_numbers.get(member_id))
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


def grant(
    session: Session,
    *,
    granter: StaffMember,
    member_id: uuid.UUID,
    wraps: dict[int, bytes],
    safety_number: str,
) -> StaffMember:
    """Give a member the inbox key versions they lack, wrapped by a colleague's browser.

    Only an adviser who holds the current version grants, and only versions they hold: a wrap
    from anyone else opens nothing, yet would make its addressee a holder, to whom the next
    version is then wrapped. ``safety_number`` is what the granter compared with the newcomer.
    Wraps the member already holds are never replaced, so no adviser can overwrite a colleague's
    working access with a wrap that does not open.
    """
    member = session.get(StaffMember, member_id)
    if member is None or member.status != "active" or not member.is_vp or member.partner_id:
        raise NotFound("member_not_found", MEMBER_NOT_FOUND)
    require_key_holder(session, granter)
    if not set(wraps) <= set(
        session.scalars(
            select(InboxKeyWrap.inbox_version).where(InboxKeyWrap.member_id == granter.id)
        )
    ):
        raise Forbidden("key_holder_required", KEY_HOLDER_REQUIRED)
    key_checks.require_safety_number(member, safety_number)
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
    return member


def access_of(session: Session, member_id: uuid.UUID) -> list[tuple[InboxKey, bytes | None]]:
    wraps = {
        w.inbox_version: w.wrapped_key
        for w in session.scalars(select(InboxKeyWrap).where(InboxKeyWrap.member_id == member_id))
    }
    keys = session.scalars(select(InboxKey).order_by(InboxKey.version))
    return [(key, wraps.get(key.version)) for key in keys]


def revoke_member(session: Session, member_id: uuid.UUID) -> None:
    session.execute(delete(InboxKeyWrap).where(InboxKeyWrap.member_id == member_id))
