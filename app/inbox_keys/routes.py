"""The inbox public key for reporters, and new key versions from advisers' browsers."""

from __future__ import annotations

from fastapi import APIRouter, Request

from app.audit import service as audit
from app.db import DbSession
from app.inbox_keys import key_checks, schemas, service
from app.routing import UnitOfWorkRoute
from app.staff import schemas as staff_schemas
from app.staff.deps import VpMember
from crypto import key_id, load_public_key

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/api/v1", tags=["inbox keys"])


# A reporter's page reads this: no per-address limit (R1).
@router.get("/inbox-key", response_model=schemas.PublicInboxKey)
def current_inbox_key(request: Request, session: DbSession) -> schemas.PublicInboxKey:
    key = service.require_current(session)
    return schemas.PublicInboxKey(
        version=key.version,
        public_key=key.public_key,
        key_id=key_id(load_public_key(key.public_key)),
    )


@router.post("/staff/inbox-keys", response_model=schemas.PublicInboxKey, status_code=201)
def create_inbox_key(
    body: staff_schemas.NewInboxKeyIn, vp: VpMember, session: DbSession
) -> schemas.PublicInboxKey:
    key = service.create_version(
        session,
        actor=vp,
        version=body.version,
        public_key=body.public_key,
        wraps={w.member_id: w.wrapped_key for w in body.wraps},
        safety_numbers={w.member_id: w.safety_number for w in body.wraps},
    )
    key_checks.record_verified_wraps(session, actor=vp, wraps=body.wraps)
    audit.record(
        session,
        actor_kind="staff",
        actor_id=vp.id,
        action="inbox_key.create",
        detail={"version": key.version},
    )
    return schemas.PublicInboxKey(
        version=key.version,
        public_key=key.public_key,
        key_id=key_id(load_public_key(key.public_key)),
    )
