"""Enrolment: an invitation link, key material from the browser, TOTP proof, recovery codes."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.models import RecoveryCode, StaffMember, StaffSession
from tests.conftest import TotpClock
from tests.factories import invite_directly
from tests.staff.helpers import (
    BASE,
    b64,
    count,
    enrolment_body,
    error_of,
    one,
    raw_login,
    row_bytes,
    set_values,
)

START = f"{BASE}/enrolment"
CONFIRM = f"{BASE}/enrolment/confirm"


def _status(app: FastAPI, username: str) -> str:
    return str(one(app, StaffMember, StaffMember.username == username)["status"])


def _start(client: TestClient, token: str) -> str:
    response = client.post(START, json=enrolment_body(token).body)
    assert response.status_code == 200, response.text
    return str(response.json()["totp_secret"])


def test_confirm_activates_member_and_hands_out_recovery_codes(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    token = invite_directly(app, "vera", is_admin=False)
    seed = _start(client, token)
    assert _status(app, "vera") == "invited"

    response = client.post(CONFIRM, json={"token": token, "totp_code": totp_clock.code(seed)})

    assert response.status_code == 200
    codes = response.json()["recovery_codes"]
    assert len(codes) == app.state.settings.staff.recovery_codes
    assert len(set(codes)) == len(codes)
    assert _status(app, "vera") == "active"
    assert count(app, RecoveryCode) == len(codes)
    assert response.json()["console"] == "/staff/"


def test_start_returns_totp_provisioning_uri(client: TestClient, app: FastAPI) -> None:
    token = invite_directly(app, "vera", is_admin=False)
    response = client.post(START, json=enrolment_body(token).body)
    assert response.json()["totp_uri"].startswith("otpauth://totp/")
    assert response.json()["totp_secret"] in response.json()["totp_uri"]


def test_wrong_totp_at_confirm_keeps_member_invited(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    token = invite_directly(app, "vera", is_admin=False)
    seed = _start(client, token)
    right = totp_clock.code(seed)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    response = client.post(CONFIRM, json={"token": token, "totp_code": wrong})

    assert error_of(response) == (422, "totp_wrong")
    assert _status(app, "vera") == "invited"
    assert count(app, RecoveryCode) == 0


def test_link_cannot_be_used_after_confirmation(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    token = invite_directly(app, "vera", is_admin=False)
    seed = _start(client, token)
    client.post(CONFIRM, json={"token": token, "totp_code": totp_clock.code(seed)})
    before = one(app, StaffMember, StaffMember.username == "vera")

    again = client.post(START, json=enrolment_body(token).body)
    confirm_again = client.post(CONFIRM, json={"token": token, "totp_code": totp_clock.code(seed)})

    assert error_of(again) == (410, "enrolment_invalid")
    assert error_of(confirm_again) == (410, "enrolment_invalid")
    assert one(app, StaffMember, StaffMember.username == "vera") == before


def test_expired_link_is_gone(client: TestClient, app: FastAPI) -> None:
    token = invite_directly(app, "vera", is_admin=False)
    past = datetime.now(UTC) - timedelta(minutes=1)
    set_values(app, StaffMember, StaffMember.username == "vera", enrolment_expires_at=past)

    response = client.post(START, json=enrolment_body(token).body)

    assert error_of(response) == (410, "enrolment_invalid")
    assert one(app, StaffMember, StaffMember.username == "vera")["auth_hash"] is None


def test_unknown_token_is_gone(client: TestClient, app: FastAPI) -> None:
    invite_directly(app, "vera", is_admin=False)
    response = client.post(START, json=enrolment_body("not-the-token-" + "x" * 20).body)
    assert error_of(response) == (410, "enrolment_invalid")


def test_confirm_before_start_is_gone(client: TestClient, app: FastAPI) -> None:
    token = invite_directly(app, "vera", is_admin=False)
    response = client.post(CONFIRM, json={"token": token, "totp_code": "123456"})
    assert error_of(response) == (410, "enrolment_invalid")
    assert _status(app, "vera") == "invited"


def test_too_few_kdf_iterations_are_refused(client: TestClient, app: FastAPI) -> None:
    token = invite_directly(app, "vera", is_admin=False)
    weak = app.state.settings.staff.pbkdf2_min_iterations - 1

    response = client.post(START, json=enrolment_body(token, iterations=weak).body)

    assert error_of(response) == (422, "kdf_too_weak")
    member = one(app, StaffMember, StaffMember.username == "vera")
    assert member["auth_hash"] is None and member["public_key"] is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("wrapped_private_key", b64(b"\x01" * 59)),
        ("wrapped_private_key", b64(b"\x01" * 61)),
        ("kdf_salt", b64(b"\x02" * 15)),
        ("public_key", b64(b"\x03" * 31)),
        ("public_key", b64(b"\x03" * 33)),
        ("auth_value", b64(b"\x04" * 16)),
    ],
)
def test_wrong_sizes_are_refused(client: TestClient, app: FastAPI, field: str, value: str) -> None:
    token = invite_directly(app, "vera", is_admin=False)
    body = enrolment_body(token).body
    body[field] = value

    response = client.post(START, json=body)

    assert error_of(response) == (422, "invalid_request")
    assert one(app, StaffMember, StaffMember.username == "vera")["auth_hash"] is None


def test_stored_credentials_hold_no_secret(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    token = invite_directly(app, "vera", is_admin=False)
    enrolment = enrolment_body(token, "ons geheim is lang genoeg")
    seed = client.post(START, json=enrolment.body).json()["totp_secret"]
    client.post(CONFIRM, json={"token": token, "totp_code": totp_clock.code(seed)})

    member = one(app, StaffMember, StaffMember.username == "vera")
    stored = row_bytes(member)
    assert member["auth_hash"].startswith("$argon2id$")
    for secret in (
        enrolment.secrets.auth_value,
        enrolment.secrets.wrap_key,
        enrolment.passphrase.encode(),
    ):
        assert secret not in stored
        assert b64(secret).encode() not in stored
        assert secret.hex().encode() not in stored
    sealed = member["totp_secret_sealed"]
    assert seed.encode() not in sealed
    assert base64.b32decode(seed) not in sealed
    assert seed.encode() not in stored


def test_member_cannot_log_in_before_confirming(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    token = invite_directly(app, "vera", is_admin=False)
    enrolment = enrolment_body(token)
    seed = client.post(START, json=enrolment.body).json()["totp_secret"]

    response = raw_login(client, "vera", enrolment.passphrase, totp_code=totp_clock.code(seed))

    assert error_of(response) == (401, "login_failed")
    assert count(app, StaffSession) == 0
