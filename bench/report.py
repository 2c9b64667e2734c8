"""Render docs/benchmarks.md from the results: machine, settings, tables, targets and analysis."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bench.analysis import explain
from bench.load import Stats
from bench.machine import Machine
from bench.measure import QUIET_CORES
from bench.phases import PhaseResult
from bench.report_text import HOW_TO_READ, HOW_TO_RUN, OBSERVATIONS
from bench.server import BENCH_SETTINGS
from bench.suite import DatabaseResult, Plan

TARGET_P99_MS = 50.0
TARGET_BURST_P99_MS = 2 * TARGET_P99_MS
TARGET_RSS_MB = 300.0
_MIB = 1024 * 1024 / 1_000_000  # MB per MiB


@dataclass(frozen=True)
class Run:
    date: str
    machine: Machine
    plan: Plan
    quick: bool
    extra_env: Mapping[str, str]
    results: Sequence[DatabaseResult]
    seconds: float


def _ms(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.1f}"


def _server(stats: Stats | None) -> str:
    return (
        "–"
        if stats is None or stats.requests == 0
        else f"{_ms(stats.p50_ms)} / {_ms(stats.p99_ms)}"
    )


def _cpu(phase: PhaseResult) -> str:
    c = phase.cpu
    parts = (c.server, c.load_generator, c.stores, c.others)
    return f"{c.machine:.2f} = " + " + ".join(f"{part:.2f}" for part in parts)


def _table(result: DatabaseResult) -> list[str]:
    lines = [
        "| phase | concurrency | requests | errors | throughput (req/s) | p50 (ms) | p99 (ms) "
        "| max (ms) | service p50 / p99 (ms) | CPU cores busy = service + load gen + DB & Redis "
        "+ other |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for phase in result.phases:
        s = phase.stats
        lines.append(
            f"| {phase.name} | {phase.concurrency} | {s.requests} | {s.errors} "
            f"| {s.throughput:.0f} | {_ms(s.p50_ms)} | {_ms(s.p99_ms)} | {_ms(s.max_ms)} "
            f"| {_server(phase.server_stats)} | {_cpu(phase)} |"
        )
    lines += [
        "",
        "Peak RSS of the service (VmHWM, summed over its processes): "
        f"**{result.peak_rss_mib:.0f} MiB** "
        f"({result.peak_rss_mib * _MIB:.0f} MB); before the login burst it was "
        f"{result.peak_rss_before_burst_mib:.0f} MiB.",
    ]
    failures = sorted({f for phase in result.phases for f in phase.failures})
    if failures:
        lines += ["", "Errors and notes (first few):", ""]
        lines += [f"- `{f[:300]}`" for f in failures[:8]]
    return lines


def _phase(result: DatabaseResult | None, name: str, concurrency: int) -> PhaseResult | None:
    if result is None:
        return None
    return next((p for p in result.phases if p.name == name and p.concurrency == concurrency), None)


def _verdict(ok: bool | None, phase: PhaseResult | None = None) -> str:
    verdict = "not measured" if ok is None else ("met" if ok else "**NOT met**")
    if phase is not None and phase.cpu.others >= QUIET_CORES:
        verdict += f" (other processes used {phase.cpu.others:.2f} cores meanwhile)"
    return verdict


def _targets(run: Run) -> list[str]:
    pg = next((r for r in run.results if r.database == "postgresql"), None)
    steady = _phase(pg, "submit", 32)
    burst = _phase(pg, "submit during login burst", 32)
    rss = max((r.peak_rss_mib * _MIB for r in run.results), default=math.nan)
    rows = [
        (
            f"p99 submission latency < {TARGET_P99_MS:.0f} ms at concurrency 32 on PostgreSQL",
            f"{_ms(steady.stats.p99_ms)} ms" if steady else "–",
            _verdict(steady.stats.p99_ms < TARGET_P99_MS if steady else None, steady),
        ),
        (
            f"p99 submission latency during the login burst < {TARGET_BURST_P99_MS:.0f} ms "
            "(twice the above), PostgreSQL",
            f"{_ms(burst.stats.p99_ms)} ms" if burst else "–",
            _verdict(burst.stats.p99_ms < TARGET_BURST_P99_MS if burst else None, burst),
        ),
        (
            f"peak RSS < {TARGET_RSS_MB:.0f} MB (highest of the runs)",
            f"{rss:.0f} MB",
            _verdict(None if math.isnan(rss) else rss < TARGET_RSS_MB),
        ),
    ]
    lines = ["| target | measured | result |", "|---|--:|---|"]
    lines += [f"| {t} | {m} | {v} |" for t, m, v in rows]
    return lines


def _setting_lines(run: Run) -> list[str]:
    plan = run.plan
    env = {**BENCH_SETTINGS, **run.extra_env}
    lines = [
        "The real service, `python -m app.server`, with these environment "
        "variables on top of the defaults (plus a fixed `VP_SECRET_KEY`, `DATABASE_URL`, "
        "`REDIS_URL`, `VP_PORT` and `VP_BASE_URL`):",
        "",
    ]
    lines += [f"- `{key}={value}`" for key, value in env.items()]
    lines += [
        "",
        "Kept at their production defaults: Argon2id 64 MiB, t=3, p=1, at most 2 hashes at once; "
        "proof of work 18 bits; PostgreSQL pool 10 + 20 overflow. "
        "`VP_STAFF__PBKDF2_MIN_ITERATIONS` is lowered because PBKDF2 runs in the client (the "
        "browser), not in the service; the challenge lifetime is raised to an hour because "
        "challenges are solved before the timed phases.",
        "",
        f"Workload: {plan.requests} requests per phase after {plan.warm_up} warm-up submissions; "
        "every submission is a fresh report of 2 000 bytes of JSON, sealed to the inbox key (a "
        "2 096-byte envelope) with a receipt, so also a reporter copy and a mailbox credential "
        "(about 5.9 KB of request body). Mailbox reads open the mailboxes of the reports sent at "
        f"concurrency 32. {plan.pool} challenges are solved before timing starts; each phase "
        "spends each at most once and the service's spent-challenge markers are deleted from "
        "Redis between phases, so the same solutions serve every phase and both databases "
        "(same secret, so the same challenge key). Burst: "
        f"{plan.advisers} advisers enrolled through the API beforehand; submissions run at "
        f"concurrency {plan.burst_concurrency}, and {plan.burst_lead_seconds} s later every "
        "adviser logs in at once (login parameters, then login with the next TOTP step's code; "
        "the PBKDF2 step is done beforehand).",
    ]
    return lines


def _machine_lines(run: Run) -> list[str]:
    m = run.machine
    lines = [
        f"- {m.cores} cores: {m.cpu_model}; {m.memory_gib:.1f} GiB RAM",
        f"- {m.os}, kernel {m.kernel}; Python {m.python}; PostgreSQL {m.postgresql}; "
        f"Redis {m.redis}",
        "- The load generator, the service, PostgreSQL and Redis all run on these same cores.",
    ]
    for result in run.results:
        noisy = result.background_cores >= QUIET_CORES
        lines.append(
            f"- Before the {result.database} run other processes kept "
            f"{result.background_cores:.2f} cores busy"
            + (" — **the machine was not quiet; these figures are pessimistic**" if noisy else "")
        )
    return lines


def render(run: Run) -> str:
    mode = " in **quick mode** (few requests: indicative only)" if run.quick else ""
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `bench/run.py`{mode} on {run.date}, commit `{run.machine.commit}`; the run "
        f"took {run.seconds:.0f} s. Generated: re-run the bench instead of editing the figures.",
        "",
        "## Targets",
        "",
        *_targets(run),
        "",
        "## What dominates",
        "",
    ]
    for result in run.results:
        lines += [f"{_TITLES[result.database]}:", ""]
        lines += [f"- {sentence}" for sentence in explain(result)]
        lines.append("")
    lines += ["## Results", ""]
    for result in run.results:
        lines += [f"### {_TITLES[result.database]}", "", *_table(result), ""]
    lines += ["## Observations", "", OBSERVATIONS, ""]
    lines += ["## Machine", "", *_machine_lines(run), ""]
    lines += ["## Settings and workload", "", *_setting_lines(run), ""]
    lines += ["## How to run", "", HOW_TO_RUN, "", "## How to read", "", HOW_TO_READ, ""]
    return "\n".join(lines)


_TITLES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
