"""An error on a reporter route reaches the log with the date only and nothing of the request (R3).

Every path by which an error could reach a log is tried: the service's own exception handlers,
Starlette's ServerErrorMiddleware (which re-raises after answering 500) and uvicorn's "Exception in
ASGI application", in a real uvicorn server. Staff and partner errors keep their time and traceback.
"""

from __future__ import annotations

import io
import logging
import re
import sys
import threading
import time
from datetime import timedelta

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError

from app.access_log import ConnectionErrorFilter, configure_logging
from app.db import Database
from app.hourly_log import HourlyLog
from app.main import create_app
from app.settings import Settings
from tests.e2e.live_server import free_port
from tests.logs.conftest import START, TIME_OF_DAY, Clock

SECRET = "CANARY-path-value-8841"
HEADER_SECRET = "CANARY-header-value-5512"
STAFF_SECRET = "staff-value-3377"


def crash(value: str) -> None:
    raise RuntimeError(f"could not handle {value}")


def database_gone(value: str) -> None:
    raise OperationalError(f"SELECT '{value}'", {"v": value}, Exception(f"lost {value}"))


@pytest.fixture
def crashing_app(settings: Settings, database: Database, clock: Clock) -> FastAPI:
    app = create_app(settings, database=database, hourly=HourlyLog(clock))
    # Not in the staff allow-list, like every reporter route; and one under /api/v1/staff.
    app.add_api_route("/api/v1/reports/crash/{value}", crash)
    app.add_api_route("/api/v1/reports/database/{value}", database_gone)
    app.add_api_route("/api/v1/staff/crash/{value}", crash)
    return app


def test_a_reporter_route_error_is_kept_for_the_hourly_log_with_the_date_only(
    crashing_app: FastAPI,
    clock: Clock,
    hourly_lines: list[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    with TestClient(crashing_app, raise_server_exceptions=False) as http:
        crashed = http.get(f"/api/v1/reports/crash/{SECRET}", headers={"X-Note": HEADER_SECRET})
        gone = http.get(f"/api/v1/reports/database/{SECRET}")
        assert hourly_lines == []
        clock.now = START + timedelta(hours=1)
        crashing_app.state.hourly_log.flush()

    assert crashed.status_code == 500
    assert crashed.json()["error"]["code"] == "internal_error"
    assert gone.status_code == 503
    this_file = "tests/logs/test_error_log.py"
    assert f"date=2026-12-07 unhandled builtins.RuntimeError at {this_file}:" in "\n".join(
        hourly_lines
    )
    assert any(
        line.startswith("date=2026-12-07 database unavailable sqlalchemy.exc.OperationalError at")
        for line in hourly_lines
    )
    # httpx's lines are the test client's own; everything else is what the service logged.
    served = [r.getMessage() for r in caplog.records if r.name != "httpx"]
    everything = "\n".join(served + hourly_lines)
    assert SECRET not in everything
    assert HEADER_SECRET not in everything
    assert "Traceback" not in everything
    # Nothing but the counts and the dated lines: no timed line from any of the service's loggers.
    timed = [r for r in caplog.records if r.name.startswith(("vertrouwenspunt.", "uvicorn"))]
    assert {r.name for r in timed} == {"vertrouwenspunt.hourly"}
    assert not any(TIME_OF_DAY.search(line) for line in hourly_lines)


def test_a_staff_route_error_is_logged_at_once_with_its_traceback(
    crashing_app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with TestClient(crashing_app, raise_server_exceptions=False) as http:
        assert http.get(f"/api/v1/staff/crash/{STAFF_SECRET}").status_code == 500
    [record] = [r for r in caplog.records if r.name == "vertrouwenspunt.errors"]
    assert record.getMessage() == "unhandled RuntimeError"
    assert record.exc_info is not None


@pytest.mark.usefixtures("restored_logging")
def test_uvicorn_logs_a_reporter_error_dated_and_a_staff_error_with_its_time(
    crashing_app: FastAPI,
) -> None:
    stream = io.StringIO()
    configure_logging("DEBUG", stream=stream, hourly=crashing_app.state.hourly_log)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(crashing_app, host="127.0.0.1", port=port, log_config=None)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, stream.getvalue()
        time.sleep(0.01)
    # uvicorn closes a connection whose request raised: one connection per request.
    for path, headers in [
        (f"/api/v1/reports/crash/{SECRET}", {"X-Note": HEADER_SECRET}),
        (f"/api/v1/staff/crash/{STAFF_SECRET}", {}),
    ]:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as http:
            assert http.get(path, headers=headers).status_code == 500
    server.should_exit = True
    thread.join(timeout=20)
    assert not thread.is_alive()

    lines = stream.getvalue().splitlines()
    dated = [line for line in lines if "unhandled builtins.RuntimeError" in line]
    assert len(dated) == 1
    assert re.fullmatch(
        r"ERROR vertrouwenspunt\.hourly date=2026-12-07 unhandled builtins\.RuntimeError at "
        r"tests/logs/test_error_log\.py:\d+:crash < .* count=1",
        dated[0],
    )
    assert SECRET not in stream.getvalue() and HEADER_SECRET not in stream.getvalue()
    assert "Exception in ASGI application" not in stream.getvalue()
    # The staff error is logged when it happens, with the time and the whole traceback.
    [staff] = [
        line for line in lines if line.endswith("vertrouwenspunt.errors unhandled RuntimeError")
    ]
    assert TIME_OF_DAY.search(staff)
    assert f"RuntimeError: could not handle {STAFF_SECRET}" in stream.getvalue()


def test_uvicorn_protocol_records_become_dated_lines_without_their_values(
    clock: Clock, hourly_lines: list[str]
) -> None:
    hourly = HourlyLog(clock)
    keep_out = ConnectionErrorFilter(hourly)
    try:
        raise ValueError(f"bad byte from {SECRET}")
    except ValueError:
        failure = sys.exc_info()
    protocol = "/srv/venv/lib/python3.11/site-packages/uvicorn/protocols/http/h11_impl.py"
    records = [
        logging.LogRecord(
            "uvicorn.error",
            logging.ERROR,
            protocol,
            1,
            "Exception in ASGI application\n",
            (),
            failure,
        ),
        logging.LogRecord(
            "uvicorn.error",
            logging.WARNING,
            protocol,
            2,
            "Invalid HTTP request from %s",
            (SECRET,),
            None,
        ),
    ]
    startup = logging.LogRecord(
        "uvicorn.error",
        logging.INFO,
        "/x/uvicorn/server.py",
        3,
        "Started server process [%d]",
        (7,),
        None,
    )

    assert [keep_out.filter(r) for r in records] == [False, False]
    assert keep_out.filter(startup) is True
    hourly.flush(everything=True)
    assert len(hourly_lines) == 2
    assert hourly_lines[0].startswith(
        "date=2026-12-07 uvicorn: Exception in ASGI application builtins.ValueError at "
        "tests/logs/test_error_log.py:"
    )
    assert hourly_lines[1] == "date=2026-12-07 uvicorn: Invalid HTTP request from %s - count=1"
    assert SECRET not in "\n".join(hourly_lines)
