"""Signals: advisers route them (consent checked), partners read, acknowledge and answer them."""

from __future__ import annotations

import base64
import uuid
from typing import Literal

from fastapi import APIRouter, Request

from app.audit import service as audit
from app.db import DbSession
from app.models import Signal, SignalDelivery
from app.models.base import today
from app.partners import keys as partner_keys
from app.partners.deps import CurrentPartner, PartnerActor
from app.routing import UnitOfWorkRoute
from app.security.rate_limits import limiter, rule
from app.signals import schemas, service
from app.staff.deps import VpMember

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/api/v1/signals", tags=["signals"])
partner_router = APIRouter(
    route_class=UnitOfWorkRoute, prefix="/api/v1/partner/signals", tags=["partner"]
)


@router.get("/recipients", response_model=list[schemas.Recipient])
def list_recipients(vp: VpMember, session: DbSession) -> list[schemas.Recipient]:
    """Active partners and the key to seal each one's copy to (none yet: cannot receive)."""
    return [
        schemas.Recipient(
            id=partner.id,
            name=partner.name,
            kind=partner.kind,
            key=schemas.RecipientKey(
                key_id=key.key_id,
                public_key=key.public_key,
                fingerprint=partner_keys.fingerprint_of(key),
            )
            if key is not None
            else None,
        )
        for partner, key in service.recipients(session)
    ]


@router.post("", response_model=schemas.SignalCreated, status_code=201)
def create_signal(
    body: schemas.SignalIn, vp: VpMember, session: DbSession
) -> schemas.SignalCreated:
    routing = service.create(session, author_id=vp.id, body=body)
    detail: dict[str, object] = {
        "partners": sorted(d.partner_id for d in routing.deliveries),
        "consented": routing.consented,
    }
    if body.override is not None:
        detail["override"] = {
            "exception": body.override.exception,
            "partners": routing.overridden,
            "reason": base64.b64encode(body.override.reason).decode(),
            "inbox_version": body.inbox_version,
            "reporter_notified": routing.notice_id is not None,
        }
    # The entry names the case and the partners, never the signal: the audit log must not
    # become the link that R5 forbids.
    audit.record(
        session,
        actor_kind="staff",
        actor_id=vp.id,
        action="case.route",
        case_id=body.report_id,
        detail=detail,
    )
    return schemas.SignalCreated(
        id=routing.signal.id,
        deliveries=[
            schemas.DeliveryCreated(id=d.id, partner_id=d.partner_id) for d in routing.deliveries
        ],
        overridden=routing.overridden,
        notice_id=routing.notice_id,
    )


@router.get("", response_model=list[schemas.TeamSignal])
def list_signals(vp: VpMember, session: DbSession) -> list[schemas.TeamSignal]:
    audit.record(session, actor_kind="staff", actor_id=vp.id, action="signal.list")
    return [
        schemas.TeamSignal(
            id=signal.id,
            created_on=signal.created_on,
            category=signal.category,
            urgency=signal.urgency,
            period=signal.period,
            inbox_version=signal.inbox_version,
            team_ciphertext=signal.team_ciphertext,
            deliveries=[
                schemas.DeliveryStatus(
                    id=d.id,
                    partner_id=d.partner_id,
                    status=d.status,
                    acknowledged_on=d.acknowledged_on,
                    feedback=count,
                )
                for d, count in deliveries
            ],
        )
        for signal, deliveries in service.team_signals(session)
    ]


@router.get("/{signal_id}/feedback", response_model=list[schemas.FeedbackOut])
def list_feedback(
    signal_id: uuid.UUID, vp: VpMember, session: DbSession
) -> list[schemas.FeedbackOut]:
    found = service.feedback_of(session, signal_id)
    audit.record(
        session,
        actor_kind="staff",
        actor_id=vp.id,
        action="signal.feedback_read",
        signal_id=signal_id,
    )
    return [
        schemas.FeedbackOut(
            id=f.id,
            delivery_id=d.id,
            partner_id=d.partner_id,
            created_on=f.created_on,
            inbox_version=f.inbox_version,
            ciphertext=f.ciphertext,
        )
        for f, d in found
    ]


def _partner_signal(delivery: SignalDelivery, signal: Signal, key_id: str) -> dict[str, object]:
    return {
        "id": delivery.id,
        "created_on": signal.created_on,
        "category": signal.category,
        "urgency": signal.urgency,
        "period": signal.period,
        "status": delivery.status,
        "acknowledged_on": delivery.acknowledged_on,
        "key_id": key_id,
    }


def _audit_partner(session: DbSession, actor: PartnerActor, action: str, signal: Signal) -> None:
    audit.record(
        session,
        actor_kind=actor.kind,
        actor_id=actor.id,
        action=action,
        signal_id=signal.id,
        detail={"partner": actor.partner_id},
    )


@partner_router.get("", response_model=list[schemas.PartnerSignal])
@limiter.limit(rule("partner_api"))
def partner_list(
    request: Request,
    actor: CurrentPartner,
    session: DbSession,
    status: Literal["new", "acknowledged"] | None = None,
) -> list[schemas.PartnerSignal]:
    rows = service.partner_signals(session, partner_id=actor.partner_id, status=status)
    return [schemas.PartnerSignal.model_validate(_partner_signal(*row)) for row in rows]


@partner_router.get("/{delivery_id}", response_model=schemas.PartnerSignalDetail)
@limiter.limit(rule("partner_api"))
def partner_fetch(
    request: Request, delivery_id: uuid.UUID, actor: CurrentPartner, session: DbSession
) -> schemas.PartnerSignalDetail:
    delivery, signal, key_id = service.partner_delivery(
        session, partner_id=actor.partner_id, delivery_id=delivery_id
    )
    _audit_partner(session, actor, "signal.fetch", signal)
    return schemas.PartnerSignalDetail.model_validate(
        {**_partner_signal(delivery, signal, key_id), "ciphertext": delivery.ciphertext}
    )


@partner_router.post("/{delivery_id}/acknowledgement", response_model=schemas.PartnerSignal)
@limiter.limit(rule("partner_api"))
def partner_acknowledge(
    request: Request, delivery_id: uuid.UUID, actor: CurrentPartner, session: DbSession
) -> schemas.PartnerSignal:
    delivery, signal, key_id = service.partner_delivery(
        session, partner_id=actor.partner_id, delivery_id=delivery_id
    )
    service.acknowledge(session, delivery=delivery, today=today())
    _audit_partner(session, actor, "signal.acknowledge", signal)
    return schemas.PartnerSignal.model_validate(_partner_signal(delivery, signal, key_id))


@partner_router.post(
    "/{delivery_id}/feedback", response_model=schemas.FeedbackCreated, status_code=201
)
@limiter.limit(rule("partner_api"))
def partner_feedback(
    request: Request,
    delivery_id: uuid.UUID,
    body: schemas.FeedbackIn,
    actor: CurrentPartner,
    session: DbSession,
) -> schemas.FeedbackCreated:
    """Feedback or a question for the VP team, sealed to the inbox key; never to the reporter."""
    delivery, signal, _key_id = service.partner_delivery(
        session, partner_id=actor.partner_id, delivery_id=delivery_id
    )
    row = service.add_feedback(
        session, delivery=delivery, author_kind=actor.kind, author_id=actor.id, body=body
    )
    _audit_partner(session, actor, "signal.feedback", signal)
    return schemas.FeedbackCreated(id=row.id)
