"""Staff sessions: a hardened cookie, CSRF on writes, idle and absolute expiry, logout."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.models import CaseLabel, StaffMember, StaffSession
from app.staff.sessions import COOKIE_NAME
from tests.conftest import TotpClock
from tests.factories import Member, admin_with_inbox, enrol, invite_directly, reporter
from tests.staff.helpers import (
    BASE,
    cookie_only,
    count,
    error_of,
    headers_of,
    one,
    raw_login,
    row_bytes,
    rows,
    set_values,
)

SESSION = f"{BASE}/session"


@pytest.fixture
def vera(client: TestClient, app: FastAPI, totp_clock: TotpClock) -> Member:
    return enrol(client, totp_clock, invite_directly(app, "vera", is_admin=True), "vera")


def _age_session(app: FastAPI, member: Member, **ago: timedelta) -> None:
    now = datetime.now(UTC)
    values = {column: now - delta for column, delta in ago.items()}
    set_values(app, StaffSession, StaffSession.member_id == member.id, **values)


def test_login_cookie_is_hardened(client: TestClient, vera: Member, totp_clock: TotpClock) -> None:
    response = raw_login(client, "vera", vera.passphrase, totp_code=totp_clock.code(vera.seed))

    cookie = response.headers["set-cookie"]
    attributes = [part.strip() for part in cookie.split(";")]
    assert attributes[0].startswith("__Host-") and attributes[0].startswith(COOKIE_NAME + "=")
    lowered = {a.lower() for a in attributes[1:]}
    assert {"httponly", "secure", "samesite=strict", "path=/"} <= lowered
    assert not any(a.startswith("domain") for a in lowered)


@pytest.mark.parametrize("csrf", [None, "0" * 64, ""])
def test_invite_without_right_csrf_token_is_refused(
    client: TestClient, app: FastAPI, vera: Member, csrf: str | None
) -> None:
    headers = cookie_only(vera)
    if csrf is not None:
        headers["X-CSRF-Token"] = csrf
    members_before = count(app, StaffMember)

    response = client.post(f"{BASE}/members", json={"username": "intruder"}, headers=headers)

    assert error_of(response) == (403, "csrf_failed")
    assert count(app, StaffMember) == members_before


def test_csrf_token_of_another_session_is_refused(
    client: TestClient, app: FastAPI, vera: Member, totp_clock: TotpClock
) -> None:
    other = raw_login(client, "vera", vera.passphrase, totp_code=totp_clock.code(vera.seed))
    headers = {**cookie_only(vera), "X-CSRF-Token": other.json()["csrf_token"]}

    response = client.post(f"{BASE}/members", json={"username": "intruder"}, headers=headers)

    assert error_of(response) == (403, "csrf_failed")


def test_case_update_without_csrf_token_changes_nothing(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    admin = admin_with_inbox(app, client, totp_clock)
    sent = reporter(client).submit({"text": "test"})

    response = client.patch(
        f"/api/v1/cases/{sent.report_id}",
        json={"status": "closed", "labels": ["threats"]},
        headers=cookie_only(admin),
    )

    assert error_of(response) == (403, "csrf_failed")
    assert admin.client.list_cases()["items"][0]["status"] == "new"
    assert count(app, CaseLabel) == 0


def test_reads_need_no_csrf_token(client: TestClient, vera: Member) -> None:
    response = client.get(SESSION, headers=cookie_only(vera))
    assert response.status_code == 200
    assert response.json()["member"]["username"] == "vera"


def test_no_cookie_means_no_session(client: TestClient, vera: Member) -> None:
    assert error_of(client.get(SESSION)) == (401, "session_expired")


def test_idle_session_expires_and_is_deleted(
    client: TestClient, app: FastAPI, vera: Member
) -> None:
    idle = app.state.settings.sessions.idle_minutes
    _age_session(app, vera, last_seen_at=timedelta(minutes=idle + 1))

    response = client.get(SESSION, headers=headers_of(vera))

    assert error_of(response) == (401, "session_expired")
    assert rows(app, StaffSession, StaffSession.member_id == vera.id) == []


def test_session_in_use_stays_alive(client: TestClient, app: FastAPI, vera: Member) -> None:
    idle = app.state.settings.sessions.idle_minutes
    _age_session(app, vera, last_seen_at=timedelta(minutes=idle - 1))

    assert client.get(SESSION, headers=headers_of(vera)).status_code == 200
    seen = one(app, StaffSession, StaffSession.member_id == vera.id)["last_seen_at"]
    seen = seen if seen.tzinfo else seen.replace(tzinfo=UTC)
    assert datetime.now(UTC) - seen < timedelta(minutes=1)


def test_session_expires_after_absolute_lifetime_despite_activity(
    client: TestClient, app: FastAPI, vera: Member
) -> None:
    hours = app.state.settings.sessions.absolute_hours
    _age_session(app, vera, created_at=timedelta(hours=hours, minutes=1))

    response = client.get(SESSION, headers=headers_of(vera))

    assert error_of(response) == (401, "session_expired")
    assert rows(app, StaffSession, StaffSession.member_id == vera.id) == []


def test_logout_ends_the_session(client: TestClient, app: FastAPI, vera: Member) -> None:
    old = headers_of(vera)

    vera.client.logout()

    assert error_of(client.get(SESSION, headers=old)) == (401, "session_expired")
    assert count(app, StaffSession) == 0


def test_logout_clears_the_cookie(client: TestClient, vera: Member) -> None:
    response = client.post(f"{BASE}/logout", headers=headers_of(vera))
    assert response.status_code == 204
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(COOKIE_NAME + '=""') or cookie.startswith(COOKIE_NAME + "=;")
    assert "max-age=0" in cookie.lower()


def test_database_holds_only_a_hash_of_the_session_token(app: FastAPI, vera: Member) -> None:
    token = vera.client.session_token
    assert token
    stored = b"".join(row_bytes(r) for r in rows(app, StaffSession))
    assert token.encode() not in stored
    assert vera.client.csrf is not None and vera.client.csrf.encode() not in stored
