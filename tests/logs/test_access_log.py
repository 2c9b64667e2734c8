"""Reporter requests leave no time of day in the log: counted per hour, written after the hour (R3).

Staff and partner requests keep their per-request lines with the formatter's time.
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.access_log import configure_logging, is_staff_route
from app.db import Database
from app.hourly_log import HourlyLog
from app.main import create_app
from app.settings import Settings
from tests.logs.conftest import START, TIME_OF_DAY, Clock


@pytest.fixture
def counted_app(settings: Settings, database: Database, clock: Clock) -> FastAPI:
    return create_app(settings, database=database, hourly=HourlyLog(clock))


def test_the_allow_list_names_staff_and_partner_routes_only() -> None:
    staff = ["/api/v1/staff/login", "/api/v1/cases/{case_id}", "/api/v1/signals", "/staff/"]
    staff += ["/api/v1/admin/audit", "/api/v1/partner/signals/{delivery_id}", "/partner/"]
    staff += ["/api/v1/partner-keys", "/staff/enrol"]
    reporter = ["/api/v1/reports", "/api/v1/mailbox", "/api/v1/partners", "/api/v1/inbox-key"]
    reporter += ["/{lang}/report", "/", "/static", "/healthz", "<unmatched>", "/staffing"]
    assert all(is_staff_route(t) for t in staff)
    assert not any(is_staff_route(t) for t in reporter)


def test_reporter_requests_are_counted_not_logged_and_staff_requests_are_logged(
    counted_app: FastAPI,
    clock: Clock,
    hourly_lines: list[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    with TestClient(counted_app, base_url="http://testserver") as http:
        for _ in range(3):
            assert http.get("/api/v1/partners").status_code == 200
        assert http.get("/api/v1/mailbox").status_code == 401
        assert http.get("/nl/").status_code == 200
        assert http.get("/static/css/site.css").status_code == 200
        assert http.get("/no/such/place/4711").status_code == 404
        assert http.get("/api/v1/staff/session").status_code == 401
        # Nothing of the reporter requests is written while their hour runs.
        assert hourly_lines == []
        clock.now = START + timedelta(hours=1)
        counted_app.state.hourly_log.flush()

        # Everything the service logged with a time (httpx's lines are the test client's own).
        timed = [
            r.getMessage()
            for r in caplog.records
            if r.name.startswith("vertrouwenspunt") and r.name != "vertrouwenspunt.hourly"
        ]
        assert len(timed) == 1
        assert re.fullmatch(r"GET /api/v1/staff/session 401 [\d.]+ms", timed[0])
        assert sorted(hourly_lines) == sorted(
            [
                "hour=2026-12-07T14 GET /api/v1/partners 200 count=3",
                "hour=2026-12-07T14 GET /api/v1/mailbox 401 count=1",
                "hour=2026-12-07T14 GET /{lang}/ 200 count=1",
                "hour=2026-12-07T14 GET /static/{path} 200 count=1",
                "hour=2026-12-07T14 GET <unmatched> 404 count=1",
            ]
        )
        # The lines are sorted, so their order says nothing about the order of the requests.
        assert hourly_lines == sorted(hourly_lines)


def test_the_counts_of_an_hour_wait_for_its_end_and_shutdown_writes_the_rest(
    counted_app: FastAPI, clock: Clock, hourly_lines: list[str]
) -> None:
    hourly = counted_app.state.hourly_log
    with TestClient(counted_app, base_url="http://testserver") as http:
        http.get("/api/v1/partners")
        clock.now = START.replace(minute=59, second=59)
        assert hourly.flush() == 0
        clock.now = START + timedelta(hours=1)
        http.get("/api/v1/partners")
        http.get("/api/v1/partners")
        assert hourly.flush() == 1
        assert hourly_lines == ["hour=2026-12-07T14 GET /api/v1/partners 200 count=1"]
    # Leaving the client shuts the application down: the current hour is written too.
    assert hourly_lines[1:] == ["hour=2026-12-07T15 GET /api/v1/partners 200 count=2"]


def test_the_timer_writes_just_after_the_hour_without_waiting_for_a_request(
    clock: Clock, hourly_lines: list[str]
) -> None:
    clock.now = START.replace(minute=59, second=30)
    hourly = HourlyLog(clock)
    hourly.count("POST", "/api/v1/reports", 201)
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        if len(slept) > 1:
            raise asyncio.CancelledError
        clock.now += timedelta(seconds=seconds)

    with pytest.raises(asyncio.CancelledError):
        asyncio.run(hourly.run(sleep))

    assert slept[0] == 31
    assert hourly_lines == ["hour=2026-12-07T14 POST /api/v1/reports 201 count=1"]
    # Woken at 15:00:01, the next wait ends at 16:00:01.
    assert slept[1] == 3600


def test_unknown_methods_share_one_counter(clock: Clock, hourly_lines: list[str]) -> None:
    hourly = HourlyLog(clock)
    for method in ("BREW", "PROPFIND", "X-A-LONG-ONE"):
        hourly.count(method, "<unmatched>", 405)
    hourly.flush(everything=True)
    assert hourly_lines == ["hour=2026-12-07T14 OTHER <unmatched> 405 count=3"]


@pytest.mark.usefixtures("restored_logging")
def test_hourly_lines_carry_no_time_and_staff_lines_do(clock: Clock) -> None:
    stream = io.StringIO()
    configure_logging("INFO", stream=stream)
    hourly = HourlyLog(clock)
    hourly.count("POST", "/api/v1/reports", 201)
    hourly.flush(everything=True)
    logging.getLogger("vertrouwenspunt.access").info("GET /api/v1/cases 200 3.0ms")

    hourly_line, staff_line = stream.getvalue().splitlines()
    assert hourly_line == (
        "INFO vertrouwenspunt.hourly hour=2026-12-07T14 POST /api/v1/reports 201 count=1"
    )
    assert TIME_OF_DAY.search(staff_line)
    assert staff_line.endswith("vertrouwenspunt.access GET /api/v1/cases 200 3.0ms")
