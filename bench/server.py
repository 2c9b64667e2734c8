"""Start the real service (``python -m app.server``) in a subprocess with the bench settings."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from app.settings import RateLimitSettings

ROOT = Path(__file__).resolve().parent.parent
# Not a secret: a fixed key for a throwaway benchmark database.
BENCH_SECRET = "bench-secret-" + "b" * 40
PBKDF2_ITERATIONS = 1000
HIGH_LIMIT = "1000000/minute"
HIGH_CAP = "1000000"
_RULES = RateLimitSettings.rule_names()

# Everything the bench changes from the defaults. Argon2 and the proof-of-work difficulty are not
# here on purpose: they keep their production defaults (64 MiB, t=3, p=1, 2 at once; 18 bits).
BENCH_SETTINGS: dict[str, str] = {
    "VP_ENVIRONMENT": "test",
    "VP_LOG_LEVEL": "INFO",
    # PBKDF2 runs in the client, not the server; the bench client would otherwise spend its CPU
    # (shared with the server on this machine) on 600 000 iterations per login.
    "VP_STAFF__PBKDF2_MIN_ITERATIONS": str(PBKDF2_ITERATIONS),
    # Challenges are fetched and solved before the timed phases, so they must outlive the run.
    "VP_PROOF_OF_WORK__TTL_SECONDS": "3600",
    # Rate limits stay enabled (their Redis round trips are part of every request) but high.
    **{f"VP_RATE_LIMITS__{name.upper()}": HIGH_LIMIT for name in _RULES},
    # The global caps on reporter routes too. Challenges for a later phase are fetched after an
    # earlier phase's writes, so the adaptive difficulty is held at its (production) floor.
    "VP_PROOF_OF_WORK__RAISE_AT_WRITES_PER_MINUTE": "1000000000",
    **{f"VP_RATE_LIMITS__{name.upper()}": HIGH_CAP for name in RateLimitSettings.cap_names()},
}


@dataclass(frozen=True)
class RunningServer:
    base_url: str
    pid: int
    log_path: Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def server_env(database_url: str, redis_url: str, port: int) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("VP_")}
    env.update(BENCH_SETTINGS)
    env.update(
        {
            "VP_SECRET_KEY": BENCH_SECRET,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "VP_PORT": str(port),
            "VP_BASE_URL": f"http://127.0.0.1:{port}",
        }
    )
    return env


def _wait_ready(process: subprocess.Popen[bytes], base_url: str, log_path: Path) -> None:
    # uvicorn logs this line only once it has bound the port: a free port can be taken by another
    # process before the service binds it, and that process might answer /healthz too.
    bound = f"Uvicorn running on {base_url} "
    deadline = time.monotonic() + 60
    while True:
        try:
            healthy = httpx.get(base_url + "/healthz", timeout=1).status_code == 200
            if healthy and bound in log_path.read_text(errors="replace"):
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("server did not start:\n" + log_path.read_text())
        time.sleep(0.1)


@contextmanager
def running_server(
    *, database_url: str, redis_url: str, log_path: Path, extra_env: Mapping[str, str] = {}
) -> Iterator[RunningServer]:
    port = free_port()
    env = {**server_env(database_url, redis_url, port), **extra_env}
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "app.server"], cwd=ROOT, env=env, stdout=log, stderr=log
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            _wait_ready(process, base_url, log_path)
            yield RunningServer(base_url=base_url, pid=process.pid, log_path=log_path)
        finally:
            process.terminate()
            process.wait(timeout=10)


def _status_field(pid: int, name: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    raise LookupError(name)


def service_pids(pid: int) -> list[int]:
    """The service's process and all its descendants (uvicorn's workers when VP_WORKERS > 1)."""
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                queue.extend(int(child) for child in task.read_text().split())
            except OSError:
                continue  # the thread ended meanwhile
    return pids


def peak_rss_mib(pid: int) -> float:
    """The high-water marks of the resident sets (VmHWM) of a live service, summed over its
    processes, in MiB: an upper bound on the peak of their sum."""
    return sum(_status_field(p, "VmHWM") for p in service_pids(pid)) / 1024


def service_cpu_seconds(pid: int) -> float:
    """CPU seconds the service has used so far, over all its processes."""
    total = 0.0
    for process in service_pids(pid):
        try:
            total += cpu_seconds(process)
        except OSError:
            continue  # a helper process ended meanwhile
    return total


def cpu_seconds(pid: int, stat: str | None = None) -> float:
    """User plus system CPU time a process has used so far (``stat``: its /proc stat line)."""
    text = stat if stat is not None else Path(f"/proc/{pid}/stat").read_text()
    fields = text.rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")
