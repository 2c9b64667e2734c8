"""Argon2 runs off the event loop, and no more than max_concurrency hashes run at once."""

from __future__ import annotations

import threading
import time

import anyio

from app.settings import Argon2Settings
from app.staff.hashing import BoundedHasher


class CountingHasher:
    """Stands in for argon2 inside BoundedHasher only to count overlap; each call takes 50 ms."""

    def __init__(self) -> None:
        self.running = 0
        self.most = 0
        self.lock = threading.Lock()

    def hash(self, value: bytes) -> str:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(0.05)
        with self.lock:
            self.running -= 1
        return "$argon2id$fake"


def test_a_burst_of_hashes_never_exceeds_the_bound_and_the_loop_keeps_running() -> None:
    hasher = BoundedHasher(
        Argon2Settings(time_cost=1, memory_cost_kib=8, parallelism=1, max_concurrency=2)
    )
    counting = CountingHasher()
    hasher.hasher = counting  # type: ignore[assignment]
    # How many hashes were in progress each time the event loop ran the ticker.
    seen_running: list[int] = []

    async def ticker(stop: anyio.Event) -> None:
        while not stop.is_set():
            seen_running.append(counting.running)
            await anyio.sleep(0.005)

    async def burst() -> None:
        stop = anyio.Event()
        async with anyio.create_task_group() as outer:
            outer.start_soon(ticker, stop)
            async with anyio.create_task_group() as logins:
                for _ in range(20):
                    logins.start_soon(hasher.hash, b"value")
            stop.set()

    anyio.run(burst)
    assert counting.most == 2
    # Had the hashes run on the event loop, the ticker could never observe one in progress.
    assert sum(1 for running in seen_running if running > 0) >= 10


def test_verify_of_an_unknown_member_costs_a_real_hash_and_fails() -> None:
    hasher = BoundedHasher(Argon2Settings(time_cost=1, memory_cost_kib=8, parallelism=1))

    async def check() -> tuple[bool, bool, bool]:
        encoded = await hasher.hash(b"right")
        return (
            await hasher.verify(encoded, b"right"),
            await hasher.verify(encoded, b"wrong"),
            await hasher.verify(None, b"\x00" * 32),
        )

    assert anyio.run(check) == (True, False, False)
