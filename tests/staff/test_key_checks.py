"""Safety numbers: nothing is sealed to a key from the server before a person confirmed it (T3).

The Python client asks its ``confirm_key`` callback (the console shows the number and a button);
the service checks that the reported number is the key's and writes it to the audit log.
"""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.models import AuditEntry, InboxKey, InboxKeyWrap, QueuedSignal, Signal
from client.staff import KeyNotConfirmedError, KeyToConfirm, StaffClient
from crypto import load_public_key, public_key_bytes, safety_number
from tests.conftest import TotpClock
from tests.factories import KeysShown, Member, add_colleague, enrol
from tests.signals.helpers import BELLE, Region, region, signal_to
from tests.staff.helpers import count, error_of, headers_of, rows


def _audit(app: FastAPI, action: str) -> list[dict[str, Any]]:
    found = rows(app, AuditEntry, AuditEntry.action == action)
    return [json.loads(e["detail"]) for e in sorted(found, key=lambda e: e["seq"])]


def _shown(member: Member) -> list[KeyToConfirm]:
    confirm = member.client.confirm_key
    assert isinstance(confirm, KeysShown)
    return confirm.shown


def _refusing(_key: KeyToConfirm) -> bool:
    return False


@pytest.fixture
def vera(client: TestClient, admin: Member, totp_clock: TotpClock) -> Member:
    """A newcomer who enrolled and waits for access."""
    return enrol(client, totp_clock, admin.client.invite("vera"), "vera")


def _number_of(member: Member) -> str:
    assert member.client.personal_key is not None
    return safety_number(member.client.personal_key.public_key())


def test_granting_shows_the_newcomers_own_number_and_audits_it(
    app: FastAPI, admin: Member, vera: Member
) -> None:
    admin.client.grant_access(vera.id)

    # The number shown is the one vera's own console computes from the key in her memory.
    [shown] = _shown(admin)
    assert (shown.kind, shown.owner, shown.safety_number) == ("member", "vera", _number_of(vera))
    assert _audit(app, "member.key_verified") == [
        {"member": str(vera.id), "safety_number": _number_of(vera)}
    ]


def test_an_unconfirmed_key_gets_nothing(app: FastAPI, admin: Member, vera: Member) -> None:
    admin.client.confirm_key = _refusing
    with pytest.raises(KeyNotConfirmedError):
        admin.client.grant_access(vera.id)
    admin.client.confirm_key = None
    with pytest.raises(KeyNotConfirmedError):
        admin.client.grant_access(vera.id)

    assert rows(app, InboxKeyWrap, InboxKeyWrap.member_id == vera.id) == []
    assert _audit(app, "member.key_verified") == []


def test_a_grant_naming_another_number_is_refused(
    client: TestClient, app: FastAPI, admin: Member, vera: Member, totp_clock: TotpClock
) -> None:
    other = enrol(client, totp_clock, admin.client.invite("other"), "other")
    body = _grant_body(admin, vera)

    for number, code in [(_number_of(other), "safety_number_mismatch"), (None, "invalid_request")]:
        body["safety_number"] = number
        response = client.post(
            f"/api/v1/staff/members/{vera.id}/inbox-access", json=body, headers=headers_of(admin)
        )
        assert error_of(response) == (422, code)
    assert rows(app, InboxKeyWrap, InboxKeyWrap.member_id == vera.id) == []


def _grant_body(admin: Member, vera: Member) -> dict[str, Any]:
    sent: dict[str, Any] = {}
    original = admin.client.request

    def capture(method: str, path: str, **kwargs: Any) -> Any:
        if path.endswith("/inbox-access"):
            sent.update(kwargs["json"])
            raise KeyNotConfirmedError("captured, not sent")
        return original(method, path, **kwargs)

    admin.client.request = capture  # type: ignore[method-assign]
    try:
        with pytest.raises(KeyNotConfirmedError):
            admin.client.grant_access(vera.id)
    finally:
        admin.client.request = original  # type: ignore[method-assign]
    return sent


