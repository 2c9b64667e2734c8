"""Logins in the audit log (R6, T7): failures under the account, with nothing of the request."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.audit import service as audit
from app.models import AuditEntry
from app.staff import login_throttle
from tests.conftest import TotpClock
from tests.factories import Member, enrol, invite_directly
from tests.staff.helpers import raw_login, row_bytes, rows

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Telltale/97.3"


@pytest.fixture
def vera(client: TestClient, app: FastAPI, totp_clock: TotpClock) -> Member:
    return enrol(client, totp_clock, invite_directly(app, "vera", is_admin=False), "vera")


def _actions(app: FastAPI) -> list[tuple[str, str | None]]:
    entries = sorted(rows(app, AuditEntry), key=lambda row: row["seq"])
    return [(row["action"], str(row["actor_id"]) if row["actor_id"] else None) for row in entries]


def test_failed_logins_are_audited_under_the_account(
    client: TestClient,
    app: FastAPI,
    vera: Member,
    totp_clock: TotpClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Three failures are free of any wait (app.staff.login_throttle); the fourth attempt is not.
    monkeypatch.setattr(login_throttle, "clock", lambda: 1_900_000_000.0)
    before = len(_actions(app))
    right = totp_clock.code(vera.seed)
    wrong_code = f"{(int(right) + 1) % 10**6:06d}"

    raw_login(client, "vera", "not the passphrase", totp_code=right)
    raw_login(client, "vera", vera.passphrase, totp_code=wrong_code)
    raw_login(client, "vera", vera.passphrase, recovery_code="AAAA-BBBB-CCCC")
    monkeypatch.setattr(login_throttle, "clock", lambda: 1_900_000_001.0)
    raw_login(client, "vera", vera.passphrase, totp_code=right)

    assert _actions(app)[before:] == [
        ("staff.login_failed", str(vera.id)),
        ("staff.login_failed", str(vera.id)),
        ("staff.login_failed", str(vera.id)),
        ("staff.login", str(vera.id)),
    ]
    with app.state.database.sessionmaker() as session:
        assert audit.verify(session) == []


def test_a_failure_entry_holds_no_address_user_agent_or_typed_value(
    client: TestClient, app: FastAPI, vera: Member
) -> None:
    client.headers["User-Agent"] = USER_AGENT
    raw_login(client, "vera", "not the passphrase", totp_code="314159")

    failed = [row for row in rows(app, AuditEntry) if row["action"] == "staff.login_failed"]
    assert len(failed) == 1
    stored = row_bytes(failed[0])
    assert failed[0]["detail"] == "{}"
    for leak in (b"Telltale", b"testclient", b"127.0.0.1", b"314159", b"vera"):
        assert leak not in stored


def test_unknown_usernames_and_throttled_attempts_write_no_entry(
    client: TestClient,
    app: FastAPI,
    vera: Member,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(login_throttle, "clock", lambda: 1_900_000_000.0)
    before = len(_actions(app))

    for _ in range(3):
        raw_login(client, "nobody", "whatever", totp_code="123456")
    statuses = [
        raw_login(client, "vera", "not the passphrase", totp_code="123456").status_code
        for _ in range(5)
    ]

    assert statuses == [401, 401, 401, 429, 429]
    # Only the three attempts that were checked are entries; waiting ones cost nothing.
    assert _actions(app)[before:] == [("staff.login_failed", str(vera.id))] * 3
