"""The retention purge (R7): delete expired cases and signals, close inactive mailboxes.

One call is one unit of work: it flushes and never commits, so the caller decides (the CLI rolls
a dry run back; the schedule commits through ``app.db.commit``, which also empties SQLite's
write-ahead log so the deleted rows do not linger there).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Delete, delete, exists, func, or_, select, update
from sqlalchemy.orm import Session

from app.audit import service as audit
from app.db import mark_erasure
from app.models import (
    ErasureTombstone,
    Message,
    QueuedSignal,
    Report,
    Signal,
    SignalDelivery,
    StaffSession,
)
from app.settings import RetentionSettings, SessionSettings

# Ids go into IN lists in slices: SQLite allows a limited number of bound parameters.
_CHUNK = 500


@dataclass(frozen=True)
class PurgeCounts:
    closed_cases: int = 0
    mailboxes_closed: int = 0
    signal_deliveries: int = 0
    signals: int = 0
    erasure_tombstones: int = 0
    staff_sessions: int = 0

    @property
    def case_data(self) -> int:
        """Everything except staff sessions: what the audit log and the journal wipe are for."""
        return (
            self.closed_cases
            + self.mailboxes_closed
            + self.signal_deliveries
            + self.signals
            + self.erasure_tombstones
        )

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def purge(
    session: Session,
    *,
    settings: RetentionSettings,
    today: date,
    sessions: SessionSettings | None = None,
    now: datetime | None = None,
) -> PurgeCounts:
    """Apply every retention period as of ``today``; return how much went.

    Expired staff sessions are deleted too when ``sessions`` (their lifetimes) is given.
    """
    counts = PurgeCounts(
        closed_cases=_delete_closed_cases(session, settings=settings, today=today),
        mailboxes_closed=_close_inactive_mailboxes(session, settings=settings, today=today),
        signal_deliveries=_delete_old_deliveries(session, settings=settings, today=today),
        signals=_delete_bare_signals(session, settings=settings, today=today)
        + _delete_stale_queued_signals(session, settings=settings, today=today),
        erasure_tombstones=_delete_old_tombstones(session, settings=settings, today=today),
        staff_sessions=(
            _delete_expired_sessions(session, settings=sessions, now=now or datetime.now(UTC))
            if sessions is not None
            else 0
        ),
    )
    session.flush()
    if counts.case_data:
        # Expired staff sessions alone are routine housekeeping, not worth an entry each run.
        audit.record(
            session,
            actor_kind="system",
            actor_id=None,
            action="retention.purge",
            detail=dict(counts.as_dict()),
        )
        # Deleted rows and overwritten ciphertexts survive in SQLite's WAL until a checkpoint.
        mark_erasure(session)
    return counts


def _rowcount(session: Session, statement: Delete) -> int:
    result = session.execute(statement.execution_options(synchronize_session=False))
    return int(cast(CursorResult[Any], result).rowcount)


def _delete_closed_cases(session: Session, *, settings: RetentionSettings, today: date) -> int:
    # Messages, notes, labels and consents go with the report through ON DELETE CASCADE, which
    # both databases enforce (app.db turns foreign keys on for SQLite); audit entries name the
    # case only sealed to the inbox key (R5), so they stay and the chain still verifies.
    cutoff = today - timedelta(days=settings.closed_case_days)
    return _rowcount(
        session,
        delete(Report).where(Report.status == "closed", Report.closed_on < cutoff),
    )


def _delete_old_tombstones(session: Session, *, settings: RetentionSettings, today: date) -> int:
    # A tombstone stands for a case that is gone; it is kept no longer than a closed case would
    # have been after the day it ended (R7), counted from the day of erasure.
    cutoff = today - timedelta(days=settings.closed_case_days)
    return _rowcount(session, delete(ErasureTombstone).where(ErasureTombstone.erased_on < cutoff))


def _close_inactive_mailboxes(session: Session, *, settings: RetentionSettings, today: date) -> int:
    cutoff = today - timedelta(days=settings.inactive_mailbox_days)
    last_message = (
        select(Message.report_id, func.max(Message.created_on).label("last_on"))
        .group_by(Message.report_id)
        .subquery()
    )
    ids = session.scalars(
        select(Report.id)
        .outerjoin(last_message, last_message.c.report_id == Report.id)
        .where(
            Report.credential_hash.is_not(None),
            Report.created_on < cutoff,
            or_(last_message.c.last_on.is_(None), last_message.c.last_on < cutoff),
        )
    ).all()
    for chunk in _chunks(ids):
        # Closing a mailbox removes what only the reporter could read and the credential that
        # opened it; the team's copies (sealed to the inbox key) stay with the case.
        session.execute(
            update(Message).where(Message.report_id.in_(chunk)).values(reply_ciphertext=None),
            execution_options={"synchronize_session": False},
        )
        # Key and credential hash go together: the mailbox_complete constraint wants both or
        # neither, as for a one-way report.
        session.execute(
            update(Report)
            .where(Report.id.in_(chunk))
            .values(credential_hash=None, reply_public_key=None, reporter_copy=None),
            execution_options={"synchronize_session": False},
        )
    return len(ids)


def _delete_old_deliveries(session: Session, *, settings: RetentionSettings, today: date) -> int:
    # Feedback on a delivery goes with it (ON DELETE CASCADE).
    acknowledged_cutoff = today - timedelta(days=settings.acknowledged_signal_days)
    unacknowledged_cutoff = today - timedelta(days=settings.unacknowledged_signal_days)
    old_signals = select(Signal.id).where(Signal.created_on < unacknowledged_cutoff)
    return _rowcount(
        session,
        delete(SignalDelivery).where(
            or_(
                SignalDelivery.acknowledged_on < acknowledged_cutoff,
                SignalDelivery.acknowledged_on.is_(None)
                & SignalDelivery.signal_id.in_(old_signals),
            )
        ),
    )


def _delete_bare_signals(session: Session, *, settings: RetentionSettings, today: date) -> int:
    # A signal with no delivery left reaches no partner and is only the team's copy. The age
    # guard (the earliest a signal's last delivery can have expired) leaves alone a signal that
    # is younger, so a signal being written in a concurrent transaction is never touched.
    shortest = min(settings.acknowledged_signal_days, settings.unacknowledged_signal_days)
    has_delivery = exists().where(SignalDelivery.signal_id == Signal.id)
    return _rowcount(
        session,
        delete(Signal).where(~has_delivery, Signal.created_on < today - timedelta(days=shortest)),
    )


def _delete_stale_queued_signals(
    session: Session, *, settings: RetentionSettings, today: date
) -> int:
    # A queued signal goes out within hours and is then a signal like any other, under the rules
    # above. One the release holds (its partner inactive, its key retired) and nobody withdraws
    # would otherwise stay for ever: it goes when an unacknowledged signal would have.
    cutoff = datetime.combine(
        today - timedelta(days=settings.unacknowledged_signal_days), time.min, tzinfo=UTC
    )
    return _rowcount(session, delete(QueuedSignal).where(QueuedSignal.release_at < cutoff))


def _delete_expired_sessions(session: Session, *, settings: SessionSettings, now: datetime) -> int:
    # The same two expiries app.staff.sessions.resolve applies when a session is used.
    return _rowcount(
        session,
        delete(StaffSession).where(
            or_(
                StaffSession.created_at < now - timedelta(hours=settings.absolute_hours),
                StaffSession.last_seen_at < now - timedelta(minutes=settings.idle_minutes),
            )
        ),
    )


def _chunks(ids: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]
