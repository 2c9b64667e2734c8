"""Login: passphrase-derived auth value plus a second factor; every failure looks the same."""

from __future__ import annotations

import base64

import httpx
import pyotp
import pytest
import redis
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.db import Database
from app.main import create_app
from app.models import RecoveryCode, StaffMember, StaffSession
from app.security import rate_limits
from app.settings import Argon2Settings
from client import StaffClient
from crypto import derive_staff_secrets, unwrap_private_key
from tests.conftest import TEST_PBKDF2_ITERATIONS, TotpClock, make_settings
from tests.factories import Member, admin_with_inbox, enrol, invite_directly
from tests.staff.helpers import BASE, count, error_of, one, raw_login, rows

PARAMETERS = f"{BASE}/login/parameters"


@pytest.fixture
def vera(client: TestClient, app: FastAPI, totp_clock: TotpClock) -> Member:
    return enrol(client, totp_clock, invite_directly(app, "vera", is_admin=False), "vera")


def _failure(response: httpx.Response) -> tuple[int, str, str]:
    error = response.json()["error"]
    return response.status_code, error["code"], error["message"]


def test_login_returns_key_material_the_client_can_unwrap(
    client: TestClient, vera: Member, totp_clock: TotpClock
) -> None:
    response = raw_login(client, "vera", vera.passphrase, totp_code=totp_clock.code(vera.seed))

    assert response.status_code == 200
    session = response.json()
    secrets_ = derive_staff_secrets(
        vera.passphrase,
        salt=base64.b64decode(session["kdf_salt"]),
        iterations=session["kdf_iterations"],
    )
    personal = unwrap_private_key(
        base64.b64decode(session["wrapped_private_key"]), wrap_key=secrets_.wrap_key
    )
    assert (
        session["member"]["public_key"]
        == base64.b64encode(personal.public_key().public_bytes_raw()).decode()
    )
    assert session["member"]["username"] == "vera"
    assert session["csrf_token"]


def test_every_failure_looks_the_same(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    admin = admin_with_inbox(app, client, totp_clock)
    vera = enrol(client, totp_clock, admin.client.invite("vera"), "vera")
    gone = enrol(client, totp_clock, admin.client.invite("gone"), "gone")
    admin.client.remove_member(gone.id)
    sessions_before = count(app, StaffSession)

    wrong_passphrase = raw_login(client, "vera", "not it", totp_code=totp_clock.code(vera.seed))
    right = totp_clock.code(vera.seed)
    wrong_code = raw_login(
        client, "vera", vera.passphrase, totp_code=f"{(int(right) + 1) % 10**6:06d}"
    )
    unknown = raw_login(client, "nobody", "whatever", totp_code="123456")
    removed = raw_login(client, "gone", gone.passphrase, totp_code=totp_clock.code(gone.seed))

    failures = {_failure(r) for r in (wrong_passphrase, wrong_code, unknown, removed)}
    assert len(failures) == 1
    status, code, _message = failures.pop()
    assert (status, code) == (401, "login_failed")
    assert count(app, StaffSession) == sessions_before


def test_totp_code_cannot_be_used_twice(
    client: TestClient, app: FastAPI, vera: Member, totp_clock: TotpClock
) -> None:
    code = totp_clock.code(vera.seed)
    first = raw_login(client, "vera", vera.passphrase, totp_code=code)
    sessions_after_first = count(app, StaffSession)

    replay = raw_login(client, "vera", vera.passphrase, totp_code=code)

    assert first.status_code == 200
    assert error_of(replay) == (401, "login_failed")
    assert count(app, StaffSession) == sessions_after_first


def test_older_totp_step_is_refused_after_newer_one(
    client: TestClient, vera: Member, totp_clock: TotpClock
) -> None:
    older = pyotp.TOTP(vera.seed).at(totp_clock.now + 30)
    totp_clock.now += 60
    newer = pyotp.TOTP(vera.seed).at(totp_clock.now)
    assert raw_login(client, "vera", vera.passphrase, totp_code=newer).status_code == 200
    assert error_of(raw_login(client, "vera", vera.passphrase, totp_code=older)) == (
        401,
        "login_failed",
    )


def test_wrong_passphrase_does_not_burn_the_totp_code(
    client: TestClient, vera: Member, totp_clock: TotpClock
) -> None:
    code = totp_clock.code(vera.seed)
    assert raw_login(client, "vera", "wrong passphrase", totp_code=code).status_code == 401
    assert raw_login(client, "vera", vera.passphrase, totp_code=code).status_code == 200


def test_recovery_code_works_once(client: TestClient, app: FastAPI, vera: Member) -> None:
    code = vera.recovery_codes[0]

    first = raw_login(client, "vera", vera.passphrase, recovery_code=code)
    again = raw_login(client, "vera", vera.passphrase, recovery_code=code)

    assert first.status_code == 200
    assert error_of(again) == (401, "login_failed")
    assert len([r for r in rows(app, RecoveryCode) if r["used_at"] is not None]) == 1


def test_recovery_code_is_accepted_in_lower_case_without_dashes(
    client: TestClient, vera: Member
) -> None:
    code = vera.recovery_codes[1].replace("-", "").lower()
    assert raw_login(client, "vera", vera.passphrase, recovery_code=code).status_code == 200


def test_parameters_for_unknown_user_look_like_a_real_one(client: TestClient, vera: Member) -> None:
    real = client.post(PARAMETERS, json={"username": "vera"}).json()
    fake = client.post(PARAMETERS, json={"username": "nobody"}).json()
    fake_again = client.post(PARAMETERS, json={"username": "nobody"}).json()
    other = client.post(PARAMETERS, json={"username": "someone-else"}).json()

    assert set(real) == set(fake)
    assert fake["kdf"] == real["kdf"]
    assert fake["iterations"] == real["iterations"] == TEST_PBKDF2_ITERATIONS
    assert len(base64.b64decode(fake["salt"])) == len(base64.b64decode(real["salt"]))
    assert fake["salt"] == fake_again["salt"]
    assert fake["salt"] != other["salt"]


def test_changed_argon2_parameters_rehash_on_login(
    database: Database,
    database_url: str,
    redis_url: str,
    redis_client: redis.Redis,
    totp_clock: TotpClock,
) -> None:
    old = create_app(make_settings(database_url, redis_url), database=database)
    with TestClient(old, base_url="http://testserver") as http:
        vera = enrol(http, totp_clock, invite_directly(old, "vera", is_admin=False), "vera")
    assert "m=8,t=1,p=1" in one(old, StaffMember, StaffMember.username == "vera")["auth_hash"]

    stronger = Argon2Settings(time_cost=2, memory_cost_kib=16, parallelism=1)
    new = create_app(make_settings(database_url, redis_url, argon2=stronger), database=database)
    with TestClient(new, base_url="http://testserver") as http:
        StaffClient(http, iterations=TEST_PBKDF2_ITERATIONS).login(
            "vera", vera.passphrase, totp_code=totp_clock.code(vera.seed)
        )
    rate_limits.reset()

    new_hash = one(new, StaffMember, StaffMember.username == "vera")["auth_hash"]
    assert new_hash.startswith("$argon2id$")
    assert "m=16,t=2,p=1" in new_hash