def test_a_rotation_names_the_number_of_every_colleague_it_seals_to(
    client: TestClient, app: FastAPI, admin: Member, totp_clock: TotpClock
) -> None:
    bob = add_colleague(admin, client, totp_clock, "bob")
    gone = add_colleague(admin, client, totp_clock, "gone")
    body, _private = admin.client._new_inbox_key(exclude=gone.id)
    numbers = {w["member_id"]: w.get("safety_number") for w in body["wraps"]}
    assert numbers == {str(admin.id): None, str(bob.id): _number_of(bob)}

    for wrap in body["wraps"]:
        wrap.pop("safety_number", None)
    response = client.post(
        f"/api/v1/staff/members/{gone.id}/removal",
        json={"inbox_key": body},
        headers=headers_of(admin),
    )
    assert error_of(response) == (422, "key_not_verified")
    assert count(app, InboxKey) == 1


def test_a_server_that_lists_another_key_for_me_gets_no_rotation(
    client: TestClient, app: FastAPI, admin: Member, totp_clock: TotpClock
) -> None:
    gone = add_colleague(admin, client, totp_clock, "gone")
    listed = admin.client.members
    someone_else = _public_b64_of(gone)

    def lying() -> list[dict[str, Any]]:
        return [
            {**m, "public_key": someone_else} if m["id"] == str(admin.id) else m for m in listed()
        ]

    admin.client.members = lying  # type: ignore[method-assign]
    with pytest.raises(KeyNotConfirmedError):
        admin.client.remove_member(gone.id)
    assert count(app, InboxKey) == 1


def _public_b64_of(member: Member) -> str:
    assert member.client.personal_key is not None
    return base64.b64encode(public_key_bytes(member.client.personal_key.public_key())).decode()


@pytest.fixture
def place(app: FastAPI, client: TestClient, totp_clock: TotpClock) -> Region:
    return region(app, client, totp_clock)


def test_the_first_signal_to_a_partner_key_asks_once_and_audits_it(
    app: FastAPI, place: Region
) -> None:
    signal_to(place, BELLE)
    signal_to(place, BELLE)

    partner_number = safety_number(place.belle.key.public_key())
    shown = [k for k in _shown(place.admin) if k.kind == "partner"]
    assert [(k.owner, k.safety_number) for k in shown] == [(BELLE, partner_number)]
    [entry] = _audit(app, "partner_key.verified")
    assert entry["partner"] == BELLE and entry["safety_number"] == partner_number
    # A partner key's number names no case (R5).
    assert set(entry) == {"partner", "key_id", "safety_number"}


def test_an_unconfirmed_partner_key_gets_no_signal(app: FastAPI, place: Region) -> None:
    place.admin.client.confirm_key = _refusing
    with pytest.raises(KeyNotConfirmedError):
        signal_to(place, BELLE)
    assert count(app, Signal) == count(app, QueuedSignal) == 0
    assert _audit(app, "partner_key.verified") == []


def test_a_partner_key_verification_with_another_number_is_refused(
    client: TestClient, app: FastAPI, place: Region
) -> None:
    key = place.admin.client.recipients()[BELLE]["key"]
    wrong = safety_number(load_public_key(_raw(place.police)))
    body = {"partner_id": BELLE, "key_id": key["key_id"], "safety_number": wrong}
    response = client.post(
        "/api/v1/staff/partner-key-verifications", json=body, headers=headers_of(place.admin)
    )
    assert error_of(response) == (422, "safety_number_mismatch")
    body["key_id"] = uuid.uuid4().hex
    response = client.post(
        "/api/v1/staff/partner-key-verifications", json=body, headers=headers_of(place.admin)
    )
    assert error_of(response) == (404, "key_not_found")
    assert _audit(app, "partner_key.verified") == []


def _raw(partner: Any) -> bytes:
    return public_key_bytes(partner.key.public_key())


def test_a_client_without_a_confirmation_callback_seals_to_no_partner(
    app: FastAPI, client: TestClient, place: Region
) -> None:
    bare = StaffClient(client)
    for name in ("session_token", "csrf", "member", "personal_key", "inbox_keys"):
        setattr(bare, name, getattr(place.admin.client, name))
    with pytest.raises(KeyNotConfirmedError):
        bare.send_signal(
            place.case_id, {"text": "x"}, partners=[BELLE], category="other", period="2026-11"
        )
    assert count(app, Signal) == count(app, QueuedSignal) == 0
