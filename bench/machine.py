"""A description of the machine and the software the figures were measured on."""

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass
from pathlib import Path

import psycopg
import redis

from bench.server import ROOT
from bench.stores import PG_ADMIN_DSN, REDIS_URL


@dataclass(frozen=True)
class Machine:
    cores: int
    cpu_model: str
    memory_gib: float
    os: str
    kernel: str
    python: str
    postgresql: str
    redis: str
    commit: str


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _memory_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


def _os_name() -> str:
    for line in Path("/etc/os-release").read_text().splitlines():
        if line.startswith("PRETTY_NAME="):
            return line.split("=", 1)[1].strip('"')
    return platform.system()


def _commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    commit = result.stdout.strip() or "unknown"
    return commit + (" (with uncommitted changes)" if dirty.stdout.strip() else "")


def _postgresql() -> str:
    with psycopg.connect(PG_ADMIN_DSN) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "unknown"


def _redis() -> str:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        return str(client.info("server")["redis_version"])
    finally:
        client.close()


def describe() -> Machine:
    return Machine(
        cores=os.cpu_count() or 0,
        cpu_model=_cpu_model(),
        memory_gib=_memory_gib(),
        os=_os_name(),
        kernel=platform.release(),
        python=platform.python_version(),
        postgresql=_postgresql(),
        redis=_redis(),
        commit=_commit(),
    )
