"""The timed phases against one running server, each measured from the client and the server."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench import stores
from bench.load import Call, Sample, Stats, closed_loop, new_client, summarise
from bench.measure import (
    QUIET_CORES,
    CpuMeter,
    CpuShare,
    log_offset,
    server_timings,
    wait_for_quiet,
)
from bench.server import RunningServer
from bench.team import PreparedLogin, login_burst
from bench.workload import ReadyReport

REPORTS = "/api/v1/reports"
MAILBOX = "/api/v1/mailbox"
LOGIN = "/api/v1/staff/login"


@dataclass(frozen=True)
class PhaseResult:
    name: str
    concurrency: int
    stats: Stats
    cpu: CpuShare
    server_stats: Stats | None = None
    failures: list[str] = field(default_factory=list)


def submissions(reports: Sequence[ReadyReport], solutions: Sequence[str]) -> list[Call]:
    headers = {"Content-Type": "application/json"}
    return [
        Call("POST", REPORTS, {**headers, "X-Proof-Of-Work": pow_}, r.body, expect=201)
        for r, pow_ in zip(reports, solutions, strict=False)
    ]


def mailbox_reads(reports: Sequence[ReadyReport], count: int) -> list[Call]:
    return [
        Call("GET", MAILBOX, {"X-Mailbox-Credential": reports[i % len(reports)].credential_header})
        for i in range(count)
    ]


def _server_stats(server: RunningServer, since: int, method: str, route: str) -> Stats:
    timings = server_timings(server.log_path, since, method, route)
    return summarise([Sample(0.0, ms / 1000, True) for ms in timings])


async def run_phase(
    server: RunningServer, name: str, calls: Sequence[Call], concurrency: int, quiet_wait: float
) -> PhaseResult:
    """One closed-loop phase; every spent challenge marker is forgotten afterwards (see stores)."""
    method, route = calls[0].method, calls[0].path
    if quiet_wait > 0:
        await asyncio.to_thread(wait_for_quiet, QUIET_CORES, quiet_wait)
    failures: list[str] = []
    meter = CpuMeter(server.pid)
    offset = log_offset(server.log_path)
    async with new_client(server.base_url) as client:
        meter.start()
        samples = await closed_loop(client, calls, concurrency, failures)
        cpu = meter.stop()
    stores.forget_phase_state()
    return PhaseResult(
        name=name,
        concurrency=concurrency,
        stats=summarise(samples),
        cpu=cpu,
        server_stats=_server_stats(server, offset, method, route),
        failures=failures,
    )


async def warm_up(server: RunningServer, calls: Sequence[Call], concurrency: int) -> None:
    await run_phase(server, "warm-up", calls, concurrency, quiet_wait=0)


async def burst_phase(
    server: RunningServer,
    calls: Sequence[Call],
    logins: list[PreparedLogin],
    concurrency: int,
    lead_seconds: float,
    quiet_wait: float,
) -> tuple[PhaseResult, PhaseResult]:
    """Submissions at ``concurrency``; after ``lead_seconds`` every adviser logs in at once.

    Returns the submissions that overlapped the burst, and the logins.
    """
    await asyncio.to_thread(wait_for_quiet, QUIET_CORES, quiet_wait)
    failures: list[str] = []
    meter = CpuMeter(server.pid)
    offset = log_offset(server.log_path)
    stop = asyncio.Event()
    async with (
        new_client(server.base_url) as client,
        new_client(server.base_url) as staff_client,
    ):
        load = asyncio.create_task(closed_loop(client, calls, concurrency, failures, stop))
        await asyncio.sleep(lead_seconds)
        meter.start()
        burst_start = time.perf_counter()
        login_samples = await login_burst(staff_client, logins, failures)
        burst_end = time.perf_counter()
        cpu = meter.stop()
        stop.set()
        samples = await load
    stores.forget_phase_state()
    during = [s for s in samples if s.start < burst_end and s.end > burst_start]
    exhausted = len(samples) == len(calls) and max(s.end for s in samples) < burst_end
    notes = ["the pre-solved challenges ran out before the burst ended"] if exhausted else []
    return (
        PhaseResult(
            "submit during login burst", concurrency, summarise(during), cpu, None, failures + notes
        ),
        PhaseResult(
            "login burst",
            len(logins),
            summarise(login_samples),
            cpu,
            _server_stats(server, offset, "POST", LOGIN),
            failures,
        ),
    )
