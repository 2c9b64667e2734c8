"""Where the CPU went during a phase, and the service's own timings from its access log."""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from bench.server import cpu_seconds, service_cpu_seconds

# Other processes using less than this many cores count as a quiet machine.
QUIET_CORES = 0.25
_ACCESS = re.compile(r"vertrouwenspunt\.access (\w+) (\S+) (\d{3}) ([\d.]+)ms$")


def _machine_busy_and_total() -> tuple[float, float]:
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values[:8])  # guest time is already counted in user
    tick = os.sysconf("SC_CLK_TCK")
    return (total - idle) / tick, total / tick


def _store_processes() -> dict[int, float]:
    """CPU seconds of every PostgreSQL and Redis process (the database and Redis the bench uses)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # the process ended meanwhile
        comm = text[text.index("(") + 1 : text.rindex(")")]
        if comm in _STORE_COMMANDS:
            found[int(stat.parent.name)] = cpu_seconds(int(stat.parent.name), text)
    return found


_STORE_COMMANDS = {"postgres", "redis-server"}


@dataclass(frozen=True)
class CpuShare:
    """CPU seconds per wall second (2.0 = both cores of a 2-core machine fully busy)."""

    machine: float
    server: float
    load_generator: float
    stores: float

    @property
    def others(self) -> float:
        """Anything else running on the machine meanwhile (other jobs, the kernel's own work)."""
        return max(0.0, self.machine - self.server - self.load_generator - self.stores)


@dataclass(frozen=True)
class _Reading:
    wall: float
    busy: float
    server: float
    own: float
    stores: dict[int, float]


class CpuMeter:
    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self._start: _Reading | None = None

    def _read(self) -> _Reading:
        busy, _total = _machine_busy_and_total()
        return _Reading(
            wall=time.perf_counter(),
            busy=busy,
            server=service_cpu_seconds(self.server_pid),
            own=time.process_time(),
            stores=_store_processes(),
        )

    def start(self) -> None:
        self._start = self._read()

    def stop(self) -> CpuShare:
        assert self._start is not None
        start, end = self._start, self._read()
        wall = max(end.wall - start.wall, 1e-9)
        stores = sum(cpu - start.stores.get(pid, 0.0) for pid, cpu in end.stores.items())
        return CpuShare(
            machine=(end.busy - start.busy) / wall,
            server=(end.server - start.server) / wall,
            load_generator=(end.own - start.own) / wall,
            stores=stores / wall,
        )


def background_load(seconds: float = 0.5) -> float:
    """Cores kept busy by the machine while the bench itself is idle (should be near 0)."""
    busy0, _ = _machine_busy_and_total()
    time.sleep(seconds)
    busy1, _ = _machine_busy_and_total()
    return (busy1 - busy0) / seconds


def log_offset(log_path: Path) -> int:
    return log_path.stat().st_size


def server_timings(log_path: Path, since: int, method: str, route: str) -> list[float]:
    """Durations (ms) the service logged for ``method route`` after byte offset ``since``."""
    with log_path.open("rb") as log:
        log.seek(since)
        text = log.read().decode(errors="replace")
    timings = []
    for line in text.splitlines():
        match = _ACCESS.search(line)
        if match and match.group(1) == method and match.group(2) == route:
            timings.append(float(match.group(4)))
    return timings


def wait_for_quiet(limit_cores: float, max_wait_seconds: float) -> float:
    """Wait (up to a limit) until other work on the machine uses under ``limit_cores``.

    Called only while the bench itself is idle, so all the load it sees is someone else's.
    Returns the last measurement, which the report shows: figures taken while something else
    ran on the same cores are not comparable.
    """
    deadline = time.monotonic() + max_wait_seconds
    load = background_load()
    while load >= limit_cores and time.monotonic() < deadline:
        print(f"  waiting: other processes keep {load:.2f} cores busy", flush=True)
        time.sleep(4)
        load = background_load()
    return load
