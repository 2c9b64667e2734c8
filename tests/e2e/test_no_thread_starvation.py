"""A burst larger than the thread pool never leaves a transaction waiting for a thread.

With two worker threads and twelve submissions at once on SQLite (where every transaction holds
the write lock), a request that waited for a thread while holding its transaction would leave the
other threads waiting for its lock until SQLite's busy timeout, and answer 500.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import redis

from app.db import Database
from client import ReporterClient
from tests.e2e.live_server import live_server
from tests.e2e.test_live_server import _bootstrap_admin, enrol_and_login


@pytest.mark.slow
def test_a_burst_bigger_than_the_thread_pool_is_served(
    database: Database,
    database_url: str,
    redis_url: str,
    redis_client: redis.Redis,
    tmp_path: Path,
) -> None:
    with live_server(
        database_url=database_url,
        redis_url=redis_url,
        log_path=tmp_path / "server.log",
        VP_WORKER_THREADS="2",
    ) as base:
        with httpx.Client(base_url=base, timeout=60) as http:
            admin, _ = enrol_and_login(http, _bootstrap_admin(database, database_url), "admin")
            admin.create_inbox_key()

        def submit(number: int) -> int:
            with httpx.Client(base_url=base, timeout=60) as http:
                ReporterClient(http).submit({"text": f"melding {number}"})
                return number

        with ThreadPoolExecutor(max_workers=12) as pool:
            done = sorted(pool.map(submit, range(12)))

    assert done == list(range(12))
    log = (tmp_path / "server.log").read_text()
    assert " 500 " not in log
    # Reporter requests are counted per hour, not logged one by one (R3).
    counted = re.findall(r"hour=\S+ POST /api/v1/reports 201 count=(\d+)", log)
    assert sum(int(n) for n in counted) == 12
