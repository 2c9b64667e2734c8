"""Staff accounts: invitation, enrolment with TOTP, login and removal with key rotation.

Argon2 runs in the routes (async, bounded; app.staff.hashing); these functions only touch the
database and never commit.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.errors import (
    N_,
    Conflict,
    Forbidden,
    Gone,
    NotFound,
    TooManyRequests,
    Unauthorized,
    Unprocessable,
)
from app.inbox_keys import service as inbox_keys
from app.models import RecoveryCode, Report, StaffMember, StaffSecurityKey
from app.models.base import utcnow
from app.security.server_keys import ServerKeys
from app.settings import Settings
from app.staff import login_throttle, schemas, sessions, totp
from crypto import DecryptionError, keyed_hash

USERNAME_TAKEN = N_("This username is already taken.")
ENROLMENT_INVALID = N_("This enrolment link is invalid, expired or already used.")
KDF_TOO_WEAK = N_("The passphrase key derivation is too weak.")
TOTP_WRONG = N_("The code from the authenticator app is not right. Check the time on your phone.")
LOGIN_FAILED = N_("Login failed. Check your username, passphrase and code.")
LOGIN_THROTTLED = N_("Too many attempts. Wait a while and try again.")
CANNOT_REMOVE_SELF = N_("You cannot remove yourself.")
MEMBER_NOT_FOUND = N_("This team member does not exist.")
PARTNER_USER = N_("This is a partner's user; remove them in the partner's settings.")
NOT_ALLOWED = N_("You are not allowed to do this.")
ROTATION_REQUIRED = N_(
    "This member holds the inbox key: renew it while removing them, from the browser of an "
    "adviser who holds it."
)

_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _enrolment_hash(keys: ServerKeys, token: str) -> bytes:
    return keyed_hash(keys.enrolment, token.encode(), purpose="enrolment-token")


def _recovery_hash(keys: ServerKeys, code: str) -> bytes:
    normalised = code.upper().replace("-", "").replace(" ", "")
    return keyed_hash(keys.recovery, normalised.encode(), purpose="recovery-code")


def invite(
    session: Session,
    *,
    keys: ServerKeys,
    settings: Settings,
    username: str,
    is_admin: bool,
    is_vp: bool,
    partner_id: str | None = None,
) -> tuple[StaffMember, str]:
    """Invite a VP or admin, or (with ``partner_id``) a user of one chain partner."""
    if session.scalars(select(StaffMember).where(StaffMember.username == username)).first():
        raise Conflict("username_taken", USERNAME_TAKEN)
    token = secrets.token_urlsafe(32)
    member = StaffMember(
        id=uuid.uuid4(),
        username=username,
        is_admin=is_admin and partner_id is None,
        is_vp=is_vp and partner_id is None,
        partner_id=partner_id,
        status="invited",
        enrolment_token_hash=_enrolment_hash(keys, token),
        enrolment_expires_at=utcnow() + timedelta(hours=settings.staff.enrolment_hours),
    )
    session.add(member)
    session.flush()
    return member, token


def invited_member(session: Session, *, keys: ServerKeys, token: str) -> StaffMember:
    member = session.scalars(
        select(StaffMember).where(StaffMember.enrolment_token_hash == _enrolment_hash(keys, token))
    ).first()
    expired = member is None or (
        member.enrolment_expires_at is None or _aware(member.enrolment_expires_at) < utcnow()
    )
    if member is None or expired or member.status != "invited":
        raise Gone("enrolment_invalid", ENROLMENT_INVALID)
    return member


def start_enrolment(
    session: Session,
    *,
    keys: ServerKeys,
    settings: Settings,
    token: str,
    public_key: bytes,
    wrapped_private_key: bytes,
    kdf_salt: bytes,
    kdf_iterations: int,
    auth_hash: str,
) -> tuple[StaffMember, str]:
    """Store the member's key material and a fresh TOTP seed; returns the seed to show once."""
    member = invited_member(session, keys=keys, token=token)
    if kdf_iterations < settings.staff.pbkdf2_min_iterations:
        raise Unprocessable("kdf_too_weak", KDF_TOO_WEAK)
    seed = totp.new_secret()
    member.public_key = public_key
    member.wrapped_private_key = wrapped_private_key
    member.kdf_salt = kdf_salt
    member.kdf_iterations = kdf_iterations
    member.auth_hash = auth_hash
    member.totp_secret_sealed = totp.seal_secret(seed, key=keys.totp, member_id=member.id)
    member.totp_last_step = None
    session.flush()
    return member, seed


