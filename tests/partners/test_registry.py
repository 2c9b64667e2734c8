"""Admins keep the partner registry: partners, their keys, users and API tokens."""

from __future__ import annotations

import uuid

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.models import ApiToken, Partner, PartnerEnrolment, PartnerKey
from client import StaffClient
from client.partner import register_key
from crypto import fingerprint, generate_private_key, public_key_bytes
from tests.conftest import TEST_PBKDF2_ITERATIONS, TotpClock
from tests.factories import Member, add_colleague, admin_with_inbox
from tests.signals.helpers import BELLE, enrolled_partner
from tests.staff.helpers import count, error_of, headers_of, one, refused, rows, set_values

ADMIN = "/api/v1/admin/partners"


@pytest.fixture
def admin(app: FastAPI, client: TestClient, totp_clock: TotpClock) -> Member:
    return admin_with_inbox(app, client, totp_clock)


def test_an_admin_adds_a_partner_that_reporters_then_see(client: TestClient, admin: Member) -> None:
    body = {"id": "veilig-thuis", "name": "Veilig Thuis", "kind": "care", "description": "Hulp."}

    created = admin.client.request("POST", ADMIN, json=body).json()

    assert created["active"] is True and created["keys"] == []
    public = client.get("/api/v1/partners").json()
    # Shown in Dutch, the only text it has, and not yet a choice: it has no key.
    assert {
        "id": "veilig-thuis",
        "name": "Veilig Thuis",
        "kind": "care",
        "description": "Hulp.",
        "language": "nl",
        "connected": False,
    } in public
    again = client.post(ADMIN, json=body, headers=headers_of(admin))
    assert error_of(again) == (409, "partner_exists")


def test_a_deactivated_partner_disappears_for_reporters_and_its_tokens_stop(
    client: TestClient, admin: Member
) -> None:
    belle = enrolled_partner(admin, client, BELLE)
    assert belle.client.list_signals() == []

    admin.client.request("PATCH", f"{ADMIN}/{BELLE}", json={"active": False})

    assert BELLE not in {p["id"] for p in client.get("/api/v1/partners").json()}
    assert refused(belle.client.list_signals) == (401, "token_invalid")


def test_a_key_is_registered_once_per_enrolment_token_and_shown_with_its_fingerprint(
    app: FastAPI, client: TestClient, admin: Member
) -> None:
    token = admin.client.partner_enrolment(BELLE)
    key = generate_private_key()
    registration = register_key(
        client, enrolment_token=token, public_key=public_key_bytes(key.public_key())
    )

    assert registration.fingerprint == fingerprint(key.public_key())
    [listed] = [p for p in admin.client.request("GET", ADMIN).json() if p["id"] == BELLE]
    assert [k["fingerprint"] for k in listed["keys"]] == [registration.fingerprint]
    assert listed["keys"][0]["current"] is True
    other = generate_private_key()
    replay = client.post(
        "/api/v1/partner-keys",
        json={"enrolment_token": token, "public_key": _b64(public_key_bytes(other.public_key()))},
    )
    assert error_of(replay) == (410, "enrolment_invalid")
    assert count(app, PartnerKey) == 1 and count(app, PartnerEnrolment) == 0


def test_the_key_enrolment_code_is_grouped_for_reading_out_and_read_back_as_typed(
    app: FastAPI, client: TestClient, admin: Member
) -> None:
    code = admin.client.partner_enrolment(BELLE)
    groups = code.split(" ")
    # Thirteen groups of four in an alphabet of 32 (no I, L, O, U): 260 bits, no fewer than 256.
    assert [len(g) for g in groups] == [4] * 13
    assert set("".join(groups)) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    # As someone types it after a phone call: dashes, lower case, an O for a 0, an l for a 1.
    typed = "-".join(groups).lower().replace("0", "o").replace("1", "l")
    key = public_key_bytes(generate_private_key().public_key())

    answer = client.post(
        "/api/v1/partner-keys", json={"enrolment_token": f" {typed} ", "public_key": _b64(key)}
    )

    assert answer.status_code == 201, answer.text
    assert count(app, PartnerKey) == 1 and count(app, PartnerEnrolment) == 0


def test_the_console_registers_a_key_without_getting_an_api_token(
    app: FastAPI, client: TestClient, admin: Member
) -> None:
    token = admin.client.partner_enrolment(BELLE)
    key = generate_private_key()

    answer = client.post(
        "/api/v1/partner-keys",
        json={
            "enrolment_token": token,
            "public_key": _b64(public_key_bytes(key.public_key())),
            "issue_token": False,
        },
    )

    assert answer.status_code == 201 and answer.json()["api_token"] is None
    assert count(app, PartnerKey) == 1 and count(app, ApiToken) == 0


def test_an_expired_enrolment_token_is_refused_and_adds_nothing(
    app: FastAPI, client: TestClient, admin: Member
) -> None:
    token = admin.client.partner_enrolment(BELLE)
    set_values(
        app,
        PartnerEnrolment,
        PartnerEnrolment.partner_id == BELLE,
        expires_at=one(app, Partner, Partner.id == BELLE)["created_at"],
    )
    key = public_key_bytes(generate_private_key().public_key())

    response = client.post(
        "/api/v1/partner-keys", json={"enrolment_token": token, "public_key": _b64(key)}
    )

    assert error_of(response) == (410, "enrolment_invalid")
    assert count(app, PartnerKey) == count(app, ApiToken) == 0


