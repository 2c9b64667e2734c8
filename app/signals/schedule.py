"""Release times for queued signals, and the timer that releases them inside the service (R5).

Signals go out in batches at fixed local times of day (``VP_SIGNALS__RELEASE_TIMES`` in
``VP_SIGNALS__TIME_ZONE``). Each service process with ``VP_SIGNALS__RELEASE_IN_SERVICE`` on
releases what is due once at start-up and then at every release time; several processes may all
do so, since the release claims the queue under a lock and the later ones find nothing left.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import anyio.to_thread

from app.db import Database, commit
from app.models.base import utcnow
from app.security.server_keys import ServerKeys
from app.settings import Settings
from app.signals import service

logger = logging.getLogger("vertrouwenspunt.signals")


def _occurrence(day: date, at: time, zone: ZoneInfo) -> datetime:
    """``at`` on ``day`` in ``zone``, as UTC.

    PEP 495 decides the two odd cases: a time that occurs twice (clocks go back) is its first
    occurrence, and a time that does not exist (clocks go forward) is moved on by the gap, so
    02:30 on the spring-forward night in Amsterdam is 03:30 summer time.
    """
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def next_release(now: datetime, *, times: tuple[time, ...], zone: ZoneInfo) -> datetime:
    """The first release time strictly after ``now`` (aware), in UTC."""
    local_day = now.astimezone(zone).date()
    # Today's remaining times, else tomorrow's (the day after for a calendar that skips a day).
    for offset in (0, 1, 2):
        day = local_day + timedelta(days=offset)
        for at in sorted(times):
            moment = _occurrence(day, at, zone)
            if moment > now:
                return moment
    raise ValueError("no release time configured")  # pragma: no cover - settings require one


def local_hhmm(moment: datetime, zone: ZoneInfo) -> str:
    """A release time as the team reads it: "HH:MM" in the organisation's time zone."""
    return moment.astimezone(zone).strftime("%H:%M")


def release_due(
    database: Database, settings: Settings, *, everything: bool = False
) -> service.ReleaseCounts:
    """Release every signal whose release time has come (or, with ``everything``, every queued
    one), as one batch in one committed transaction."""
    notice_key = ServerKeys.from_secret(settings.secret_key.get_secret_value()).signal_notice
    session = database.sessionmaker()
    session.info["database"] = database
    try:
        counts = service.release(
            session, notice_key=notice_key, due_by=None if everything else utcnow()
        )
        commit(session)
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
    # The reporters' notices, in a transaction of their own; due ones from a failed run as well.
    service.deliver_notices(database, notice_key=notice_key)
    # Also after a run that released nothing: an acute-danger release or a withdrawal in between
    # left dead queue rows of its own.
    service.vacuum_queue(database)
    return counts


async def _run(database: Database, settings: Settings) -> None:
    signals = settings.signals
    while True:
        try:
            counts = await anyio.to_thread.run_sync(release_due, database, settings)
        except Exception as error:  # noqa: BLE001 - the next release time may well succeed
            # Only the kind of failure: a database error's text could carry values (T2).
            logger.error("signal release failed: %s", type(error).__name__)
        else:
            if counts.released or counts.held:
                # Counts alone: how many went and how many wait, never which (R5).
                logger.info("signal release: %s", counts.as_dict())
        now = utcnow()
        # A wake-up a moment early finds nothing due yet and sleeps the remainder.
        wait = next_release(now, times=signals.times, zone=signals.zone) - now
        await asyncio.sleep(wait.total_seconds())


def start(database: Database, settings: Settings) -> asyncio.Task[None] | None:
    """Start the timer when the service releases signals itself; pass the task to :func:`stop`."""
    if not settings.signals.release_in_service:
        return None
    return asyncio.get_running_loop().create_task(_run(database, settings), name="signals")


async def stop(task: asyncio.Task[None] | None) -> None:
    if task is None:
        return
    task.cancel()
    # A release already in its thread finishes its transaction first; then the task ends.
    with contextlib.suppress(asyncio.CancelledError):
        await task
