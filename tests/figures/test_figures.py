"""Figures for the municipality (R8): small cells suppressed, in JSON and CSV, admins only."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.figures.service import quarter
from app.models import AuditEntry
from app.models.base import today
from tests.conftest import TotpClock
from tests.factories import Member, add_colleague
from tests.figures import helpers as data
from tests.retention.helpers import add_report, unit_of_work
from tests.staff.helpers import refused, rows

URL = "/api/v1/admin/figures"
COLUMNS = [
    "quarter",
    "category",
    "cases_received",
    "cases_with_mailbox",
    "acknowledged_in_time",
    "median_days_to_acknowledgement",
    "signals_police",
    "signals_care",
    "signals_municipality",
]

EXPECTED_ROWS: list[dict[str, Any]] = [
    {
        "quarter": "2025-Q1",
        "category": "physical_violence",
        "cases_received": 5,
        "cases_with_mailbox": 5,
        "acknowledged_in_time": None,  # 3 of 5
        "median_days_to_acknowledgement": 7.0,
        "signals_police": 0,
        "signals_care": 0,
        "signals_municipality": 0,
        "suppressed": ["acknowledged_in_time"],
    },
    {
        "quarter": "2025-Q1",
        "category": "sexual_violence",
        "cases_received": None,  # 4
        "cases_with_mailbox": None,
        "acknowledged_in_time": None,
        "median_days_to_acknowledgement": None,
        "signals_police": 0,
        "signals_care": 0,
        "signals_municipality": 0,
        "suppressed": [
            "cases_received",
            "cases_with_mailbox",
            "acknowledged_in_time",
            "median_days_to_acknowledgement",
        ],
    },
    {
        "quarter": "2025-Q1",
        "category": "threats",
        "cases_received": 10,
        "cases_with_mailbox": 10,
        "acknowledged_in_time": 5,
        "median_days_to_acknowledgement": 7.5,
        "signals_police": 5,
        "signals_care": None,  # 4
        "signals_municipality": 0,
        "suppressed": ["signals_care"],
    },
    {
        "quarter": "2025-Q2",
        "category": "unlabelled",
        "cases_received": 7,
        "cases_with_mailbox": 7,
        # 6 in time, but then 7 - 6 = 1 case was not: withheld so it cannot be subtracted out.
        "acknowledged_in_time": None,
        "median_days_to_acknowledgement": 1.5,
        "signals_police": 0,
        "signals_care": 0,
        "signals_municipality": 0,
        "suppressed": ["acknowledged_in_time"],
    },
]


@pytest.fixture
def dataset(app: FastAPI, admin: Member) -> None:
    with unit_of_work(app.state.database) as session:
        data.build(session)


def test_json_suppresses_cells_below_k_and_shows_the_rest(admin: Member, dataset: None) -> None:
    body = admin.client.request("GET", URL).json()

    assert body["k"] == 5
    assert body["generated_on"] == today().isoformat()
    assert body["rows"] == EXPECTED_ROWS


def test_csv_writes_suppressed_cells_as_less_than_k(admin: Member, dataset: None) -> None:
    response = admin.client.request("GET", URL, params={"format": "csv"})

    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    lines = list(csv.reader(io.StringIO(response.text)))
    assert lines[0] == COLUMNS
    assert lines[1:] == [
        ["2025-Q1", "physical_violence", "5", "5", "<5", "7", "0", "0", "0"],
        ["2025-Q1", "sexual_violence", "<5", "<5", "<5", "<5", "0", "0", "0"],
        ["2025-Q1", "threats", "10", "10", "5", "7.5", "5", "<5", "0"],
        ["2025-Q2", "unlabelled", "7", "7", "<5", "1.5", "0", "0", "0"],
    ]


def _row_of(admin: Member, category: str) -> dict[str, Any]:
    served = admin.client.request("GET", URL).json()["rows"]
    [row] = [r for r in served if r["category"] == category]
    return row


def test_one_way_cases_are_received_but_never_late_for_acknowledgement(
    app: FastAPI, admin: Member
) -> None:
    """A one-way report has no mailbox: nobody to acknowledge to, so it is not counted as late."""
    day = date(2025, 7, 7)
    with unit_of_work(app.state.database) as session:
        for _ in range(6):
            add_report(session, created_on=day, acknowledged_on=day, labels=["threats"])
        for _ in range(5):
            add_report(session, created_on=day, mailbox=False, labels=["threats"])

    row = _row_of(admin, "threats")

    assert row["cases_received"] == 11
    assert row["cases_with_mailbox"] == 6
    assert row["acknowledged_in_time"] == row["cases_with_mailbox"]
    assert row["suppressed"] == []


def test_few_one_way_cases_withhold_the_mailbox_count(app: FastAPI, admin: Member) -> None:
    """Two one-way cases would be 11 minus 9; with all 9 in time, that count too is withheld."""
    day = date(2025, 7, 7)
    with unit_of_work(app.state.database) as session:
        for _ in range(9):
            add_report(session, created_on=day, acknowledged_on=day, labels=["threats"])
        for _ in range(2):
            add_report(session, created_on=day, mailbox=False, labels=["threats"])

    row = _row_of(admin, "threats")

    assert row["cases_received"] == 11
    assert row["cases_with_mailbox"] is None and row["acknowledged_in_time"] is None
    assert row["suppressed"] == ["cases_with_mailbox", "acknowledged_in_time"]


def test_an_adviser_who_is_not_an_administrator_is_refused(
    client: TestClient, admin: Member, totp_clock: TotpClock, dataset: None
) -> None:
    adviser = add_colleague(admin, client, totp_clock, "vp-only")

    assert refused(adviser.client.request, "GET", URL) == (403, "not_allowed")
    assert refused(adviser.client.request, "GET", URL, params={"format": "csv"}) == (
        403,
        "not_allowed",
    )


def test_without_a_session_the_figures_are_refused(client: TestClient, dataset: None) -> None:
    response = client.get(URL)
    assert response.status_code == 401
    assert "cases_received" not in response.text


def test_export_is_audited_with_the_administrator(
    app: FastAPI, admin: Member, dataset: None
) -> None:
    admin.client.request("GET", URL, params={"format": "csv"})

    [entry] = rows(app, AuditEntry, AuditEntry.action == "figures.export")
    assert entry["actor_kind"] == "staff" and entry["actor_id"] == admin.id
    assert json.loads(entry["detail"]) == {"format": "csv"}


def test_an_unknown_format_is_refused(admin: Member) -> None:
    assert refused(admin.client.request, "GET", URL, params={"format": "xlsx"})[0] == 422


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 1, 1), "2025-Q1"),
        (date(2025, 3, 31), "2025-Q1"),
        (date(2025, 4, 1), "2025-Q2"),
        (date(2026, 12, 31), "2026-Q4"),
    ],
)
def test_quarters_follow_the_calendar(day: date, expected: str) -> None:
    assert quarter(day) == expected
