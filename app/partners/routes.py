"""Chain partners: the public list reporters choose from, the admins' registry, key enrolment."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request

from app.audit import service as audit
from app.db import DbSession
from app.exception_handlers import request_language
from app.models import ApiToken, Partner, PartnerKey
from app.partners import keys, schemas, service, texts, tokens
from app.routing import UnitOfWorkRoute
from app.security.rate_limits import limiter, rule
from app.staff import service as staff
from app.staff.deps import AdminMember
from app.staff.routes import enrolment_url, member_out
from app.staff.schemas import MemberOut

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/api/v1", tags=["partners"])
admin_router = APIRouter(
    route_class=UnitOfWorkRoute, prefix="/api/v1/admin/partners", tags=["admin"]
)


def key_out(row: PartnerKey, current: PartnerKey | None) -> schemas.PartnerKeyOut:
    return schemas.PartnerKeyOut(
        id=row.id,
        key_id=row.key_id,
        public_key=row.public_key,
        fingerprint=keys.fingerprint_of(row),
        created_at=row.created_at,
        retired_at=row.retired_at,
        current=current is not None and row.id == current.id,
    )


def partner_out(session: DbSession, partner: Partner) -> schemas.PartnerOut:
    current = keys.current(session, partner.id)
    written = texts.texts_by_partner(session, [partner])[partner.id]
    return schemas.PartnerOut(
        id=partner.id,
        name=partner.name,
        kind=partner.kind,
        description=partner.description,
        active=partner.active,
        texts={
            language: schemas.PartnerTextOut(name=text.name, description=text.description)
            if (text := written.get(language))
            else None
            for language in texts.editable_languages(written)
        },
        keys=[key_out(k, current) for k in keys.keys_of(session, partner.id)],
    )


def text_change(given: schemas.TextsIn | None) -> dict[str, tuple[str, str] | None]:
    return {
        language: (text.name, text.description) if text is not None else None
        for language, text in (given or {}).items()
    }


def token_out(row: ApiToken) -> schemas.TokenOut:
    return schemas.TokenOut(
        id=row.id,
        name=row.name,
        created_at=row.created_at,
        last_used_on=row.last_used_on,
        revoked_at=row.revoked_at,
    )


# A reporter's page reads this: no per-address limit (R1). The language is ``?lang=`` or the
# browser's Accept-Language, as for error messages.
@router.get("/partners", response_model=list[schemas.PublicPartner])
def list_partners(request: Request, session: DbSession) -> list[schemas.PublicPartner]:
    return [
        schemas.PublicPartner(
            id=c.id,
            name=c.name,
            kind=c.kind,
            description=c.description,
            language=c.language,
            connected=c.connected,
        )
        for c in service.reporter_choices(session, request_language(request))
    ]


@router.post("/partner-keys", response_model=schemas.KeyRegistrationOut, status_code=201)
@limiter.limit(rule("enrolment"))
def register_key(
    request: Request, body: schemas.KeyRegistrationIn, session: DbSession
) -> schemas.KeyRegistrationOut:
    """A partner's own system registers the public key it made, with a one-time token."""
    state = request.app.state
    row = keys.register(
        session, key=state.keys.enrolment, token=body.enrolment_token, public_key=body.public_key
    )
    secret: str | None = None
    actor_kind, actor_id = "enrolment", None
    if body.issue_token:
        token, secret = tokens.create(
            session, key=state.keys.api_token, partner_id=row.partner_id, name=body.token_name
        )
        actor_kind, actor_id = "token", token.id
    audit.record(
        session,
        actor_kind=actor_kind,
        actor_id=actor_id,
        action="partner.key_registered",
        detail={"partner": row.partner_id, "key_id": row.key_id},
    )
    return schemas.KeyRegistrationOut(
        partner_id=row.partner_id,
        key=key_out(row, keys.current(session, row.partner_id)),
        api_token=secret,
    )


@admin_router.get("", response_model=list[schemas.PartnerOut])
def admin_list(admin: AdminMember, session: DbSession) -> list[schemas.PartnerOut]:
    return [partner_out(session, p) for p in service.all_partners(session)]


@admin_router.post("", response_model=schemas.PartnerOut, status_code=201)
def admin_create(
    body: schemas.PartnerIn, admin: AdminMember, session: DbSession
) -> schemas.PartnerOut:
    partner = service.create(
        session, partner_id=body.id, name=body.name, kind=body.kind, description=body.description
    )
    texts.set_texts(session, partner=partner, change=text_change(body.texts))
    _audit(session, admin.id, "partner.create", partner.id)
    return partner_out(session, partner)


