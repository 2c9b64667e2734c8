"""Remember which proof-of-work challenges were used, until they expire anyway.

Redis when configured (shared by every process); otherwise process memory, which is correct only for
a single process, as the README says.
"""

from __future__ import annotations

import threading
import time

from redis import Redis


class SpentStore:
    def __init__(self, redis: Redis | None) -> None:
        self.redis = redis
        self._memory: dict[bytes, float] = {}
        self._lock = threading.Lock()

    def spend(self, token_id: bytes, ttl_seconds: int) -> bool:
        """Mark as used; False when it had been used before."""
        if self.redis is not None:
            return bool(self.redis.set(b"vp:pow-spent:" + token_id, b"1", nx=True, ex=ttl_seconds))
        now = time.monotonic()
        with self._lock:
            if len(self._memory) > 10_000:
                self._memory = {k: v for k, v in self._memory.items() if v > now}
            if self._memory.get(token_id, 0.0) > now:
                return False
            self._memory[token_id] = now + ttl_seconds
            return True
