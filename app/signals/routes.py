"""Signals: advisers route them (consent checked), partners read, acknowledge and answer them."""

from __future__ import annotations

import base64
import logging
import uuid
from datetime import UTC, datetime
from typing import Literal

from fastapi import APIRouter, Request
from sqlalchemy.exc import SQLAlchemyError

from app.audit import service as audit
from app.db import DbSession, commit
from app.models import QueuedSignal, Signal, SignalDelivery
from app.models.base import today, utcnow
from app.partners import keys as partner_keys
from app.partners.deps import CurrentPartner, PartnerActor
from app.routing import UnitOfWorkRoute
from app.security.rate_limits import limiter, rule
from app.signals import notices, schedule, schemas, service
from app.staff.deps import VpMember

logger = logging.getLogger("vertrouwenspunt.signals")

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
    request: Request, body: schemas.SignalIn, vp: VpMember, session: DbSession
) -> schemas.SignalCreated:
    release_at = _next_release(request)
    routing = service.create(
        session,
        author_id=vp.id,
        body=body,
        release_at=release_at,
        notice_key=request.app.state.keys.signal_notice,
    )
    detail: dict[str, object] = {
        "partners": sorted(partner_id for _id, partner_id in routing.deliveries),
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
    sent_now = routing.immediate and _release_at_once(
        session, routing.queued.id, request.app.state.keys.signal_notice
    )
    return schemas.SignalCreated(
        id=routing.queued.id,
        deliveries=[
            schemas.DeliveryCreated(id=delivery_id, partner_id=partner_id)
            for delivery_id, partner_id in routing.deliveries
        ],
        overridden=routing.overridden,
        notice_id=routing.notice_id,
        release="sent_now" if sent_now else "queued",
        queued_until=None if sent_now else _hhmm(request, release_at),
    )


def _release_at_once(session: DbSession, signal_id: uuid.UUID, notice_key: bytes) -> bool:
    """Release one signal for acute danger, in a transaction after the request's own (R5).

    The request's transaction (queue row, notice, audit entry) commits first, so the signal and
    delivery rows never share a transaction with anything tied to the report. Should the release
    fail, the signal stays queued and goes with the next batch; the adviser is told so.
    """
    commit(session)
    try:
        counts = service.release(session, notice_key=notice_key, only=signal_id)
        commit(session)
    except SQLAlchemyError as error:
        session.rollback()
        logger.error("immediate signal release failed: %s", type(error).__name__)
        return False
    try:
        # The reporter's notice, in a transaction after the release's (app.signals.notices).
        notices.deliver_due(session, key=notice_key)
        commit(session)
    except SQLAlchemyError as error:
        session.rollback()
        # The notice stays due; the next release writes it.
        logger.error("notice after an immediate release failed: %s", type(error).__name__)
    return counts.released == 1


def _next_release(request: Request) -> datetime:
    signals = request.app.state.settings.signals
    return schedule.next_release(utcnow(), times=signals.times, zone=signals.zone)


def _hhmm(request: Request, moment: datetime) -> str:
    return schedule.local_hhmm(moment, request.app.state.settings.signals.zone)


@router.get("", response_model=list[schemas.TeamSignal])
def list_signals(request: Request, vp: VpMember, session: DbSession) -> list[schemas.TeamSignal]:
    """Signals still waiting for their release first ("queued until HH:MM"), then those sent."""
    audit.record(session, actor_kind="staff", actor_id=vp.id, action="signal.list")
    now, next_release = utcnow(), _next_release(request)
    waiting = [
        _waiting(queued, _hhmm(request, _waits_until(queued, now=now, next_release=next_release)))
        for queued in service.queued_signals(session)
    ]
    sent = [_sent(signal, deliveries) for signal, deliveries in service.team_signals(session)]
    return waiting + sent


def _waiting(queued: QueuedSignal, until: str) -> schemas.TeamSignal:
    return schemas.TeamSignal(
        id=queued.id,
        status="held" if queued.held else "queued",
        queued_until=until,
        held=queued.held,
        created_on=None,
        category=queued.category,
        urgency=queued.urgency,
        period=queued.period,
        inbox_version=queued.inbox_version,
        team_ciphertext=queued.team_ciphertext,
        deliveries=[
            schemas.DeliveryStatus(
                id=uuid.UUID(d["id"]),
                partner_id=d["partner_id"],
                status="queued",
                acknowledged_on=None,
                feedback=0,
            )
            for d in sorted(queued.deliveries, key=lambda d: str(d["partner_id"]))
        ],
    )


def _sent(signal: Signal, deliveries: list[tuple[SignalDelivery, int]]) -> schemas.TeamSignal:
    return schemas.TeamSignal(
        id=signal.id,
        status="sent",
        queued_until=None,
        held=None,
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


def _waits_until(queued: QueuedSignal, *, now: datetime, next_release: datetime) -> datetime:
    # SQLite hands datetimes back without a zone; both databases store UTC.
    release_at = queued.release_at.replace(tzinfo=queued.release_at.tzinfo or UTC)
    # An overdue one (nothing released at its time, or it was held) goes with the next release.
    return release_at if release_at > now else next_release


@router.delete("/{signal_id}", status_code=204)
def withdraw_signal(signal_id: uuid.UUID, vp: VpMember, session: DbSession) -> None:
    """Take a queued or held signal back before it goes out; a sent one cannot be."""
    service.withdraw(session, signal_id=signal_id)
    # Names neither the signal nor a case: a queued signal has no audit name yet (R5).
    audit.record(session, actor_kind="staff", actor_id=vp.id, action="signal.withdraw")


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
