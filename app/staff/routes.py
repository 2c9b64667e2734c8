"""Staff API: enrolment, login, session, team management."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from app.audit import service as audit
from app.db import DbSession, commit, release
from app.errors import Unauthorized
from app.inbox_keys import key_checks
from app.inbox_keys import service as inbox_keys
from app.models import StaffMember
from app.routing import UnitOfWorkRoute
from app.security.rate_limits import limiter, rule
from app.staff import schemas, security_keys, service, sessions, totp
from app.staff.deps import AdminMember, CurrentMember, TeamMember, VpMember

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/api/v1/staff", tags=["staff"])


def member_out(session: DbSession, member: StaffMember) -> schemas.MemberOut:
    # Access means every version: a newcomer who got only a rotation's new key still cannot read
    # the older cases, and must still be shown as waiting for a colleague's grant.
    wraps = [w for _key, w in inbox_keys.access_of(session, member.id)]
    held = [w is not None for w in wraps]
    return schemas.MemberOut(
        id=member.id,
        username=member.username,
        is_admin=member.is_admin,
        is_vp=member.is_vp,
        status=member.status,
        partner_id=member.partner_id,
        public_key=member.public_key,
        has_inbox_access=bool(wraps) and all(held),
        holds_current_key=bool(held) and held[-1] and member.is_vp and member.status == "active",
        holds_inbox_key=any(held),
    )


def session_out(
    request: Request, session: DbSession, member: StaffMember, token: str
) -> schemas.SessionOut:
    assert member.wrapped_private_key and member.kdf_salt and member.kdf_iterations  # noqa: S101
    return schemas.SessionOut(
        member=member_out(session, member),
        csrf_token=sessions.csrf_token(request.app.state.keys.session, token),
        wrapped_private_key=member.wrapped_private_key,
        kdf_salt=member.kdf_salt,
        kdf_iterations=member.kdf_iterations,
        inbox_keys=[
            schemas.InboxKeyAccess(version=k.version, public_key=k.public_key, wrapped_key=w)
            for k, w in inbox_keys.access_of(session, member.id)
        ],
    )


@router.post("/enrolment", response_model=schemas.EnrolmentStartOut)
@limiter.limit(rule("enrolment"))
async def start_enrolment(
    request: Request, body: schemas.EnrolmentStartIn, session: DbSession
) -> schemas.EnrolmentStartOut:
    state = request.app.state
    # Refuse a bad link before paying for a hash; then hash with no transaction open.

    def check_link() -> None:
        service.invited_member(session, keys=state.keys, token=body.token)
        release(session)

    await run_in_threadpool(check_link)
    auth_hash = await state.hasher.hash(body.auth_value)
    member, seed = await run_in_threadpool(
        lambda: service.start_enrolment(
            session,
            keys=state.keys,
            settings=state.settings,
            token=body.token,
            public_key=body.public_key,
            wrapped_private_key=body.wrapped_private_key,
            kdf_salt=body.kdf_salt,
            kdf_iterations=body.kdf_iterations,
            auth_hash=auth_hash,
        )
    )
    uri = totp.provisioning_uri(
        seed, username=member.username, issuer=state.settings.staff.totp_issuer
    )
    return schemas.EnrolmentStartOut(totp_secret=seed, totp_uri=uri)


@router.post("/enrolment/confirm", response_model=schemas.EnrolmentConfirmOut)
@limiter.limit(rule("enrolment"))
def confirm_enrolment(
    request: Request, body: schemas.EnrolmentConfirmIn, session: DbSession
) -> schemas.EnrolmentConfirmOut:
    state = request.app.state
    member = service.invited_member(session, keys=state.keys, token=body.token)
    codes = service.confirm_enrolment(
        session, keys=state.keys, settings=state.settings, member=member, code=body.totp_code
    )
    audit.record(session, actor_kind="staff", actor_id=member.id, action="staff.enrolled")
    return schemas.EnrolmentConfirmOut(
        recovery_codes=codes, console="/partner/" if member.partner_id else "/staff/"
    )


@router.post("/login/parameters", response_model=schemas.LoginParametersOut)
@limiter.limit(rule("login"))
def login_parameters(
    request: Request, body: schemas.LoginParametersIn, session: DbSession
) -> schemas.LoginParametersOut:
    state = request.app.state
    salt, iterations = service.login_parameters(
        session, keys=state.keys, settings=state.settings, username=body.username
    )
    return schemas.LoginParametersOut(salt=salt, iterations=iterations)


@router.post("/login", response_model=schemas.SessionOut)
@limiter.limit(rule("login"))
async def login(
    request: Request, response: Response, body: schemas.LoginIn, session: DbSession
) -> schemas.SessionOut:
    state = request.app.state

    def claim() -> service.LoginAttempt:
        # Lookup and throttle in one worker call, so the transaction never waits for a thread.
        # The attempt is committed as a failure before Argon2 runs with no transaction open
        # (app.staff.login_throttle); the writes of the outcome come after, in one.
        attempt = service.claim_login_attempt(
            session,
            settings=state.settings,
            unknown=state.unknown_logins,
            username=body.username,
        )
        commit(session)
        return attempt

    attempt = await run_in_threadpool(claim)
    member_id, encoded = attempt.member_id, attempt.auth_hash
    auth_ok = await state.hasher.verify(encoded, body.auth_value)
    new_hash = None
    if auth_ok and encoded is not None and state.hasher.needs_rehash(encoded):
        new_hash = await state.hasher.hash(body.auth_value)

    def finish() -> tuple[service.LoginResult, schemas.SessionOut]:
        # The whole write runs in one worker thread: once SQLite's write lock is taken, no step
        # may wait for another thread-pool slot, which a burst of writers could all be holding.
        try:
            result = service.complete_login(
                session,
                keys=state.keys,
                member_id=member_id,
                auth_ok=auth_ok,
                totp_code=body.totp_code,
                recovery_code=body.recovery_code,
                new_auth_hash=new_hash,
                security_key=(
                    security_keys.login_check(state, body.username, body.security_key)
                    if body.security_key is not None
                    else None
                ),
            )
        except Unauthorized:
            # The failed check wrote nothing worth keeping; the failure itself is audited (R6,
            # T7) under the account, with nothing of the request: no address, no user agent, no
            # value typed. An unknown username names no account and gets no entry.
            session.rollback()
            if member_id is not None:
                audit.record(
                    session, actor_kind="staff", actor_id=member_id, action="staff.login_failed"
                )
                commit(session)
            raise
        audit.record(session, actor_kind="staff", actor_id=result.member.id, action="staff.login")
        return result, session_out(request, session, result.member, result.token)

    result, out = await run_in_threadpool(finish)
    response.set_cookie(
        sessions.COOKIE_NAME,
        result.token,
        httponly=True,
        secure=True,
        samesite="strict",
        path="/",
    )
    return out


@router.get("/session", response_model=schemas.SessionOut)
def current_session(
    request: Request, member: CurrentMember, session: DbSession
) -> schemas.SessionOut:
    token = request.cookies.get(sessions.COOKIE_NAME, "")
    return session_out(request, session, member, token)


@router.post("/logout", status_code=204)
def logout(request: Request, response: Response, member: CurrentMember, session: DbSession) -> None:
    token = request.cookies.get(sessions.COOKIE_NAME, "")
    sessions.revoke(session, key=request.app.state.keys.session, token=token)
    response.delete_cookie(sessions.COOKIE_NAME, path="/", secure=True, httponly=True)


@router.get("/members", response_model=list[schemas.MemberOut])
def list_members(member: TeamMember, session: DbSession) -> list[schemas.MemberOut]:
    return [member_out(session, m) for m in service.list_members(session)]


@router.post("/members", response_model=schemas.InviteOut, status_code=201)
def invite_member(
    request: Request, body: schemas.InviteIn, admin: AdminMember, session: DbSession
) -> schemas.InviteOut:
    state = request.app.state
    member, token = service.invite(
        session,
        keys=state.keys,
        settings=state.settings,
        username=body.username,
        is_admin=body.is_admin,
        is_vp=body.is_vp,
    )
    audit.record(
        session,
        actor_kind="staff",
        actor_id=admin.id,
        action="staff.invite",
        detail={"member": str(member.id)},
    )
    return schemas.InviteOut(
        member=member_out(session, member),
        enrolment_token=token,
        enrolment_url=enrolment_url(state.settings.base_url, token),
    )


def enrolment_url(base_url: str, token: str) -> str:
    # The token rides in the fragment, which browsers never send: it reaches no log or proxy (T2).
    return f"{base_url.rstrip('/')}/staff/enrol#{token}"


@router.post("/members/{member_id}/inbox-access", status_code=204)
def grant_inbox_access(
    member_id: uuid.UUID, body: schemas.GrantAccessIn, vp: VpMember, session: DbSession
) -> None:
    inbox_keys.grant(
        session,
        granter=vp,
        member_id=member_id,
        wraps={w.version: w.wrapped_key for w in body.wraps},
        safety_number=body.safety_number,
    )
    key_checks.record_key_verified(
        session, actor=vp, member_id=member_id, number=body.safety_number
    )
    audit.record(
        session,
        actor_kind="staff",
        actor_id=vp.id,
        action="staff.grant_inbox_access",
        detail={"member": str(member_id)},
    )


@router.post("/members/{member_id}/removal", response_model=schemas.MemberOut)
def remove_member(
    member_id: uuid.UUID, body: schemas.RemovalIn, actor: TeamMember, session: DbSession
) -> schemas.MemberOut:
    removed = service.remove(session, actor=actor, member_id=member_id, rotation=body.inbox_key)
    detail: dict[str, object] = {"member": str(member_id)}
    if body.inbox_key is not None:
        key_checks.record_verified_wraps(session, actor=actor, wraps=body.inbox_key.wraps)
        detail["inbox_version"] = body.inbox_key.version
    audit.record(
        session, actor_kind="staff", actor_id=actor.id, action="staff.remove", detail=detail
    )
    return member_out(session, removed)


@router.post("/partner-key-verifications", status_code=204)
def verify_partner_key(
    body: schemas.PartnerKeyVerificationIn, vp: VpMember, session: DbSession
) -> None:
    """An adviser compared a partner key's safety number before the first signal sealed to it."""
    key = key_checks.verify_partner_key(
        session, partner_id=body.partner_id, key_id=body.key_id, number=body.safety_number
    )
    key_checks.record_partner_key_verified(session, actor=vp, key=key)
