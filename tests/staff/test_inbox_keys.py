"""Inbox key versions and grants (DESIGN: team changes): the granted advisers, and only they."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.models import InboxKey, InboxKeyWrap
from tests.conftest import TotpClock
from tests.factories import Member, add_colleague, enrol, invite_directly
from tests.factories import reporter as new_reporter
from tests.staff.helpers import count, error_of, headers_of, refused, rows

KEYS = "/api/v1/staff/inbox-keys"


def _body(author: Member, **change: Any) -> dict[str, Any]:
    body, _private = author.client._new_inbox_key()
    body.update(change)
    return body


def _wrap_for(body: dict[str, Any], member_id: uuid.UUID) -> dict[str, str]:
    # The server cannot tell a good wrap from a bad one; only the recipient list is checked.
    return {"member_id": str(member_id), "wrapped_key": body["wraps"][0]["wrapped_key"]}


def _post(client: TestClient, author: Member, body: dict[str, Any]) -> tuple[int, str]:
    return error_of(client.post(KEYS, json=body, headers=headers_of(author)))


@pytest.fixture
def founders(client: TestClient, app: FastAPI, totp_clock: TotpClock) -> tuple[Member, Member]:
    """Two enrolled advisers before any inbox key exists."""
    admin = enrol(client, totp_clock, invite_directly(app, "admin", is_admin=True), "admin")
    vera = enrol(client, totp_clock, admin.client.invite("vera"), "vera")
    return admin, vera


def test_no_inbox_key_yet_means_service_not_ready(client: TestClient) -> None:
    assert error_of(client.get("/api/v1/inbox-key")) == (503, "no_inbox_key")


def test_first_version_is_wrapped_to_its_maker_and_granted_to_the_others(
    client: TestClient, app: FastAPI, founders: tuple[Member, Member]
) -> None:
    admin, vera = founders
    assert admin.client.create_inbox_key() == 1
    assert {r["member_id"] for r in rows(app, InboxKeyWrap)} == {admin.id}
    assert client.get("/api/v1/inbox-key").json()["version"] == 1
    assert vera.client.refresh()["member"]["has_inbox_access"] is False

    admin.client.grant_access(vera.id)
    assert vera.client.refresh()["member"]["has_inbox_access"] is True


def test_first_version_wrapped_to_an_ungranted_colleague_is_refused(
    client: TestClient, app: FastAPI, founders: tuple[Member, Member]
) -> None:
    admin, vera = founders
    body = _body(admin)
    body["wraps"].append(_wrap_for(body, vera.id))

    assert _post(client, admin, body) == (422, "wrong_key_recipients")
    assert count(app, InboxKey) == count(app, InboxKeyWrap) == 0


def test_first_version_must_be_one(
    client: TestClient, app: FastAPI, founders: tuple[Member, Member]
) -> None:
    admin, _vera = founders
    assert _post(client, admin, _body(admin, version=2)) == (409, "wrong_key_version")
    assert count(app, InboxKey) == 0


def test_version_missing_a_granted_adviser_is_refused(
    client: TestClient, app: FastAPI, admin: Member, totp_clock: TotpClock
) -> None:
    vera = add_colleague(admin, client, totp_clock, "vera")
    body = _body(admin)
    body["wraps"] = [w for w in body["wraps"] if w["member_id"] != str(vera.id)]

    assert _post(client, admin, body) == (422, "wrong_key_recipients")
    assert count(app, InboxKey) == 1


def test_version_wrapped_to_non_adviser_is_refused(
    client: TestClient, app: FastAPI, founders: tuple[Member, Member], totp_clock: TotpClock
) -> None:
    admin, _vera = founders
    token = admin.client.invite("manager", is_admin=True, is_vp=False)
    manager = enrol(client, totp_clock, token, "manager")
    body = _body(admin)
    body["wraps"].append(_wrap_for(body, manager.id))

    assert _post(client, admin, body) == (422, "wrong_key_recipients")
    assert count(app, InboxKey) == 0


def test_version_wrapped_to_invited_member_is_refused(
    client: TestClient, app: FastAPI, founders: tuple[Member, Member]
) -> None:
    admin, _vera = founders
    admin.client.invite("pending")
    pending = next(m for m in admin.client.members() if m["username"] == "pending")
    body = _body(admin)
    body["wraps"].append(_wrap_for(body, uuid.UUID(pending["id"])))

    assert _post(client, admin, body) == (422, "wrong_key_recipients")


def test_version_wrapped_to_removed_member_is_refused(
    client: TestClient, app: FastAPI, admin: Member, totp_clock: TotpClock
) -> None:
    gone = add_colleague(admin, client, totp_clock, "gone")
    admin.client.remove_member(gone.id)
    body = _body(admin)
    body["wraps"].append(_wrap_for(body, gone.id))

    assert _post(client, admin, body) == (422, "wrong_key_recipients")
    assert count(app, InboxKey) == 2


@pytest.mark.parametrize("version", [1, 3])
def test_new_version_must_be_the_next_number(
    client: TestClient, app: FastAPI, admin: Member, version: int
) -> None:
    assert _post(client, admin, _body(admin, version=version)) == (409, "wrong_key_version")
    assert count(app, InboxKey) == 1


def test_reused_public_key_is_refused(client: TestClient, app: FastAPI, admin: Member) -> None:
    old_public = client.get("/api/v1/inbox-key").json()["public_key"]
    assert _post(client, admin, _body(admin, public_key=old_public)) == (409, "key_reused")
    assert count(app, InboxKey) == 1


def test_adviser_can_add_a_next_version(client: TestClient, admin: Member) -> None:
    assert admin.client.create_inbox_key() == 2
    assert client.get("/api/v1/inbox-key").json()["version"] == 2


def test_newcomer_has_no_access_until_a_colleague_grants_it(
    client: TestClient, admin: Member, totp_clock: TotpClock
) -> None:
    sent = new_reporter(client).submit({"text": "voor iedereen in het team"})
    vera = enrol(client, totp_clock, admin.client.invite("vera"), "vera")
    assert vera.client.member["has_inbox_access"] is False
    listed = {m["username"]: m["has_inbox_access"] for m in admin.client.members()}
    assert listed == {"admin": True, "vera": False}

    admin.client.grant_access(vera.id)

    assert vera.client.refresh()["member"]["has_inbox_access"] is True
    assert vera.client.read_case(sent.report_id).report == {"text": "voor iedereen in het team"}


def test_grant_must_cover_every_version(
    client: TestClient, app: FastAPI, admin: Member, totp_clock: TotpClock
) -> None:
    admin.client.create_inbox_key()
    vera = enrol(client, totp_clock, admin.client.invite("vera"), "vera")
    full = admin.client.inbox_keys
    admin.client.inbox_keys = {1: full[1]}

    assert refused(admin.client.grant_access, vera.id) == (422, "missing_key_versions")
    assert rows(app, InboxKeyWrap, InboxKeyWrap.member_id == vera.id) == []
    admin.client.inbox_keys = full


def test_grant_for_unknown_member_is_refused(client: TestClient, admin: Member) -> None:
    wrapped = _body(admin)["wraps"][0]["wrapped_key"]
    body = {
        "wraps": [{"version": 1, "wrapped_key": wrapped}],
        "safety_number": " ".join(["00000"] * 6),
    }
    response = client.post(
        f"/api/v1/staff/members/{uuid.uuid4()}/inbox-access", json=body, headers=headers_of(admin)
    )
    assert error_of(response) == (404, "member_not_found")


def test_a_rotation_gives_an_ungranted_newcomer_nothing_until_a_colleague_grants_it(
    client: TestClient, admin: Member, totp_clock: TotpClock
) -> None:
    old = new_reporter(client).submit({"text": "van voor de wissel"})
    gone = add_colleague(admin, client, totp_clock, "gone")
    vera = enrol(client, totp_clock, admin.client.invite("vera"), "vera")

    admin.client.remove_member(gone.id)

    session = vera.client.refresh()
    assert [k["wrapped_key"] for k in session["inbox_keys"]] == [None, None]
    assert session["member"]["has_inbox_access"] is False
    admin.client.grant_access(vera.id)
    assert vera.client.refresh()["member"]["has_inbox_access"] is True
    assert vera.client.read_case(old.report_id).report == {"text": "van voor de wissel"}


def test_a_grant_never_replaces_wraps_a_member_already_holds(
    client: TestClient, app: FastAPI, admin: Member, totp_clock: TotpClock
) -> None:
    vera = add_colleague(admin, client, totp_clock, "vera")
    before = rows(app, InboxKeyWrap, InboxKeyWrap.member_id == vera.id)

    assert refused(admin.client.grant_access, vera.id) == (409, "already_has_access")

    assert rows(app, InboxKeyWrap, InboxKeyWrap.member_id == vera.id) == before
    assert vera.client.read_case(new_reporter(client).submit({"text": "nog leesbaar"}).report_id)
