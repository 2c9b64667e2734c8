"""Staff API for security keys (WebAuthn): register, list and remove keys; login options.

Logging in with a key goes through ``POST /api/v1/staff/login`` (app.staff.routes) with the
assertion in ``security_key``; the options for it come from ``/login/security-key-options``.
"""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request

from app.audit import service as audit
from app.db import DbSession
from app.models import StaffSecurityKey
from app.routing import UnitOfWorkRoute
from app.security.rate_limits import limiter, rule
from app.staff import schemas, security_keys
from app.staff.deps import CurrentMember
from app.staff.security_keys import WebAuthn

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/api/v1/staff", tags=["staff"])


def key_out(key: StaffSecurityKey) -> schemas.SecurityKeyOut:
    return schemas.SecurityKeyOut(
        id=key.id, name=key.name, created_on=key.created_on, last_used_on=key.last_used_on
    )


@router.post("/security-keys/options")
def security_key_registration_options(
    request: Request, member: CurrentMember, session: DbSession
) -> dict[str, Any]:
    """Options for navigator.credentials.create(); the challenge is single use and short-lived."""
    return security_keys.registration_options(
        session, webauthn=WebAuthn.of(request.app.state), member=member
    )


@router.post("/security-keys", response_model=schemas.SecurityKeyOut, status_code=201)
def add_security_key(
    request: Request, body: schemas.SecurityKeyIn, member: CurrentMember, session: DbSession
) -> schemas.SecurityKeyOut:
    key = security_keys.register(
        session,
        webauthn=WebAuthn.of(request.app.state),
        member=member,
        name=body.name,
        credential=body.credential,
    )
    audit.record(
        session,
        actor_kind="staff",
        actor_id=member.id,
        action="staff.security_key_added",
        detail={"key": str(key.id)},
    )
    return key_out(key)


@router.get("/security-keys", response_model=list[schemas.SecurityKeyOut])
def list_security_keys(member: CurrentMember, session: DbSession) -> list[schemas.SecurityKeyOut]:
    return [key_out(k) for k in security_keys.keys_of(session, member.id)]


@router.delete("/security-keys/{key_id}", status_code=204)
def remove_security_key(key_id: uuid.UUID, member: CurrentMember, session: DbSession) -> None:
    security_keys.remove(session, member=member, key_id=key_id)
    audit.record(
        session,
        actor_kind="staff",
        actor_id=member.id,
        action="staff.security_key_removed",
        detail={"key": str(key_id)},
    )


@router.post("/login/security-key-options")
@limiter.limit(rule("login"))
def security_key_login_options(
    request: Request, body: schemas.SecurityKeyLoginOptionsIn, session: DbSession
) -> dict[str, Any]:
    """Options for navigator.credentials.get(); they look the same for any username."""
    return security_keys.login_options(
        session, webauthn=WebAuthn.of(request.app.state), username=body.username
    )
