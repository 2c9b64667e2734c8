"""Signals: consent-checked routing from a case to chain partners, with no stored link (R5).

The request names the report only so that consent can be checked. What the adviser's request
stores is a queued signal (routing metadata, a team copy sealed to the inbox key and one sealed
copy per partner) with no report id and no time of writing. The signal and delivery rows are
written later by :func:`release`, for a whole batch at a fixed time of day in one transaction of
its own and in random order, so that neither shared values, row order nor transaction ids pair a
delivery with the case action that caused it. An override under a published exception is possible
only with a sealed written reason, is audit-logged on the case, and tells the reporter in their
mailbox; one for acute danger is released at once, in a transaction of its own.
"""

from __future__ import annotations

import base64
import logging
import random
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.orm import Session

from app.db import Database, commit, mark_erasure
from app.errors import N_, Conflict, Forbidden, NotFound, Unprocessable
from app.inbox_keys import service as inbox_keys
from app.models import (
    Consent,
    Partner,
    PartnerKey,
    QueuedSignal,
    Signal,
    SignalDelivery,
    SignalFeedback,
)
from app.models.base import today
from app.partners import keys as partner_keys
from app.partners import service as partners
from app.signals import notices, schemas
from app.threads import service as threads

logger = logging.getLogger("vertrouwenspunt.signals")

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

# The one exception that cannot wait for the next release: a danger to life now.
IMMEDIATE_EXCEPTION = "acute_danger"
# Serialises releases on PostgreSQL, so that two service processes (or the timer and the CLI)
# never release one queued signal twice; SQLite's write lock, taken at BEGIN, does the same.
_RELEASE_LOCK = 0x56505F52454C5345  # "VP_RELSE"


@dataclass(frozen=True)
class Routing:
    queued: QueuedSignal
    deliveries: list[tuple[uuid.UUID, str]]
    consented: list[str]
    overridden: list[str]
    notice_id: uuid.UUID | None
    # Released right after the request's transaction commits (acute danger), not with a batch.
    immediate: bool


@dataclass(frozen=True)
class ReleaseCounts:
    released: int = 0
    held: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def recipients(session: Session) -> list[tuple[Partner, PartnerKey | None]]:
    return [(p, partner_keys.current(session, p.id)) for p in partners.active_partners(session)]


def create(
    session: Session,
    *,
    author_id: uuid.UUID,
    body: schemas.SignalIn,
    release_at: datetime,
    notice_key: bytes,
) -> Routing:
    """Check consent and queue the signal for the release at ``release_at``.

    Writes no signal or delivery row: those come from :func:`release`, in another transaction.
    The report is locked so that consent cannot change underneath; the lock must leave nothing
    in the report's row (PostgreSQL's FOR UPDATE would leave this transaction's id there).
    Which mailbox the release must tell about the consented partners goes into the queue row
    only sealed under ``notice_key`` (app.signals.notices).
    """
    report = threads.lock_report(session, body.report_id)
    inbox_keys.check_current_version(session, body.inbox_version)
    targets = {d.partner_id for d in body.deliveries}
    partners.require_active(session, targets)
    allowed = set(session.scalars(select(Consent.partner_id).where(Consent.report_id == report.id)))
    missing = sorted(targets - allowed)
    notice_id = _check_override(report.reply_public_key is not None, missing, body.override)
    if session.get(Signal, body.id) is not None or session.get(QueuedSignal, body.id) is not None:
        raise Conflict("already_received", ALREADY_SENT)
    queued = QueuedSignal(
        id=body.id,
        release_at=release_at,
        category=body.category,
        urgency=body.urgency,
        period=body.period,
        inbox_version=body.inbox_version,
        team_ciphertext=body.team_ciphertext,
        deliveries=[_queued_delivery(session, d) for d in body.deliveries],
        pending_notice=notices.seal_pending(
            notice_key, signal_id=body.id, report=report, partners=sorted(targets & allowed)
        ),
    )
    session.add(queued)
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
    return Routing(
        queued=queued,
        deliveries=[(d.id, d.partner_id) for d in body.deliveries],
        consented=sorted(targets & allowed),
        overridden=missing,
        notice_id=notice_id,
        immediate=body.override is not None and body.override.exception == IMMEDIATE_EXCEPTION,
    )


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


