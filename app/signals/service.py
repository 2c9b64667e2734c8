"""Signals: consent-checked routing from a case to chain partners, with no stored link (R5).

The request names the report only so that consent can be checked. What is stored is the signal
(routing metadata and a team copy sealed to the inbox key) and one sealed delivery per partner;
the report id appears in none of it. An override under a published exception is possible only with
a sealed written reason, is audit-logged on the case, and tells the reporter in their mailbox.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import N_, Conflict, Forbidden, NotFound, Unprocessable
from app.inbox_keys import service as inbox_keys
from app.models import (
    Consent,
    Partner,
    PartnerKey,
    Signal,
    SignalDelivery,
    SignalFeedback,
)
from app.partners import keys as partner_keys
from app.partners import service as partners
from app.signals import schemas
from app.threads import service as threads

NO_CONSENT = N_(
    "The reporter did not allow a signal to this organisation. Only an exception "
    "(danger to life, a suspected minor, a legal duty) with a written reason can override that."
)
OVERRIDE_NOT_NEEDED = N_("The reporter allowed every chosen organisation; no exception is needed.")
NOTICE_REQUIRED = N_("The reporter must be told about the exception: add a notice for the mailbox.")
NO_MAILBOX = N_("This report has no mailbox, so no notice can be sent; leave the notice out.")
STALE_PARTNER_KEY = N_("The organisation's key has changed. Reload and write the signal again.")
ALREADY_SENT = N_("This signal was already sent.")
SIGNAL_NOT_FOUND = N_("This signal does not exist.")


@dataclass(frozen=True)
class Routing:
    signal: Signal
    deliveries: list[SignalDelivery]
    consented: list[str]
    overridden: list[str]
    notice_id: uuid.UUID | None


def recipients(session: Session) -> list[tuple[Partner, PartnerKey | None]]:
    return [(p, partner_keys.current(session, p.id)) for p in partners.active_partners(session)]


def create(session: Session, *, author_id: uuid.UUID, body: schemas.SignalIn) -> Routing:
    report = threads.lock_report(session, body.report_id)
    inbox_keys.check_current_version(session, body.inbox_version)
    targets = {d.partner_id for d in body.deliveries}
    partners.require_active(session, targets)
    allowed = set(session.scalars(select(Consent.partner_id).where(Consent.report_id == report.id)))
    missing = sorted(targets - allowed)
    notice_id = _check_override(report.reply_public_key is not None, missing, body.override)
    if session.get(Signal, body.id) is not None:
        raise Conflict("already_received", ALREADY_SENT)
    signal = Signal(
        id=body.id,
        category=body.category,
        urgency=body.urgency,
        period=body.period,
        inbox_version=body.inbox_version,
        team_ciphertext=body.team_ciphertext,
        ref_pepper=secrets.token_bytes(16),
    )
    session.add(signal)
    session.flush()
    deliveries = [_delivery(session, signal, d) for d in body.deliveries]
    if body.override is not None and body.override.notice is not None:
        notice = body.override.notice
        threads.add_message(
            session,
            report=report,
            message_id=notice.id,
            kind="notice",
            inbox_version=body.inbox_version,
            inbox_ciphertext=notice.inbox_ciphertext,
            reply_ciphertext=notice.reply_ciphertext,
            author_id=author_id,
        )
    session.flush()
    return Routing(signal, deliveries, sorted(targets & allowed), missing, notice_id)


def _check_override(
    has_mailbox: bool, missing: list[str], override: schemas.OverrideIn | None
) -> uuid.UUID | None:
    if missing and override is None:
        raise Forbidden("no_consent", NO_CONSENT)
    if override is None:
        return None
    if not missing:
        raise Unprocessable("override_not_needed", OVERRIDE_NOT_NEEDED)
    if has_mailbox and override.notice is None:
        raise Unprocessable("notice_required", NOTICE_REQUIRED)
    if not has_mailbox and override.notice is not None:
        raise Unprocessable("no_mailbox", NO_MAILBOX)
    return override.notice.id if override.notice else None


def _delivery(session: Session, signal: Signal, body: schemas.DeliveryIn) -> SignalDelivery:
    key = partner_keys.require_current(session, body.partner_id)
    if key.key_id != body.key_id:
        raise Conflict("stale_partner_key", STALE_PARTNER_KEY)
    if session.get(SignalDelivery, body.id) is not None:
        raise Conflict("already_received", ALREADY_SENT)
    row = SignalDelivery(
        id=body.id,
        signal_id=signal.id,
        partner_id=body.partner_id,
        partner_key_id=key.id,
        ciphertext=body.ciphertext,
        status="new",
    )
    session.add(row)
    return row


def team_signals(session: Session) -> list[tuple[Signal, list[tuple[SignalDelivery, int]]]]:
    signals = list(session.scalars(select(Signal).order_by(Signal.created_on.desc())))
    counts = dict(
        session.execute(
            select(SignalFeedback.delivery_id, func.count()).group_by(SignalFeedback.delivery_id)
        ).all()
    )
    by_signal: dict[uuid.UUID, list[tuple[SignalDelivery, int]]] = {}
    for delivery in session.scalars(select(SignalDelivery).order_by(SignalDelivery.partner_id)):
        by_signal.setdefault(delivery.signal_id, []).append((delivery, counts.get(delivery.id, 0)))
    return [(s, by_signal.get(s.id, [])) for s in signals]


def feedback_of(
    session: Session, signal_id: uuid.UUID
) -> list[tuple[SignalFeedback, SignalDelivery]]:
    if session.get(Signal, signal_id) is None:
        raise NotFound("signal_not_found", SIGNAL_NOT_FOUND)
    query = (
        select(SignalFeedback, SignalDelivery)
        .join(SignalDelivery, SignalFeedback.delivery_id == SignalDelivery.id)
        .where(SignalDelivery.signal_id == signal_id)
        .order_by(SignalFeedback.created_on, SignalFeedback.id)
    )
    return [(f, d) for f, d in session.execute(query)]


def partner_signals(
    session: Session, *, partner_id: str, status: str | None
) -> list[tuple[SignalDelivery, Signal, str]]:
    query = (
        select(SignalDelivery, Signal)
        .join(Signal, SignalDelivery.signal_id == Signal.id)
        .where(SignalDelivery.partner_id == partner_id)
        .order_by(Signal.created_on.desc(), SignalDelivery.id)
    )
    if status is not None:
        query = query.where(SignalDelivery.status == status)
    rows = session.execute(query).all()
    key_ids = _key_ids(session, {d.partner_key_id for d, _s in rows})
    return [(d, s, key_ids[d.partner_key_id]) for d, s in rows]


def _key_ids(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    query = select(PartnerKey.id, PartnerKey.key_id).where(PartnerKey.id.in_(ids))
    return dict(session.execute(query).all())


def partner_delivery(
    session: Session, *, partner_id: str, delivery_id: uuid.UUID
) -> tuple[SignalDelivery, Signal, str]:
    """One of this partner's signals; another partner's is as unknown as a made-up id (T4)."""
    delivery = session.get(SignalDelivery, delivery_id)
    if delivery is None or delivery.partner_id != partner_id:
        raise NotFound("signal_not_found", SIGNAL_NOT_FOUND)
    signal = session.get(Signal, delivery.signal_id)
    assert signal is not None  # noqa: S101 - the foreign key guarantees it
    return delivery, signal, _key_ids(session, {delivery.partner_key_id})[delivery.partner_key_id]


def acknowledge(session: Session, *, delivery: SignalDelivery, today: date) -> None:
    if delivery.status != "acknowledged":
        delivery.status = "acknowledged"
        delivery.acknowledged_on = today
    session.flush()


def add_feedback(
    session: Session,
    *,
    delivery: SignalDelivery,
    author_kind: str,
    author_id: uuid.UUID,
    body: schemas.FeedbackIn,
) -> SignalFeedback:
    inbox_keys.check_current_version(session, body.inbox_version)
    if session.get(SignalFeedback, body.id) is not None:
        raise Conflict("already_received", ALREADY_SENT)
    row = SignalFeedback(
        id=body.id,
        delivery_id=delivery.id,
        author_kind=author_kind,
        author_id=author_id,
        inbox_version=body.inbox_version,
        ciphertext=body.ciphertext,
    )
    session.add(row)
    session.flush()
    return row
