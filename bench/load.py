"""A closed-loop load generator: ``c`` workers, each sending its next request when one ends."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    headers: dict[str, str]
    content: bytes | None = None
    expect: int = 200


@dataclass(frozen=True)
class Sample:
    start: float
    end: float
    ok: bool

    @property
    def ms(self) -> float:
        return (self.end - self.start) * 1000


@dataclass(frozen=True)
class Stats:
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float
    max_ms: float

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``q`` of the values at or below."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(q * len(sorted_values)))
    return sorted_values[rank - 1]


def summarise(samples: Sequence[Sample]) -> Stats:
    """Latency percentiles over every request (errors included); throughput over the wall time."""
    if not samples:
        return Stats(0, 0, 0.0, math.nan, math.nan, math.nan)
    latencies = sorted(s.ms for s in samples)
    seconds = max(s.end for s in samples) - min(s.start for s in samples)
    return Stats(
        requests=len(samples),
        errors=sum(not s.ok for s in samples),
        seconds=seconds,
        p50_ms=percentile(latencies, 0.50),
        p99_ms=percentile(latencies, 0.99),
        max_ms=latencies[-1],
    )


def new_client(base_url: str, concurrency: int) -> httpx.AsyncClient:
    # Idle connections are dropped well before uvicorn closes them (after 5 s), so a request is
    # never sent on a connection the service is closing at that moment.
    limits = httpx.Limits(
        max_connections=concurrency, max_keepalive_connections=concurrency, keepalive_expiry=2.0
    )
    return httpx.AsyncClient(base_url=base_url, limits=limits, timeout=120)


async def timed(client: httpx.AsyncClient, call: Call, failures: list[str]) -> Sample:
    start = time.perf_counter()
    try:
        response = await client.request(
            call.method, call.path, headers=call.headers, content=call.content
        )
        ok = response.status_code == call.expect
        if not ok and len(failures) < 5:
            failures.append(f"{call.method} {call.path}: {response.status_code} {response.text}")
    except httpx.HTTPError as error:
        ok = False
        if len(failures) < 5:
            failures.append(f"{call.method} {call.path}: {error!r}")
    return Sample(start, time.perf_counter(), ok)


async def closed_loop(
    client: httpx.AsyncClient,
    calls: Sequence[Call],
    concurrency: int,
    failures: list[str],
    stop: asyncio.Event | None = None,
) -> list[Sample]:
    """Send every call (or until ``stop`` is set) with ``concurrency`` workers back to back."""
    queue = iter(calls)
    samples: list[Sample] = []

    async def worker() -> None:
        for call in queue:
            if stop is not None and stop.is_set():
                return
            samples.append(await timed(client, call, failures))

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return samples