def _queued_delivery(session: Session, body: schemas.DeliveryIn) -> dict[str, str]:
    key = partner_keys.require_current(session, body.partner_id)
    if key.key_id != body.key_id:
        raise Conflict("stale_partner_key", STALE_PARTNER_KEY)
    if session.get(SignalDelivery, body.id) is not None:
        raise Conflict("already_received", ALREADY_SENT)
    return {
        "id": str(body.id),
        "partner_id": body.partner_id,
        "partner_key_id": str(key.id),
        "ciphertext": base64.b64encode(body.ciphertext).decode(),
    }


def release(
    session: Session,
    *,
    notice_key: bytes,
    due_by: datetime | None = None,
    only: uuid.UUID | None = None,
    rng: random.Random | None = None,
) -> ReleaseCounts:
    """Write queued signals as signal and delivery rows: ``only`` that one, else those whose
    release time is ``due_by`` or earlier, else (both None) every queued signal.

    One unit of work for the whole batch: the rows go in, in random order, and the queue rows
    out, with nothing tied to a report. What changed since the adviser sent it is checked again:
    a signal to a partner that was deactivated, or sealed to a key that was retired, stays in
    the queue marked ``held`` for the team to see (and withdraw); it is never dropped silently.
    What each released signal owes its reporter's mailbox (which consented partner it went
    to) is kept sealed for :func:`deliver_notices`, which the caller runs after this commits.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _RELEASE_LOCK})
    query = select(QueuedSignal)
    if only is not None:
        query = query.where(QueuedSignal.id == only)
    elif due_by is not None:
        query = query.where(QueuedSignal.release_at <= due_by)
    rows = list(session.scalars(query))
    if not rows:
        return ReleaseCounts()
    ready, held = _sort_out(session, rows)
    shuffle = (rng or secrets.SystemRandom()).shuffle
    signals = [_signal_values(row) for row in ready]
    deliveries = [_delivery_values(row.id, d) for row in ready for d in row.deliveries]
    shuffle(signals)
    shuffle(deliveries)
    if signals:
        session.execute(insert(Signal), signals)
        session.execute(insert(SignalDelivery), deliveries)
        for row in ready:
            notices.carry(session, key=notice_key, queued=row)
        session.execute(
            delete(QueuedSignal).where(QueuedSignal.id.in_([row.id for row in ready])),
            execution_options={"synchronize_session": False},
        )
        for row in ready:
            session.expunge(row)
        # The queued bytes must not linger in SQLite's write-ahead log (see vacuum_queue).
        mark_erasure(session)
    session.flush()
    return ReleaseCounts(released=len(ready), held=held)


def deliver_notices(database: Database, *, notice_key: bytes) -> int:
    """After a release has committed: tell the reporters, in a transaction of its own (R5).

    Should this fail, the notices stay due and the next release writes them.
    """
    session = database.sessionmaker()
    session.info["database"] = database
    try:
        written = notices.deliver_due(session, key=notice_key)
        commit(session)
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
    return written


def _sort_out(session: Session, rows: list[QueuedSignal]) -> tuple[list[QueuedSignal], int]:
    active = {p.id for p in partners.active_partners(session)}
    usable = _unretired_keys(session, rows)
    taken = _existing_ids(session, rows)
    ready: list[QueuedSignal] = []
    held = 0
    for row in rows:
        reason = _hold_reason(row, active, usable, taken)
        if reason is None:
            taken |= {row.id, *(uuid.UUID(d["id"]) for d in row.deliveries)}
            ready.append(row)
            continue
        held += 1
        if row.held != reason:
            row.held = reason
    return ready, held


def _hold_reason(
    row: QueuedSignal,
    active: set[str],
    usable: set[tuple[str, uuid.UUID]],
    taken: set[uuid.UUID],
) -> str | None:
    ids = {row.id, *(uuid.UUID(d["id"]) for d in row.deliveries)}
    if ids & taken:
        return "already_received"
    if any(d["partner_id"] not in active for d in row.deliveries):
        return "partner_inactive"
    # A newer key alone is no reason to wait: the partner keeps its older keys to open older
    # signals. A retired key is one the partner (or an administrator) no longer trusts.
    if any((d["partner_id"], uuid.UUID(d["partner_key_id"])) not in usable for d in row.deliveries):
        return "stale_partner_key"
    return None


def _unretired_keys(session: Session, rows: Iterable[QueuedSignal]) -> set[tuple[str, uuid.UUID]]:
    ids = {uuid.UUID(d["partner_key_id"]) for row in rows for d in row.deliveries}
    query = select(PartnerKey.partner_id, PartnerKey.id).where(
        PartnerKey.id.in_(ids), PartnerKey.retired_at.is_(None)
    )
    return {(partner_id, key_id) for partner_id, key_id in session.execute(query)}


def _existing_ids(session: Session, rows: Iterable[QueuedSignal]) -> set[uuid.UUID]:
    signal_ids = [row.id for row in rows]
    delivery_ids = [uuid.UUID(d["id"]) for row in rows for d in row.deliveries]
    found = set(session.scalars(select(Signal.id).where(Signal.id.in_(signal_ids))))
    found |= set(
        session.scalars(select(SignalDelivery.id).where(SignalDelivery.id.in_(delivery_ids)))
    )
    return found


def _signal_values(row: QueuedSignal) -> dict[str, Any]:
    # A date, never a time (R3); the date of release, which a whole batch shares.
    return {
        "id": row.id,
        "created_on": today(),
        "category": row.category,
        "urgency": row.urgency,
        "period": row.period,
        "inbox_version": row.inbox_version,
        "team_ciphertext": row.team_ciphertext,
        "ref_pepper": secrets.token_bytes(16),
    }


def _delivery_values(signal_id: uuid.UUID, queued: dict[str, str]) -> dict[str, Any]:
    return {
        "id": uuid.UUID(queued["id"]),
        "signal_id": signal_id,
        "partner_id": queued["partner_id"],
        "partner_key_id": uuid.UUID(queued["partner_key_id"]),
        "ciphertext": base64.b64decode(queued["ciphertext"]),
        "status": "new",
    }


def vacuum_queue(database: Database) -> None:
    """After a release on PostgreSQL, reclaim the deleted queue rows' space (best effort).

    A deleted row stays in the table's pages, readable by whoever copies the files, until
    VACUUM prunes it; the emptied pages at the end are then handed back to the file system.
    What stays beyond that (the write-ahead log, backups) is named in docs/partners.md.
    """
    if database.dialect != "postgresql":
        return
    try:
        with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM queued_signals, notices_due")
    except Exception as error:  # noqa: BLE001 - autovacuum gets there later anyway
        logger.warning("vacuum of the signal queue failed: %s", type(error).__name__)


def queued_signals(session: Session) -> list[QueuedSignal]:
    """The team's signals that wait for a release; ordered by release, then by random id."""
    return list(
        session.scalars(select(QueuedSignal).order_by(QueuedSignal.release_at, QueuedSignal.id))
    )


def withdraw(session: Session, *, signal_id: uuid.UUID) -> None:
    """Take a signal out of the queue before it goes out (a held one cannot go out as it is)."""
    queued = session.get(QueuedSignal, signal_id)
    if queued is None:
        if session.get(Signal, signal_id) is not None:
            raise Conflict("already_released", ALREADY_SENT)
        raise NotFound("signal_not_found", SIGNAL_NOT_FOUND)
    session.delete(queued)
    mark_erasure(session)
    session.flush()


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