def confirm_enrolment(
    session: Session, *, keys: ServerKeys, settings: Settings, member: StaffMember, code: str
) -> list[str]:
    """Prove the authenticator works, activate the member, and hand out recovery codes once."""
    if member.totp_secret_sealed is None or member.auth_hash is None:
        raise Gone("enrolment_invalid", ENROLMENT_INVALID)
    step = _totp_step(keys, member, code)
    if step is None:
        raise Unprocessable("totp_wrong", TOTP_WRONG)
    member.totp_last_step = step
    member.status = "active"
    member.enrolment_token_hash = None
    member.enrolment_expires_at = None
    codes = []
    for _ in range(settings.staff.recovery_codes):
        raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
        codes.append(f"{raw[:4]}-{raw[4:8]}-{raw[8:]}")
        session.add(RecoveryCode(member_id=member.id, code_hash=_recovery_hash(keys, raw)))
    session.flush()
    return codes


def _totp_step(keys: ServerKeys, member: StaffMember, code: str) -> int | None:
    if member.totp_secret_sealed is None:
        return None
    try:
        seed = totp.open_secret(member.totp_secret_sealed, key=keys.totp, member_id=member.id)
    except DecryptionError:
        return None
    return totp.matching_step(seed, code)


def fake_salt(keys: ServerKeys, username: str) -> bytes:
    """A stable salt for unknown usernames, so the parameters do not reveal who has an account."""
    return keyed_hash(keys.login_salt, username.encode(), purpose="login-salt")[:16]


def login_parameters(
    session: Session, *, keys: ServerKeys, settings: Settings, username: str
) -> tuple[bytes, int]:
    member = find_active(session, username)
    if member is None or member.kdf_salt is None or member.kdf_iterations is None:
        return fake_salt(keys, username), settings.staff.pbkdf2_min_iterations
    return member.kdf_salt, member.kdf_iterations


def find_active(session: Session, username: str) -> StaffMember | None:
    return session.scalars(
        select(StaffMember).where(StaffMember.username == username, StaffMember.status == "active")
    ).first()


@dataclass(frozen=True)
class LoginAttempt:
    """What the login needs from before the hash: the member (if any) and their hash."""

    member_id: uuid.UUID | None
    auth_hash: str | None


def claim_login_attempt(
    session: Session,
    *,
    settings: Settings,
    unknown: login_throttle.UnknownNames,
    username: str,
) -> LoginAttempt:
    """Refuse an attempt that must wait (T7); otherwise count it as failed until it succeeds.

    Runs before the Argon2 hash, so a throttled attempt costs no hashing. The member's row is
    locked while its count is read and raised, so parallel attempts are counted one by one.
    An unknown username gets the same answers from state under a keyed hash of the name, so the
    429 does not reveal which accounts exist.
    """
    member = session.scalars(
        select(StaffMember)
        .where(StaffMember.username == username, StaffMember.status == "active")
        .with_for_update()
    ).first()
    # Read once the row is locked, so no attempt counted before this one carries a later time.
    now = login_throttle.clock()
    if member is None:
        wait = unknown.claim(username, now)
    else:
        before = login_throttle.Attempts(
            failures=member.login_failures,
            last_failed_at=login_throttle.as_timestamp(member.login_failed_at),
        )
        wait, after = login_throttle.claim(settings.login_throttle, before, now)
        if not wait and after.last_failed_at is not None:
            member.login_failures = after.failures
            member.login_failed_at = login_throttle.now_datetime(after.last_failed_at)
    if wait:
        raise TooManyRequests("login_throttled", LOGIN_THROTTLED, retry_after=wait)
    session.flush()
    if member is None:
        return LoginAttempt(member_id=None, auth_hash=None)
    return LoginAttempt(member_id=member.id, auth_hash=member.auth_hash)


@dataclass(frozen=True)
class LoginResult:
    member: StaffMember
    token: str


