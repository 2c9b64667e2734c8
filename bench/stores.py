"""The throwaway PostgreSQL database, SQLite file and Redis database the bench runs against."""

from __future__ import annotations

from pathlib import Path

import psycopg
import redis

PG_ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/test"
PG_BENCH_DATABASE = "vp_bench"
REDIS_URL = "redis://127.0.0.1:6379/11"
# The service's "challenge already used" markers, and the rate limiter's moving windows.
_PHASE_PATTERNS = ("vp:pow-spent:*", "LIMITS:*")


def fresh_postgres(name: str = PG_BENCH_DATABASE) -> str:
    """Drop and re-create an empty database; returns its SQLAlchemy URL."""
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    return f"{base}/{name}"


def drop_postgres(name: str = PG_BENCH_DATABASE) -> None:
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fresh_sqlite(directory: Path) -> str:
    path = directory / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def flush_redis(url: str = REDIS_URL) -> None:
    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()


def forget_phase_state(url: str = REDIS_URL) -> int:
    """Between phases, delete the spent-challenge markers and the rate-limit windows.

    The solved challenges can then be used again in the next phase (within a phase each is used
    once, as in production), and the limiter's per-client list, which here holds every request of
    the one bench client instead of the few of a real reporter, does not keep growing.
    """
    client = redis.Redis.from_url(url)
    try:
        keys = [k for p in _PHASE_PATTERNS for k in client.scan_iter(match=p, count=1000)]
        return int(client.delete(*keys)) if keys else 0
    finally:
        client.close()
