"""What reporter requests leave in the log: counts per hour, and errors with the date only (R3).

A per-request log line gives the time of a reporter's action, and so does the *position* of any
line among the timestamped lines of staff requests. Reporter requests are therefore only counted
here, in process memory, per hour, method, route template and status; errors on reporter routes
are kept as their exception class and code locations. Both are written by a timer once the hour is
over (and at shutdown), never when a request arrives: a line written by the next request would
carry that request's time. The lines name the hour or the date, never a time, and go through a
logger with its own formatter without ``asctime`` (app.access_log.configure_logging).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import site
import sysconfig
import traceback
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

Clock = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[None]]

logger = logging.getLogger("vertrouwenspunt.hourly")
# Never through the root handler, whose format starts with the time.
logger.propagate = False

# Methods outside this set are counted as OTHER, so a client cannot grow the counter without bound.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_LOGGED = "_vertrouwenspunt_logged"
_ROOT = Path(__file__).resolve().parent.parent
# Longest first: site-packages may lie inside the standard library's directory.
_LIBRARIES = sorted(
    {Path(p) for p in (*site.getsitepackages(), sysconfig.get_paths()["stdlib"])},
    key=lambda p: len(p.parts),
    reverse=True,
)


def utcnow() -> datetime:
    return datetime.now(UTC)


def hour_of(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H")


def _library(path: Path) -> Path | None:
    return next((lib for lib in _LIBRARIES if path.is_relative_to(lib)), None)


def _where(filename: str) -> str:
    path = Path(filename)
    library = _library(path)
    if library is not None:
        return str(path.relative_to(library))
    return str(path.relative_to(_ROOT)) if path.is_relative_to(_ROOT) else path.name


def _is_ours(filename: str) -> bool:
    path = Path(filename)
    return path.is_relative_to(_ROOT) and _library(path) is None


def _frames(exc: BaseException) -> list[traceback.FrameSummary]:
    """The frames in the project's own code, innermost first, and always the innermost frame."""
    frames = list(reversed(traceback.extract_tb(exc.__traceback__)))
    return [f for i, f in enumerate(frames) if i == 0 or _is_ours(f.filename)]


def describe(exc: BaseException) -> str:
    """The exception's class and code locations (innermost first), and the same for its causes.

    Never the message, the arguments or the frames' locals: any of them could hold a value from the
    request (a path id, a header, a byte of a report). Library frames other than the innermost are
    left out: the project's own frames are what a maintainer needs, and they keep the line short.
    """
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        where = " < ".join(f"{_where(f.filename)}:{f.lineno}:{f.name}" for f in _frames(current))
        kind = type(current)
        parts.append(f"{kind.__module__}.{kind.__qualname__} at {where or '?'}")
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    return " caused by ".join(parts)


def mark_logged(exc: BaseException) -> None:
    """Note that the service logged ``exc`` itself, so uvicorn's copy can be dropped."""
    with contextlib.suppress(AttributeError):
        setattr(exc, _LOGGED, True)


def was_logged(exc: BaseException) -> bool:
    return bool(getattr(exc, _LOGGED, False))


class HourlyLog:
    """Counts and dated errors of the current process, written once their hour is over.

    Every call happens on the event loop (middleware, exception handlers, the timer task), so no
    lock is needed. ``clock`` is injectable so that tests move through hours without waiting.
    """

    def __init__(self, clock: Clock = utcnow) -> None:
        self._clock = clock
        self._counts: Counter[tuple[str, str, str, int]] = Counter()
        self._errors: Counter[tuple[str, str, int, str]] = Counter()

    def count(self, method: str, template: str, status: int) -> None:
        method = method if method in METHODS else "OTHER"
        self._counts[(hour_of(self._clock()), method, template, status)] += 1

    def error(
        self, event: str, exc: BaseException | None = None, *, level: int = logging.ERROR
    ) -> None:
        """Keep an error of a reporter route: the date, what happened, its class and locations."""
        description = describe(exc) if exc is not None else "-"
        self._errors[(hour_of(self._clock()), event, level, description)] += 1
        if exc is not None:
            mark_logged(exc)

    def flush(self, *, everything: bool = False) -> int:
        """Write the counts and errors of every hour that is over (all of them at shutdown).

        Returns the number of lines written. Lines are sorted, so their order says nothing about
        the order of the requests within the hour.
        """
        current = hour_of(self._clock())
        counts = sorted(k for k in self._counts if everything or k[0] < current)
        errors = sorted(k for k in self._errors if everything or k[0] < current)
        for counted in counts:
            hour, method, template, status = counted
            number = self._counts.pop(counted)
            logger.info("hour=%s %s %s %d count=%d", hour, method, template, status, number)
        for failed in errors:
            hour, event, level, description = failed
            number = self._errors.pop(failed)
            # The date only: the hour is already the finest grain of the counts above.
            logger.log(level, "date=%s %s %s count=%d", hour[:10], event, description, number)
        return len(counts) + len(errors)

    def seconds_to_next_hour(self) -> float:
        now = self._clock()
        next_hour = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        return max((next_hour - now).total_seconds(), 0.0)

    async def run(self, sleep: Sleep = asyncio.sleep) -> None:
        """Write each hour's lines just after the hour is over, until cancelled."""
        while True:
            # One second past the boundary, so that the clock surely reads the new hour.
            await sleep(self.seconds_to_next_hour() + 1)
            self.flush()


def start(log: HourlyLog) -> asyncio.Task[None]:
    return asyncio.create_task(log.run(), name="hourly-log")


async def stop(log: HourlyLog, task: asyncio.Task[None]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    log.flush(everything=True)


# The served application's log; uvicorn's own error records end up here too (app.access_log).
process_log = HourlyLog()