def complete_login(
    session: Session,
    *,
    keys: ServerKeys,
    member_id: uuid.UUID | None,
    auth_ok: bool,
    totp_code: str | None,
    recovery_code: str | None,
    new_auth_hash: str | None = None,
    security_key: Callable[[Session, StaffMember | None, bool], bool] | None = None,
) -> LoginResult:
    """Check the second factor and open a session; every failure looks the same.

    The member is read again here: the lookup before the hash ran in another transaction, and
    the member may have been removed in between. The read locks the member's row until this
    transaction ends, so the last TOTP step, the recovery codes and the security keys' counters
    are checked and consumed by one login at a time: two concurrent logins with one code cannot
    both succeed (PostgreSQL runs them in parallel; SQLite's write lock serialises them anyway).
    ``populate_existing`` reads the row afresh even if this session saw it before the hash.
    """
    member = (
        session.get(StaffMember, member_id, with_for_update=True, populate_existing=True)
        if member_id is not None
        else None
    )
    if member is not None and member.status != "active":
        member = None
    second_ok = False
    if member is not None and totp_code is not None:
        step = _totp_step(keys, member, totp_code)
        if step is not None and (member.totp_last_step is None or step > member.totp_last_step):
            second_ok = True
            if auth_ok:
                member.totp_last_step = step
    elif member is not None and recovery_code is not None:
        # The member's row lock already serialises this; the code's own lock says so here.
        row = session.scalars(
            select(RecoveryCode)
            .where(
                RecoveryCode.member_id == member.id,
                RecoveryCode.code_hash == _recovery_hash(keys, recovery_code),
                RecoveryCode.used_at.is_(None),
            )
            .with_for_update()
        ).first()
        if row is not None:
            second_ok = True
            if auth_ok:
                row.used_at = utcnow()
    elif security_key is not None:
        # A WebAuthn assertion (app.staff.security_keys); checked for unknown members too.
        second_ok = security_key(session, member, auth_ok) and member is not None
    if member is None or not auth_ok or not second_ok:
        raise Unauthorized("login_failed", LOGIN_FAILED)
    if new_auth_hash is not None:
        member.auth_hash = new_auth_hash
    # A success ends the run of failures (the attempt itself was counted as one beforehand).
    member.login_failures = 0
    member.login_failed_at = None
    token = sessions.create(session, key=keys.session, member_id=member.id)
    session.flush()
    return LoginResult(member=member, token=token)


def list_members(session: Session) -> list[StaffMember]:
    return list(session.scalars(select(StaffMember).order_by(StaffMember.username)))


def remove(
    session: Session,
    *,
    actor: StaffMember,
    member_id: uuid.UUID,
    rotation: schemas.NewInboxKeyIn | None,
) -> StaffMember:
    """Remove a member; if they hold an inbox key, rotate it in the same transaction.

    Administrators manage accounts; an adviser who holds the current key may remove a fellow
    adviser who is not an administrator (so a team whose administrator is no adviser can still
    let someone go). The new version is made in a key holder's browser and wrapped only to the
    remaining granted advisers (app.inbox_keys.service.create_version): an administrator who is
    no adviser can remove accounts that hold no key, never rotate (T3).
    """
    member = session.get(StaffMember, member_id)
    if member is None or member.status == "removed":
        raise NotFound("member_not_found", MEMBER_NOT_FOUND)
    if member.id == actor.id:
        raise Forbidden("cannot_remove_self", CANNOT_REMOVE_SELF)
    if member.partner_id is not None:
        # A partner user never held an inbox key: rotating it for them would be for nothing.
        raise Unprocessable("partner_user", PARTNER_USER)
    if not actor.is_admin and (
        member.is_admin or not member.is_vp or not inbox_keys.holds_current(session, actor)
    ):
        raise Forbidden("not_allowed", NOT_ALLOWED)
    if rotation is None and inbox_keys.holds_any(session, member.id):
        raise Conflict("rotation_required", ROTATION_REQUIRED)
    if rotation is not None:
        inbox_keys.create_version(
            session,
            actor=actor,
            version=rotation.version,
            public_key=rotation.public_key,
            wraps={w.member_id: w.wrapped_key for w in rotation.wraps},
            safety_numbers={w.member_id: w.safety_number for w in rotation.wraps},
            leaving=member.id,
        )
    inbox_keys.revoke_member(session, member.id)
    sessions.revoke_all(session, member_id=member.id)
    # Cases go only to active advisers (app.cases.service); a leaver's cases return to the
    # unassigned queue instead of waiting on someone who can no longer open them.
    session.execute(update(Report).where(Report.assignee_id == member.id).values(assignee_id=None))
    _retire(session, member)
    session.flush()
    return member


def remove_partner_user(session: Session, *, partner_id: str, member_id: uuid.UUID) -> StaffMember:
    """A partner user never holds an inbox key, so leaving needs no rotation."""
    member = session.get(StaffMember, member_id)
    if member is None or member.partner_id != partner_id or member.status == "removed":
        raise NotFound("member_not_found", MEMBER_NOT_FOUND)
    sessions.revoke_all(session, member_id=member.id)
    _retire(session, member)
    session.flush()
    return member


def _retire(session: Session, member: StaffMember) -> None:
    """A removed account keeps its row (the audit log names it) but nothing to log in or unwrap."""
    session.execute(delete(RecoveryCode).where(RecoveryCode.member_id == member.id))
    session.execute(delete(StaffSecurityKey).where(StaffSecurityKey.member_id == member.id))
    member.status = "removed"
    member.wrapped_private_key = None
    member.auth_hash = None
    member.totp_secret_sealed = None
    member.enrolment_token_hash = None
