"""Remember which one-use challenges were used, until they expire anyway.

Redis when configured (shared by every process); otherwise process memory, which is correct only for
a single process, as the README says. A marker's key is a challenge's random part, or a keyed hash
of a form token (app.security.form_tokens), and nothing else; its value is a constant.
"""

from __future__ import annotations

import threading
import time

from redis import Redis

_PREFIX = b"vp:pow-spent:"


class SpentStore:
    def __init__(self, redis: Redis | None) -> None:
        self.redis = redis
        self._memory: dict[bytes, float] = {}
        self._lock = threading.Lock()

    def spend(self, token_id: bytes, ttl_seconds: int) -> bool:
        """Mark as used for ``ttl_seconds``; False when it had been used before."""
        return self.spend_until(token_id, int(time.time()) + ttl_seconds)

    def spend_until(self, token_id: bytes, expires_at: int) -> bool:
        """Mark as used until the Unix time ``expires_at``; False when it had been used before.

        An absolute expiry (EXAT) makes Redis keep exactly that time, not "the moment of spending
        plus a TTL", so a marker tells no more than the expiry the challenge already carried (R3).
        """
        if self.redis is not None:
            return bool(self.redis.set(_PREFIX + token_id, b"1", nx=True, exat=expires_at))
        now = time.time()
        with self._lock:
            if len(self._memory) > 10_000:
                self._memory = {k: v for k, v in self._memory.items() if v > now}
            if self._memory.get(token_id, 0.0) > now:
                return False
            self._memory[token_id] = float(expires_at)
            return True
