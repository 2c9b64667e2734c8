"""The per-account delay after failed logins, so a stolen passphrase cannot brute-force (T7).

A stolen passphrase leaves only the second factor, and a TOTP code has a million values: an
unhurried attacker would find one. So after ``free_failures`` failed logins each further attempt
on that account has to wait ``base * 2^(n - free_failures)`` seconds after the n-th failure, up to
``cap_seconds``. It is a delay, never a lock-out: an attacker who knows a VP's username can slow
their login down to one attempt per cap, never stop it for good, and a successful login resets
the count.

An attempt is counted as failed *before* the Argon2 hash runs (and undone only by a success), so
many parallel requests cannot all pass the check in the gap before the first one fails.

For an active account the count lives on its row (shared by every process). Unknown usernames are
throttled the same way, or the 429 would tell which usernames exist; their state is kept under a
keyed hash of the name, never the name, in Redis when configured (shared, as the rows are) or in
process memory, and is dropped once the failures are forgotten.
"""

from __future__ import annotations

import math
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime

from redis import Redis, WatchError

from app.settings import LoginThrottleSettings, Settings
from crypto import hkdf, keyed_hash

# Injectable, as app.staff.totp.clock is, so tests move through the delays without sleeping.
clock = time.time

# Beyond this the delay is at the cap anyway; it keeps 2**n small and the stored count bounded.
_MAX_COUNTED = 64
_MEMORY_ENTRIES = 100_000
_REDIS_PREFIX = b"vp:login-throttle:"
# As app.security.server_keys derives its keys, under a name none of those uses.
_SERVER_KEY_SALT = b"vertrouwenspunt/v1/server-key"


@dataclass(frozen=True)
class Attempts:
    """Failed logins in a row, and when the last one was counted (seconds since the epoch)."""

    failures: int = 0
    last_failed_at: float | None = None


def now_datetime(moment: float) -> datetime:
    return datetime.fromtimestamp(moment, UTC)


def as_timestamp(moment: datetime | None) -> float | None:
    if moment is None:
        return None
    # SQLite hands datetimes back without a zone; both databases store UTC.
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _current(policy: LoginThrottleSettings, attempts: Attempts, now: float) -> int:
    """The failures that still count: none once the last is older than ``forget_after``."""
    if attempts.last_failed_at is None:
        return 0
    if now - attempts.last_failed_at >= policy.forget_after_seconds:
        return 0
    return attempts.failures


def delay_after(policy: LoginThrottleSettings, failures: int) -> int:
    """How long the attempt after ``failures`` failed ones must wait after the last of them."""
    if failures < policy.free_failures:
        return 0
    exponent = min(failures - policy.free_failures, _MAX_COUNTED)
    return min(policy.base_seconds << exponent, policy.cap_seconds)


def wait_seconds(policy: LoginThrottleSettings, attempts: Attempts, now: float) -> int:
    """Whole seconds until the next attempt is allowed; 0 when it is allowed now."""
    delay = delay_after(policy, _current(policy, attempts, now))
    if delay == 0 or attempts.last_failed_at is None:
        return 0
    # Never more than the delay itself, even if another process's clock ran ahead of this one.
    remaining = min(attempts.last_failed_at + delay - now, delay)
    return math.ceil(remaining) if remaining > 0 else 0


def claim(policy: LoginThrottleSettings, attempts: Attempts, now: float) -> tuple[int, Attempts]:
    """Check an attempt and, when allowed, count it as failed until it succeeds.

    Returns the wait (0 when allowed) and the state to store; a refused attempt changes nothing,
    so waiting requests cannot push the delay further.
    """
    wait = wait_seconds(policy, attempts, now)
    if wait:
        return wait, attempts
    failures = min(_current(policy, attempts, now) + 1, _MAX_COUNTED)
    return 0, Attempts(failures=failures, last_failed_at=now)


class UnknownNames:
    """Throttle state of usernames without an active account, under a keyed hash of the name.

    With Redis the key must be the same in every process, so it is derived from the server
    secret; a dump of Redis alone then says nothing about which names were tried. Without Redis
    it is random for this process and lives only in memory.
    """

    def __init__(self, *, policy: LoginThrottleSettings, key: bytes, redis: Redis | None) -> None:
        self.policy = policy
        self.key = key
        self.redis = redis
        self._memory: OrderedDict[bytes, Attempts] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def of(cls, settings: Settings, redis: Redis | None) -> UnknownNames:
        if redis is None:
            key = secrets.token_bytes(32)
        else:
            secret = settings.secret_key.get_secret_value().encode()
            key = hkdf(secret, salt=_SERVER_KEY_SALT, info=b"login-throttle", length=32)
        return cls(policy=settings.login_throttle, key=key, redis=redis)

    def _name_hash(self, username: str) -> bytes:
        return keyed_hash(self.key, username.encode(), purpose="login-throttle")[:16]

    def claim(self, username: str, now: float) -> int:
        """As :func:`claim` for an account row: the wait, after counting an allowed attempt."""
        name = self._name_hash(username)
        if self.redis is not None:
            return self._claim_in_redis(_REDIS_PREFIX + name.hex().encode(), now)
        with self._lock:
            wait, after = claim(self.policy, self._memory.pop(name, Attempts()), now)
            self._memory[name] = after
            self._forget(now)
        return wait

    def _forget(self, now: float) -> None:
        # Oldest first: entries are moved to the end whenever they are touched.
        while self._memory:
            oldest = next(iter(self._memory.values()))
            stale = _current(self.policy, oldest, now) == 0
            if not stale and len(self._memory) <= _MEMORY_ENTRIES:
                return
            self._memory.popitem(last=False)

    def _claim_in_redis(self, key: bytes, now: float) -> int:
        assert self.redis is not None  # noqa: S101 - only called with Redis configured
        with self.redis.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    wait, after = claim(self.policy, _decode(pipe.get(key)), now)
                    pipe.multi()
                    encoded = f"{after.failures}:{after.last_failed_at}".encode()
                    pipe.set(key, encoded, ex=self.policy.forget_after_seconds)
                    pipe.execute()
                    return wait
                except WatchError:
                    # Another attempt on the same name counted first: read its count again.
                    continue


def _decode(raw: object) -> Attempts:
    if not isinstance(raw, bytes):
        return Attempts()
    failures, _, moment = raw.decode().partition(":")
    try:
        return Attempts(failures=int(failures), last_failed_at=float(moment))
    except ValueError:
        return Attempts()
