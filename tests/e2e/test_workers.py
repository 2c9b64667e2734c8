"""Several service processes (``VP_WORKERS``) behave as one: they share what must be shared."""

from __future__ import annotations

import base64
import re
import time
from pathlib import Path

import httpx

from client import ReporterClient
from tests.e2e.live_server import STARTUP_SECONDS, live_server

WORKERS = 2
REPLAYS = 8
UNKNOWN_CREDENTIAL = base64.b64encode(bytes(range(32))).decode()
# Each worker logs this once its application has started; it accepts connections right after.
STARTED = "Application startup complete."


def wait_for_workers(log_path: Path, workers: int) -> str:
    """The log once every worker process has started its application (a bounded wait).

    The parent answers /healthz as soon as one worker serves; the others may still be importing.
    """
    deadline = time.monotonic() + STARTUP_SECONDS
    while (log := log_path.read_text()).count(STARTED) < workers:
        if time.monotonic() > deadline:
            raise AssertionError(f"{workers} workers did not all start:\n{log}")
        time.sleep(0.05)
    return log


def test_two_processes_share_spent_challenges_and_log_like_one(
    tmp_path: Path, redis_url: str
) -> None:
    log_path = tmp_path / "server.log"
    database_url = f"sqlite:///{tmp_path / 'workers.db'}"
    with live_server(
        database_url=database_url,
        redis_url=redis_url,
        log_path=log_path,
        VP_WORKERS=str(WORKERS),
    ) as base:
        started = wait_for_workers(log_path, WORKERS)
        with httpx.Client(base_url=base) as http:
            solution = ReporterClient(http).proof_of_work()
        # An erasure with a credential nobody has: the challenge is spent, then the credential is
        # refused. Each request goes on its own connection, so that either process may take it
        # (the kernel chooses): a process that kept its own list of spent challenges would let a
        # replay through.
        headers = {"X-Proof-Of-Work": solution, "X-Mailbox-Credential": UNKNOWN_CREDENTIAL}
        responses = []
        for _ in range(1 + REPLAYS):
            with httpx.Client(base_url=base) as http:
                responses.append(http.delete("/api/v1/mailbox", headers=headers))

    first, replays = responses[0], responses[1:]
    assert first.status_code == 401
    assert [r.status_code for r in replays] == [403] * REPLAYS
    assert {r.json()["error"]["code"] for r in replays} == {"proof_of_work_invalid"}
    assert f"{WORKERS} process(es)" in started
    assert started.count("Started server process") == WORKERS
    # Every worker counts reporter requests through the service's own hourly log (R3), written
    # at shutdown at the latest: no per-request line, from uvicorn or the service.
    log = log_path.read_text()
    assert [
        line for line in log.splitlines() if "/api/v1/mailbox" in line and "hour=" not in line
    ] == []
    counted = re.findall(r"hour=\S+ DELETE /api/v1/mailbox 403 count=(\d+)", log)
    assert sum(int(number) for number in counted) == REPLAYS
