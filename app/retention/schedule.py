"""The purge on a timer inside the service, for deployments without cron (R7).

With ``VP_RETENTION__SCHEDULE_MINUTES`` above 0, each service process runs the purge once at
start-up and then every that many minutes, in a worker thread with a session of its own. Several
processes may each run it: the purges queue on the database's write lock (SQLite) or on the
rows and the audit log's advisory lock (PostgreSQL), and the later ones find nothing left.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import anyio.to_thread

from app.db import Database, commit
from app.models.base import today, utcnow
from app.retention.service import PurgeCounts, purge
from app.settings import Settings

logger = logging.getLogger("vertrouwenspunt.retention")


def purge_once(database: Database, settings: Settings) -> PurgeCounts:
    """One purge in its own unit of work, committed (and the journal wiped) on success."""
    session = database.sessionmaker()
    session.info["database"] = database
    try:
        counts = purge(
            session,
            settings=settings.retention,
            today=today(),
            sessions=settings.sessions,
            now=utcnow(),
        )
        commit(session)
        return counts
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


async def _run(database: Database, settings: Settings) -> None:
    interval = settings.retention.schedule_minutes * 60
    while True:
        try:
            counts = await anyio.to_thread.run_sync(purge_once, database, settings)
        except Exception as error:  # noqa: BLE001 - the next run may well succeed
            # Only the kind of failure: a database error's text could carry values (T2).
            logger.error("retention purge failed: %s", type(error).__name__)
        else:
            # Counts alone; they say how much went, not what it was.
            logger.info("retention purge: %s", counts.as_dict())
        await asyncio.sleep(interval)


def start(database: Database, settings: Settings) -> asyncio.Task[None] | None:
    """Start the timer when one is configured; returns the task to pass to :func:`stop`."""
    if settings.retention.schedule_minutes <= 0:
        return None
    return asyncio.get_running_loop().create_task(_run(database, settings), name="retention")


async def stop(task: asyncio.Task[None] | None) -> None:
    if task is None:
        return
    task.cancel()
    # A purge already in its thread finishes its transaction first; then the task ends.
    with contextlib.suppress(asyncio.CancelledError):
        await task
