"""Argon2id for staff authentication values, off the event loop and with bounded concurrency.

Each hash takes ``memory_cost`` of RAM; a burst of logins waits for one of ``max_concurrency`` slots
as a coroutine instead of each holding a thread and 64 MiB, so memory stays bounded.
"""

from __future__ import annotations

import anyio
import anyio.to_thread

from app.settings import Argon2Settings
from crypto import Argon2Params, SecretHasher, VerificationError


class BoundedHasher:
    def __init__(self, settings: Argon2Settings) -> None:
        self.hasher = SecretHasher(
            Argon2Params(
                time_cost=settings.time_cost,
                memory_cost_kib=settings.memory_cost_kib,
                parallelism=settings.parallelism,
            )
        )
        self.max_concurrency = settings.max_concurrency
        self._limiter: anyio.CapacityLimiter | None = None
        self._dummy: str | None = None
        self._dummy_lock: anyio.Lock | None = None

    @property
    def limiter(self) -> anyio.CapacityLimiter:
        # Created on first use, inside the serving event loop.
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.max_concurrency)
        return self._limiter

    async def hash(self, value: bytes) -> str:
        return await anyio.to_thread.run_sync(self.hasher.hash, value, limiter=self.limiter)

    async def verify(self, encoded: str | None, value: bytes) -> bool:
        """True when ``value`` matches; an unknown member costs the same as a wrong value."""
        target = encoded or await self._dummy_hash()

        def check() -> bool:
            try:
                self.hasher.verify(target, value)
            except VerificationError:
                return False
            return encoded is not None

        return await anyio.to_thread.run_sync(check, limiter=self.limiter)

    async def _dummy_hash(self) -> str:
        # Made once, on first need: a burst of logins right after start-up shares one.
        if self._dummy_lock is None:
            self._dummy_lock = anyio.Lock()
        async with self._dummy_lock:
            if self._dummy is None:
                self._dummy = await self.hash(b"\x00" * 32)
        return self._dummy

    def needs_rehash(self, encoded: str) -> bool:
        return self.hasher.needs_rehash(encoded)
