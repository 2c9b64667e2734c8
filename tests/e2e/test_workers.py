"""Several service processes (``VP_WORKERS``) behave as one: they share what must be shared."""

from __future__ import annotations

import base64
from pathlib import Path

import httpx

from client import ReporterClient
from tests.e2e.live_server import live_server

REPLAYS = 8
UNKNOWN_CREDENTIAL = base64.b64encode(bytes(range(32))).decode()


def test_two_processes_share_spent_challenges_and_log_like_one(
    tmp_path: Path, redis_url: str
) -> None:
    log_path = tmp_path / "server.log"
    database_url = f"sqlite:///{tmp_path / 'workers.db'}"
    with live_server(
        database_url=database_url, redis_url=redis_url, log_path=log_path, VP_WORKERS="2"
    ) as base:
        with httpx.Client(base_url=base) as http:
            solution = ReporterClient(http).proof_of_work()
        # An erasure with a credential nobody has: the challenge is spent, then the credential is
        # refused. Each request goes on its own connection, so that both processes get some:
        # a process that kept its own list of spent challenges would let a replay through.
        headers = {"X-Proof-Of-Work": solution, "X-Mailbox-Credential": UNKNOWN_CREDENTIAL}
        responses = []
        for _ in range(1 + REPLAYS):
            with httpx.Client(base_url=base) as http:
                responses.append(http.delete("/api/v1/mailbox", headers=headers))

    first, replays = responses[0], responses[1:]
    assert first.status_code == 401
    assert [r.status_code for r in replays] == [403] * REPLAYS
    assert {r.json()["error"]["code"] for r in replays} == {"proof_of_work_invalid"}
    log = log_path.read_text()
    assert "2 process(es)" in log
    assert log.count("Started server process") == 2
    # Every worker process logs through the service's own access log, not uvicorn's.
    assert log.count("vertrouwenspunt.access DELETE /api/v1/mailbox 403") == REPLAYS
