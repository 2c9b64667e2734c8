"""One database's full run: start the service, enrol the team, then every timed phase in order."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvloop

from bench import stores
from bench.measure import QUIET_CORES, wait_for_quiet
from bench.phases import (
    PhaseResult,
    burst_phase,
    mailbox_reads,
    run_phase,
    submissions,
    warm_up,
)
from bench.server import ROOT, RunningServer, peak_rss_mib, running_server
from bench.team import PreparedLogin, build_team, prepare_logins
from bench.workload import fetch_challenges, inbox_key, make_reports, solve_all

RESULTS_DIR = ROOT / "bench" / "results"


@dataclass(frozen=True)
class Plan:
    requests: int  # per concurrency level, for submissions and for mailbox reads
    warm_up: int
    pool: int  # pre-solved challenges; also the most submissions the burst phase can send
    submit_levels: tuple[int, ...] = (1, 8, 32)
    mailbox_levels: tuple[int, ...] = (8, 32)
    burst_concurrency: int = 32
    advisers: int = 20
    burst_lead_seconds: float = 0.5


FULL = Plan(requests=400, warm_up=50, pool=600)
QUICK = Plan(requests=60, warm_up=16, pool=300)


@dataclass(frozen=True)
class DatabaseResult:
    database: str
    phases: list[PhaseResult]
    peak_rss_mib: float
    peak_rss_before_burst_mib: float
    background_cores: float  # used by other processes just before the run (should be near 0)


class ChallengePool:
    """Solved challenges, fetched from the first server and reused by later phases and servers.

    All servers share the bench secret, so a challenge one issued verifies on another; within a
    phase each is spent once, and the spent markers are forgotten between phases.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.solutions: list[str] = []

    def ensure(self, base_url: str) -> list[str]:
        if not self.solutions:
            challenges = fetch_challenges(base_url, self.size)
            difficulty = challenges[0]["difficulty"]
            print(f"  solving {self.size} challenges at difficulty {difficulty} ...", flush=True)
            self.solutions = solve_all(challenges)
        return self.solutions


@contextmanager
def _database_url(database: str) -> Iterator[str]:
    if database == "postgresql":
        url = stores.fresh_postgres()
        try:
            yield url
        finally:
            stores.drop_postgres()
        return
    with tempfile.TemporaryDirectory(prefix="vp-bench-") as directory:
        yield stores.fresh_sqlite(Path(directory))


async def _phases(
    server: RunningServer,
    plan: Plan,
    solutions: Sequence[str],
    logins: list[PreparedLogin],
    inbox: tuple[int, bytes],
    quiet_wait: float,
) -> tuple[list[PhaseResult], float]:
    """Every phase in order; also returns the peak RSS reached before the login burst."""
    version, public = inbox
    results = []
    await warm_up(server, submissions(make_reports(plan.warm_up, version, public), solutions), 8)
    submitted = []
    for concurrency in plan.submit_levels:
        reports = make_reports(min(plan.requests, len(solutions)), version, public)
        print(f"  submit, concurrency {concurrency}", flush=True)
        results.append(
            await run_phase(
                server, "submit", submissions(reports, solutions), concurrency, quiet_wait
            )
        )
        submitted = reports
    await warm_up(server, mailbox_reads(submitted, plan.warm_up), 8)
    for concurrency in plan.mailbox_levels:
        print(f"  mailbox read, concurrency {concurrency}", flush=True)
        calls = mailbox_reads(submitted, plan.requests)
        results.append(await run_phase(server, "mailbox read", calls, concurrency, quiet_wait))
    print(f"  submit at {plan.burst_concurrency} with {len(logins)} logins at once", flush=True)
    burst_calls = submissions(make_reports(len(solutions), version, public), solutions)
    rss_before_burst = peak_rss_mib(server.pid)
    results.extend(
        await burst_phase(
            server,
            burst_calls,
            logins,
            plan.burst_concurrency,
            plan.burst_lead_seconds,
            quiet_wait,
        )
    )
    return results, rss_before_burst


def run_database(
    database: str, plan: Plan, pool: ChallengePool, extra_env: Mapping[str, str], quiet_wait: float
) -> DatabaseResult:
    print(f"{database}:", flush=True)
    stores.flush_redis()
    with (
        _database_url(database) as url,
        running_server(
            database_url=url,
            redis_url=stores.REDIS_URL,
            log_path=RESULTS_DIR / f"server-{database}.log",
            extra_env=extra_env,
        ) as server,
    ):
        print(f"  enrolling an administrator and {plan.advisers} advisers ...", flush=True)
        team = build_team(server.base_url, url, plan.advisers)
        solutions = pool.ensure(server.base_url)
        inbox = inbox_key(server.base_url)
        logins = prepare_logins(server.base_url, team)
        background = wait_for_quiet(QUIET_CORES, quiet_wait)
        # uvloop keeps the load generator's own CPU cost low: it shares the two cores with
        # the service, so every millisecond it spends is a millisecond added to the figures.
        phases, rss_before_burst = uvloop.run(
            _phases(server, plan, solutions, logins, inbox, quiet_wait)
        )
        rss = peak_rss_mib(server.pid)
    stores.flush_redis()
    return DatabaseResult(database, phases, rss, rss_before_burst, background)
