"""The logging tests' fixtures: a clock to move through hours, and logging captured or restored."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

TIME_OF_DAY = re.compile(r"\d{2}:\d{2}(:\d{2})?")
START = datetime(2026, 12, 7, 14, 20, 5, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Lines(logging.Handler):
    """Collects the formatted messages of one logger, as an operator would read them."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def hourly_lines() -> Iterator[list[str]]:
    logger = logging.getLogger("vertrouwenspunt.hourly")
    handler = Lines()
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    yield handler.lines
    logger.removeHandler(handler)
    logger.setLevel(level)


@pytest.fixture
def restored_logging() -> Iterator[None]:
    """configure_logging rewires global logging; put back what pytest and other tests rely on.

    The test's own HTTP client (httpx, httpcore) logs in the same process: it is quietened, so
    that what the stream holds is what the service logged.
    """
    root = logging.getLogger()
    hourly = logging.getLogger("vertrouwenspunt.hourly")
    uvicorn_errors = logging.getLogger("uvicorn.error")
    leveled = [logging.getLogger(name) for name in ("slowapi", "httpx", "httpcore")]
    saved = (root.handlers[:], root.level, hourly.handlers[:], hourly.level)
    saved_filters, saved_levels = uvicorn_errors.filters[:], [lg.level for lg in leveled]
    for client_logger in leveled[1:]:
        client_logger.setLevel(logging.WARNING)
    yield
    root.handlers[:], hourly.handlers[:] = saved[0], saved[2]
    root.setLevel(saved[1])
    hourly.setLevel(saved[3])
    uvicorn_errors.filters[:] = saved_filters
    for lg, level in zip(leveled, saved_levels, strict=True):
        lg.setLevel(level)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)
