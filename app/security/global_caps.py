"""Global caps on reporter routes, kept in process memory only (R1, R3, T6).

A gate admits a request when fewer than ``per_minute`` were admitted in the current one-minute
window (else 429) and fewer than ``in_flight`` are still running (else 503). It keeps two window
counts and one in-flight count: no address, no key per client, and no time of any single request.
The counts live in this process and nowhere else on purpose: a Redis counter per window would tell
whoever dumps Redis how many reports came in which minute. With several processes each enforces
its share (the setting divided by the number of processes, rounded up).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from app.errors import N_, ServiceUnavailable, TooManyRequests

WINDOW_SECONDS = 60
# A request refused for lack of room in flight may try again soon: the others finish in seconds.
IN_FLIGHT_RETRY_SECONDS = 5
TOO_MANY = N_("Too many attempts. Wait a while and try again.")
BUSY = N_("The service is busy or briefly unavailable. Nothing was saved. Try again soon.")

# The monotonic clock of the windows; tests replace it to step through time without sleeping.
clock: Callable[[], float] = time.monotonic


def share(total: int, processes: int) -> int:
    """One process's part of a cap for the whole service (at least one)."""
    return max(1, math.ceil(total / processes))


class Admission:
    """One admitted request: ``release`` when it ends, ``withdraw`` if it turns out not to count."""

    def __init__(self, gate: Gate, window: int) -> None:
        self._gate = gate
        self._window = window
        self._released = False

    def release(self) -> None:
        if not self._released:
            self._released = True
            self._gate._leave()

    def withdraw(self) -> None:
        self._gate._uncount(self._window)
        self.release()


class Gate:
    def __init__(self, *, name: str, per_minute: int, in_flight: int) -> None:
        self.name = name
        self.per_minute = per_minute
        self.in_flight = in_flight
        self._lock = threading.Lock()
        self._window = 0
        self._current = 0
        self._previous = 0
        self._running = 0

    def _roll(self, now: float) -> int:
        window = int(now // WINDOW_SECONDS)
        if window != self._window:
            self._previous = self._current if window == self._window + 1 else 0
            self._current = 0
            self._window = window
        return window

    def admit(self) -> Admission:
        """Count one request in, or raise 429/503 with Retry-After without counting anything."""
        now = clock()
        with self._lock:
            window = self._roll(now)
            if self._current >= self.per_minute:
                wait = math.ceil((window + 1) * WINDOW_SECONDS - now)
                raise TooManyRequests("too_many_requests", TOO_MANY, retry_after=max(1, wait))
            if self._running >= self.in_flight:
                raise ServiceUnavailable("busy", BUSY, retry_after=IN_FLIGHT_RETRY_SECONDS)
            self._current += 1
            self._running += 1
            return Admission(self, window)

    def rate(self) -> float:
        """Admissions in the last minute, estimated from the two windows (this process only)."""
        now = clock()
        with self._lock:
            self._roll(now)
            elapsed = (now % WINDOW_SECONDS) / WINDOW_SECONDS
            return self._current + self._previous * (1.0 - elapsed)

    def running(self) -> int:
        with self._lock:
            return self._running

    def _leave(self) -> None:
        with self._lock:
            self._running -= 1

    def _uncount(self, window: int) -> None:
        with self._lock:
            if window == self._window and self._current > 0:
                self._current -= 1
            elif window == self._window - 1 and self._previous > 0:
                self._previous -= 1
