"""Sentences that explain a run's figures: what the latency is made of and who used the cores."""

from __future__ import annotations

from bench.phases import PhaseResult
from bench.suite import DatabaseResult

LATENCY_BUDGET_MS = 50.0


def _find(result: DatabaseResult, name: str, concurrency: int) -> PhaseResult | None:
    return next((p for p in result.phases if p.name == name and p.concurrency == concurrency), None)


def cpu_ms_per_request(phase: PhaseResult) -> tuple[float, float]:
    """CPU per request in ms: the service's, and that of everything the bench runs."""
    per_request = phase.stats.seconds / max(phase.stats.requests, 1) * 1000
    cpu = phase.cpu
    return cpu.server * per_request, (cpu.server + cpu.load_generator + cpu.stores) * per_request


def explain(result: DatabaseResult) -> list[str]:
    lines: list[str] = []
    single = _find(result, "submit", 1)
    loaded = _find(result, "submit", 32)
    burst = _find(result, "submit during login burst", 32)
    logins = _find(result, "login burst", 20)
    if single:
        service, machine = cpu_ms_per_request(single)
        lines.append(
            f"One submission at a time takes {single.stats.p50_ms:.1f} ms (p50) and costs about "
            f"{service:.1f} ms of CPU in the service and {machine:.1f} ms in all "
            "(service, load generator, database and Redis together)."
        )
    if loaded:
        needed = 32 / (LATENCY_BUDGET_MS / 1000)
        s, cpu = loaded.stats, loaded.cpu
        lines.append(
            f"At concurrency 32 the loop is closed, so the mean latency is 32 / throughput: "
            f"{s.throughput:.0f} req/s gives {32 / s.throughput * 1000:.0f} ms on average. A p99 "
            f"under {LATENCY_BUDGET_MS:.0f} ms needs more than {needed:.0f} req/s, i.e. under "
            f"{2000 / needed:.1f} ms of CPU per submission for everything on two cores."
            if s.throughput > 0
            else "At concurrency 32 no request completed."
        )
        lines.append(
            f"During that phase {cpu.machine:.2f} of the cores were busy: the service "
            f"{cpu.server:.2f}, the load generator {cpu.load_generator:.2f}, the database and "
            f"Redis {cpu.stores:.2f}, other processes {cpu.others:.2f}. Each service process "
            "runs its Python code on at most one core at a time (the GIL)."
        )
        if loaded.server_stats and loaded.server_stats.requests:
            lines.append(
                f"Inside the service (its access log) a submission took p50 "
                f"{loaded.server_stats.p50_ms:.1f} / p99 {loaded.server_stats.p99_ms:.1f} ms of "
                f"the p50 {s.p50_ms:.1f} / p99 {s.p99_ms:.1f} ms the client saw; the rest is "
                "waiting for the event loop and the sockets, in the service and the load generator."
            )
    if burst and logins:
        lines.append(
            f"During the login burst the service used {burst.cpu.server:.2f} cores and "
            f"submissions ran at {burst.stats.throughput:.0f} req/s (p99 "
            f"{burst.stats.p99_ms:.0f} ms, {burst.stats.errors} failed); the 20 logins took p50 "
            f"{logins.stats.p50_ms:.0f} / p99 {logins.stats.p99_ms:.0f} ms and "
            f"{logins.stats.errors} failed."
        )
    lines.append(
        f"Peak RSS {result.peak_rss_mib:.0f} MiB, of which "
        f"{result.peak_rss_mib - result.peak_rss_before_burst_mib:.0f} MiB came with the login "
        "burst (Argon2 needs 64 MiB per hash in progress)."
    )
    return lines