@admin_router.patch("/{partner_id}", response_model=schemas.PartnerOut)
def admin_update(
    partner_id: str, body: schemas.PartnerUpdate, admin: AdminMember, session: DbSession
) -> schemas.PartnerOut:
    change = body.model_dump(exclude_unset=True, exclude_none=True, exclude={"texts"})
    partner = service.update(session, partner_id=partner_id, change=change)
    written = text_change(body.texts)
    texts.set_texts(session, partner=partner, change=written)
    fields = sorted(change) + [f"texts.{language}" for language in sorted(written)]
    _audit(session, admin.id, "partner.update", partner.id, fields=fields)
    return partner_out(session, partner)


@admin_router.post("/{partner_id}/enrolments", response_model=schemas.EnrolmentOut, status_code=201)
def admin_key_enrolment(
    request: Request, partner_id: str, admin: AdminMember, session: DbSession
) -> schemas.EnrolmentOut:
    """A one-time token that the partner's system uses to register its public key."""
    state = request.app.state
    hours = state.settings.staff.enrolment_hours
    token = keys.create_enrolment(
        session, key=state.keys.enrolment, partner_id=partner_id, hours=hours
    )
    _audit(session, admin.id, "partner.key_enrolment", partner_id)
    return schemas.EnrolmentOut(enrolment_token=token, expires_in_hours=hours)


@admin_router.post("/{partner_id}/keys/{key_row_id}/retirement", response_model=schemas.PartnerOut)
def admin_retire_key(
    partner_id: str, key_row_id: uuid.UUID, admin: AdminMember, session: DbSession
) -> schemas.PartnerOut:
    row = keys.retire(session, partner_id=partner_id, key_row_id=key_row_id)
    _audit(session, admin.id, "partner.key_retired", partner_id, key_id=row.key_id)
    return partner_out(session, service.get(session, partner_id))


@admin_router.get("/{partner_id}/tokens", response_model=list[schemas.TokenOut])
def admin_list_tokens(
    partner_id: str, admin: AdminMember, session: DbSession
) -> list[schemas.TokenOut]:
    service.get(session, partner_id)
    return [token_out(t) for t in tokens.tokens_of(session, partner_id)]


@admin_router.post("/{partner_id}/tokens", response_model=schemas.NewTokenOut, status_code=201)
def admin_create_token(
    request: Request, partner_id: str, body: schemas.TokenIn, admin: AdminMember, session: DbSession
) -> schemas.NewTokenOut:
    row, secret = tokens.create(
        session, key=request.app.state.keys.api_token, partner_id=partner_id, name=body.name
    )
    _audit(session, admin.id, "partner.token_created", partner_id, token=str(row.id))
    return schemas.NewTokenOut(token=token_out(row), api_token=secret)


@admin_router.delete("/{partner_id}/tokens/{token_id}", response_model=schemas.TokenOut)
def admin_revoke_token(
    partner_id: str, token_id: uuid.UUID, admin: AdminMember, session: DbSession
) -> schemas.TokenOut:
    row = tokens.revoke(session, partner_id=partner_id, token_id=token_id)
    _audit(session, admin.id, "partner.token_revoked", partner_id, token=str(row.id))
    return token_out(row)


@admin_router.post("/{partner_id}/users", response_model=schemas.PartnerUserOut, status_code=201)
def admin_invite_user(
    request: Request,
    partner_id: str,
    body: schemas.PartnerUserIn,
    admin: AdminMember,
    session: DbSession,
) -> schemas.PartnerUserOut:
    state = request.app.state
    service.get(session, partner_id)
    member, token = staff.invite(
        session,
        keys=state.keys,
        settings=state.settings,
        username=body.username,
        is_admin=False,
        is_vp=False,
        partner_id=partner_id,
    )
    _audit(session, admin.id, "partner.user_invited", partner_id, member=str(member.id))
    return schemas.PartnerUserOut(
        member=member_out(session, member),
        enrolment_token=token,
        enrolment_url=enrolment_url(state.settings.base_url, token),
    )


@admin_router.delete("/{partner_id}/users/{member_id}", response_model=MemberOut)
def admin_remove_user(
    partner_id: str, member_id: uuid.UUID, admin: AdminMember, session: DbSession
) -> MemberOut:
    member = staff.remove_partner_user(session, partner_id=partner_id, member_id=member_id)
    _audit(session, admin.id, "partner.user_removed", partner_id, member=str(member.id))
    return member_out(session, member)


def _audit(
    session: DbSession, admin_id: uuid.UUID, action: str, partner_id: str, **detail: object
) -> None:
    audit.record(
        session,
        actor_kind="staff",
        actor_id=admin_id,
        action=action,
        detail={"partner": partner_id, **detail},
    )