def test_a_new_key_becomes_current_and_a_retired_one_is_not_used(
    client: TestClient, admin: Member
) -> None:
    first = enrolled_partner(admin, client, BELLE)
    second = enrolled_partner(admin, client, BELLE)
    recipients = admin.client.recipients()
    assert recipients[BELLE]["key"]["key_id"] not in first.client.keys
    assert recipients[BELLE]["key"]["key_id"] in second.client.keys

    [listed] = [p for p in admin.client.request("GET", ADMIN).json() if p["id"] == BELLE]
    current = next(k for k in listed["keys"] if k["current"])
    admin.client.request("POST", f"{ADMIN}/{BELLE}/keys/{current['id']}/retirement")

    assert admin.client.recipients()[BELLE]["key"]["key_id"] != current["key_id"]


def test_tokens_are_stored_hashed_listed_with_last_use_and_revocable(
    app: FastAPI, client: TestClient, admin: Member
) -> None:
    token_id, secret = admin.client.create_token(BELLE, "Belle CRM")
    from client.partner import PartnerClient

    PartnerClient(client, api_token=secret, keys=[]).list_signals()

    assert secret.startswith("vpt_")
    assert all(secret.encode() not in row["token_hash"] for row in rows(app, ApiToken))
    [listed] = admin.client.request("GET", f"{ADMIN}/{BELLE}/tokens").json()
    assert listed["name"] == "Belle CRM" and listed["last_used_on"] is not None
    admin.client.revoke_token(BELLE, token_id)
    assert admin.client.request("GET", f"{ADMIN}/{BELLE}/tokens").json()[0]["revoked_at"]
    assert refused(admin.client.revoke_token, BELLE, uuid.uuid4()) == (404, "token_not_found")


def test_only_admins_manage_partners(
    client: TestClient, admin: Member, totp_clock: TotpClock
) -> None:
    vera = add_colleague(admin, client, totp_clock, "vera")
    for method, path in (
        ("GET", ADMIN),
        ("POST", f"{ADMIN}/{BELLE}/enrolments"),
        ("POST", f"{ADMIN}/{BELLE}/tokens"),
    ):
        response = client.request(method, path, headers=headers_of(vera), json={"name": "x"})
        assert error_of(response) == (403, "not_allowed"), path
    assert error_of(client.get(ADMIN)) == (401, "session_expired")


@pytest.mark.parametrize(
    "body",
    [
        {"id": "Bad Id", "name": "x", "kind": "care"},
        {"id": "ok", "name": "", "kind": "care"},
        {"id": "ok", "name": "x", "kind": "army"},
        {"id": "ok", "name": "x", "kind": "care", "surprise": 1},
    ],
)
def test_a_malformed_partner_is_refused_and_nothing_written(
    app: FastAPI, client: TestClient, admin: Member, body: dict[str, object]
) -> None:
    before = count(app, Partner)
    response = client.post(ADMIN, json=body, headers=headers_of(admin))
    assert error_of(response) == (422, "invalid_request")
    assert count(app, Partner) == before


def _b64(raw: bytes) -> str:
    import base64

    return base64.b64encode(raw).decode()


def test_a_removed_partner_user_is_logged_out_and_cannot_log_in_again(
    client: TestClient, admin: Member, totp_clock: TotpClock
) -> None:
    from tests.factories import enrol

    token = admin.client.invite_partner_user(BELLE, "belle.bo")
    bo = enrol(client, totp_clock, token, "belle.bo")
    assert bo.client.request("GET", "/api/v1/partner/signals").json() == []

    admin.client.request("DELETE", f"{ADMIN}/{BELLE}/users/{bo.id}")

    assert refused(bo.client.request, "GET", "/api/v1/partner/signals") == (401, "session_expired")
    assert refused(
        bo.client.login, "belle.bo", bo.passphrase, totp_code=totp_clock.code(bo.seed)
    ) == (401, "login_failed")
    other = admin.client.http.delete(
        f"{ADMIN}/politie-avim/users/{bo.id}", headers=headers_of(admin)
    )
    assert error_of(other) == (404, "member_not_found")


def test_a_partner_user_is_sent_to_the_partner_console_after_enrolment(
    client: TestClient, admin: Member, totp_clock: TotpClock
) -> None:
    token = admin.client.invite_partner_user(BELLE, "belle.di")
    user = StaffClient(client, iterations=TEST_PBKDF2_ITERATIONS)
    seed = user.enrol(token, "a long passphrase for belle.di")

    confirmed = client.post(
        "/api/v1/staff/enrolment/confirm",
        json={"token": token, "totp_code": totp_clock.code(seed)},
    )

    assert confirmed.json()["console"] == "/partner/"


def test_a_partner_user_can_never_be_given_the_inbox_key(
    client: TestClient, admin: Member, totp_clock: TotpClock
) -> None:
    from tests.factories import enrol

    token = admin.client.invite_partner_user(BELLE, "belle.cas")
    cas = enrol(client, totp_clock, token, "belle.cas")

    # What a careless or hostile adviser's browser would try: wrap the inbox key to them.
    assert refused(admin.client.grant_access, cas.id) == (404, "member_not_found")
    assert refused(admin.client.remove_member, cas.id) == (422, "partner_user")
    [listed] = [m for m in admin.client.members() if m["username"] == "belle.cas"]
    assert listed["partner_id"] == BELLE and listed["has_inbox_access"] is False
    assert listed["is_vp"] is False and listed["is_admin"] is False
