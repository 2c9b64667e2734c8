"""Admins read, export and verify the audit log over the API; nobody else can."""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.models import AuditEntry
from tests.conftest import TotpClock
from tests.factories import Member, add_colleague, admin_with_inbox, reporter
from tests.staff.helpers import error_of, headers_of, set_values

BASE = "/api/v1/admin/audit"


@pytest.fixture
def admin(app: FastAPI, client: TestClient, totp_clock: TotpClock) -> Member:
    admin = admin_with_inbox(app, client, totp_clock)
    sent = reporter(client).submit({"text": "x"})
    admin.client.read_case(sent.report_id)
    return admin


def test_an_admin_pages_through_the_log_in_order(admin: Member) -> None:
    first = admin.client.request("GET", BASE, params={"limit": 2}).json()
    second = admin.client.request(
        "GET", BASE, params={"after": first["next_after"], "limit": 500}
    ).json()

    seqs = [e["seq"] for e in first["entries"] + second["entries"]]
    assert seqs == list(range(1, len(seqs) + 1))
    assert second["next_after"] is None
    assert "case.read" in {e["action"] for e in second["entries"] + first["entries"]}
    # Reading the log is itself logged.
    assert (
        admin.client.request("GET", BASE, params={"after": seqs[-1]}).json()["entries"][0]["action"]
        == "audit.read"
    )


def test_the_export_is_one_json_line_per_entry(client: TestClient, admin: Member) -> None:
    response = client.get(f"{BASE}/export", headers=headers_of(admin))

    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [e["seq"] for e in lines] == list(range(1, len(lines) + 1))
    assert all(lines[i]["prev_hash"] == lines[i - 1]["entry_hash"] for i in range(1, len(lines)))


def test_verification_reports_a_tampered_entry_by_number(app: FastAPI, admin: Member) -> None:
    intact = admin.client.request("GET", f"{BASE}/verification").json()
    assert intact["intact"] is True and intact["head"]["seq"] >= 3

    set_values(app, AuditEntry, AuditEntry.seq == 2, action="case.export")
    broken = admin.client.request(
        "GET", f"{BASE}/verification", headers={"Accept-Language": "en"}
    ).json()
    in_dutch = admin.client.request("GET", f"{BASE}/verification").json()

    assert broken["intact"] is False
    assert broken["problems"] == [{"seq": 2, "reason": "content was changed"}]
    assert in_dutch["problems"] == [{"seq": 2, "reason": "de inhoud is gewijzigd"}]


def test_only_admins_see_the_log(client: TestClient, admin: Member, totp_clock: TotpClock) -> None:
    vera = add_colleague(admin, client, totp_clock, "vera")
    for path in (BASE, f"{BASE}/export", f"{BASE}/verification"):
        assert error_of(client.get(path, headers=headers_of(vera))) == (403, "not_allowed")
        assert error_of(client.get(path)) == (401, "session_expired")
