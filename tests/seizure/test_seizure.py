"""The seizure test (R9): a realistic day, then an attacker with the database, the log and Redis.

The attacker tries to (a) link each signal to the report it came from, (b) time each reporter
action, (c) recover a reporter's address. On every channel the service can close, the attacker must
do no better than guessing; what the database engine itself keeps (PostgreSQL transaction ids) is
measured and printed, and docs/residual-metadata.md says what it reveals and how to limit it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from sqlalchemy import text

from app.db import Database
from tests.conftest import ROOT, TEST_SECRET, make_settings
from tests.e2e.live_server import live_server
from tests.factories import invite_directly
from tests.seizure import attacks
from tests.seizure.day import Truth, play
from tests.seizure.evidence import Evidence, log_time, read_database, read_redis
from tests.seizure.scoring import Score

POW_TTL_SECONDS = 600


def _operator_command(database_url: str, *args: str) -> None:
    """A ``vertrouwenspunt`` command as the operator's schedule runs it (cron, a systemd timer)."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "VP_ENVIRONMENT": "test",
        "VP_SECRET_KEY": TEST_SECRET,
    }
    subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _audit_entries(database: Database) -> int:
    with database.engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM audit_entries")).scalar_one())


def _invite_first_adviser(database: Database, database_url: str) -> str:
    """What ``vertrouwenspunt create-admin anna`` does on the first day."""
    from fastapi import FastAPI

    app = FastAPI()
    app.state.settings = make_settings(database_url, None)
    app.state.database = database
    return invite_directly(app, "anna", is_admin=True)


@pytest.mark.slow
def test_a_seized_server_names_no_reporter(
    database: Database, database_url: str, redis_url: str, redis_client: redis.Redis, tmp_path: Path
) -> None:
    log_path = tmp_path / "server.log"
    extra = {"VP_PROOF_OF_WORK__TTL_SECONDS": str(POW_TTL_SECONDS)}
    with live_server(
        database_url=database_url, redis_url=redis_url, log_path=log_path, **extra
    ) as base_url:
        token = _invite_first_adviser(database, database_url)
        truth = play(
            base_url,
            token,
            release=lambda: _operator_command(database_url, "release-signals", "--all"),
            audit_head=lambda: _audit_entries(database),
        )
    # The server has stopped and flushed what it writes at shutdown: now the seizure.
    tables, has_rowid = read_database(database.engine)
    log_text = log_path.read_bytes()
    evidence = Evidence(
        dialect=database.dialect,
        tables=tables,
        log_lines=log_text.decode(errors="replace").splitlines(),
        redis=read_redis(redis_client),
        seized_at=time.time(),
        has_rowid=has_rowid,
    )
    assert len(evidence.rows("reports")) == 8 and len(evidence.rows("signals")) == 6
    assert evidence.log_lines, "the service logged nothing: the scan would prove nothing"
    # Beyond any statistics: no log line gives a time for a request of a reporter (R3).
    timed = [line for line in evidence.log_lines if log_time(line) is not None]
    for route in attacks.REPORTER_ROUTES:
        assert not [line for line in timed if route in line], f"{route} logged with a time"
    # Nor does Redis hold anything of a reporter's request but spent challenges (R1, R3).
    for entry in evidence.redis:
        named = [route for route in attacks.REPORTER_API if route.encode() in entry.key]
        assert not named, f"a Redis key names {named}"

    scores = _attack(evidence, truth, log_text)
    print(f"\nSeizure test on {database.dialect}, at the end of the day:")
    print("\n".join(score.line() for score in scores))
    beaten = [s for s in scores if s.better_than_chance and not s.residual]
    assert not beaten, "the attacker beat chance:\n" + "\n".join(s.line() for s in beaten)

    # The night: the operator's scheduled scrub, then a second seizure. Now even what the engine
    # keeps (transaction ids, heap order) must tell the attacker nothing about the day.
    _operator_command(database_url, "scrub-order")
    evidence.tables, evidence.has_rowid = read_database(database.engine)
    after_scrub = _attack(evidence, truth, log_text)
    print(f"Seizure test on {database.dialect}, after the nightly scrub-order:")
    print("\n".join(score.line() for score in after_scrub))
    beaten = [s for s in after_scrub if s.better_than_chance]
    assert not beaten, "after the scrub:\n" + "\n".join(s.line() for s in beaten)


def _attack(evidence: Evidence, truth: Truth, log_text: bytes) -> list[Score]:
    return [
        attacks.link_by_values(evidence, truth),
        attacks.link_by_row_order(evidence, truth),
        attacks.link_by_transaction_ids(evidence, truth),
        attacks.time_by_log(evidence, truth),
        attacks.time_by_redis(evidence, truth, POW_TTL_SECONDS),
        attacks.time_by_audit(evidence, truth),
        attacks.time_by_thread(evidence, truth),
        attacks.time_by_transaction_ids(evidence, truth),
        attacks.recover_addresses(evidence, truth, log_text),
    ]
