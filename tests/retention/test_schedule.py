"""The purge on a timer inside the service (VP_RETENTION__SCHEDULE_MINUTES)."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.db import Database
from app.main import create_app
from app.models import Report
from app.models.base import today
from app.security import rate_limits
from tests.cases.helpers import days_ago
from tests.conftest import make_settings
from tests.retention.helpers import add_report, unit_of_work
from tests.staff.helpers import rows


def test_scheduled_purge_runs_when_the_service_starts(
    database: Database, database_url: str, redis_url: str
) -> None:
    with unit_of_work(database) as session:
        expired = add_report(
            session, created_on=days_ago(900), status="closed", closed_on=days_ago(400)
        )
        kept = add_report(session, created_on=today(), status="new")
    settings = make_settings(database_url, redis_url, retention={"schedule_minutes": 60})
    app = create_app(settings, database=database)
    rate_limits.reset()

    with TestClient(app) as http:
        deadline = time.monotonic() + 10
        while expired in {r["id"] for r in rows(app, Report)} and time.monotonic() < deadline:
            time.sleep(0.05)
        assert http.get("/healthz").status_code == 200
        ids = {r["id"] for r in rows(app, Report)}
    rate_limits.reset()

    assert ids == {kept}


def test_failed_scheduled_purge_is_logged_without_data_and_service_stays_up(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A database without its tables: every purge fails with a database error.
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    settings = make_settings(url, None, retention={"schedule_minutes": 60})
    app = create_app(settings)
    rate_limits.reset()
    caplog.set_level(logging.INFO, logger="vertrouwenspunt.retention")

    with TestClient(app) as http:
        deadline = time.monotonic() + 10
        while not _retention_records(caplog) and time.monotonic() < deadline:
            time.sleep(0.05)
        status = http.get("/healthz").status_code
    rate_limits.reset()

    assert status == 200
    # The signal release timer fails on the same empty database and logs under its own name.
    [record] = _retention_records(caplog)
    assert record.levelno == logging.ERROR
    assert record.getMessage() == "retention purge failed: OperationalError"
    assert record.exc_info is None


def _retention_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "vertrouwenspunt.retention"]
