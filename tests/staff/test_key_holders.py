"""Only advisers who hold the inbox key make or receive a new version (T3, DESIGN: team changes).

The attack these close: an administrator who is not an adviser invites an adviser account of
their own, and then either rotates the key in their own browser (so they made, and hold, the new
private key) or has the invitee, whom no adviser granted, rotate it or receive it.
"""

from __future__ import annotations

import base64
import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.models import InboxKey, InboxKeyWrap, StaffMember
from client import protocol
from client.errors import ApiError
from crypto import generate_private_key, load_public_key, private_key_bytes, public_key_bytes, seal
from tests.conftest import TotpClock
from tests.factories import Member, add_colleague, enrol
from tests.staff.helpers import count, error_of, headers_of, one, refused, rows

KEYS = "/api/v1/staff/inbox-keys"


@pytest.fixture
def manager(admin: Member, client: TestClient, totp_clock: TotpClock) -> Member:
    """An administrator who is no adviser."""
    return enrol(
        client, totp_clock, admin.client.invite("manager", is_admin=True, is_vp=False), "manager"
    )


@pytest.fixture
def bob(admin: Member, client: TestClient, totp_clock: TotpClock) -> Member:
    return add_colleague(admin, client, totp_clock, "bob")


@pytest.fixture
def puppet(manager: Member, client: TestClient, totp_clock: TotpClock) -> Member:
    """An adviser account the administrator invited and enrolled; no adviser granted it."""
    return enrol(client, totp_clock, manager.client.invite("puppet"), "puppet")


def _rotation(members: dict[uuid.UUID, bytes], version: int) -> dict[str, Any]:
    """A new version made outside any key holder's browser, wrapped to ``members``."""
    inbox = generate_private_key()
    raw = private_key_bytes(inbox)
    return {
        "version": version,
        "public_key": _b64(public_key_bytes(inbox.public_key())),
        "wraps": [
            {
                "member_id": str(member_id),
                "wrapped_key": _b64(
                    seal(load_public_key(key), raw, info=protocol.key_wrap(version, member_id))
                ),
            }
            for member_id, key in members.items()
        ],
    }


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _public(app: FastAPI, member: Member) -> bytes:
    key: bytes = one(app, StaffMember, StaffMember.id == member.id)["public_key"]
    return key


def test_an_administrator_who_is_no_adviser_cannot_rotate_by_removing_a_key_holder(
    client: TestClient, app: FastAPI, admin: Member, bob: Member, manager: Member
) -> None:
    # The manager makes the new key in their own browser and wraps it to everyone who stays:
    # accepted, the manager would hold the private key of every report from now on.
    body = _rotation({admin.id: _public(app, admin), manager.id: _public(app, manager)}, 2)
    response = client.post(
        f"/api/v1/staff/members/{bob.id}/removal",
        json={"inbox_key": body},
        headers=headers_of(manager),
    )
    assert error_of(response) == (403, "key_holder_required")
    # Without a rotation the key holder cannot be removed at all.
    assert refused(manager.client.remove_member, bob.id) == (409, "rotation_required")

    assert count(app, InboxKey) == 1
    assert one(app, StaffMember, StaffMember.id == bob.id)["status"] == "active"
    assert rows(app, InboxKeyWrap, InboxKeyWrap.member_id == manager.id) == []


def test_an_administrator_who_is_no_adviser_cannot_make_a_version(
    client: TestClient, app: FastAPI, admin: Member, manager: Member
) -> None:
    body = _rotation({admin.id: _public(app, admin)}, 2)
    assert error_of(client.post(KEYS, json=body, headers=headers_of(manager))) == (
        403,
        "not_allowed",
    )
    assert count(app, InboxKey) == 1


def test_an_ungranted_adviser_cannot_make_a_version(
    client: TestClient, app: FastAPI, admin: Member, puppet: Member
) -> None:
    body = _rotation({admin.id: _public(app, admin), puppet.id: _public(app, puppet)}, 2)
    assert error_of(client.post(KEYS, json=body, headers=headers_of(puppet))) == (
        403,
        "key_holder_required",
    )
    assert count(app, InboxKey) == 1
    assert rows(app, InboxKeyWrap, InboxKeyWrap.member_id == puppet.id) == []


def test_an_ungranted_adviser_cannot_grant_another(
    client: TestClient,
    app: FastAPI,
    admin: Member,
    manager: Member,
    puppet: Member,
    totp_clock: TotpClock,
) -> None:
    # A wrap from someone without the key opens nothing, but accepted it would make its
    # addressee a holder, to whom the next rotation is then wrapped.
    second = enrol(client, totp_clock, manager.client.invite("second"), "second")
    garbage = _rotation({second.id: _public(app, second)}, 1)["wraps"][0]["wrapped_key"]
    number = " ".join(["00000"] * 6)
    response = client.post(
        f"/api/v1/staff/members/{second.id}/inbox-access",
        json={"wraps": [{"version": 1, "wrapped_key": garbage}], "safety_number": number},
        headers=headers_of(puppet),
    )
    assert error_of(response) == (403, "key_holder_required")
    assert rows(app, InboxKeyWrap, InboxKeyWrap.member_id == second.id) == []


@pytest.mark.parametrize("intruder", ["puppet", "manager"])
def test_a_rotation_wrapped_to_an_ungranted_or_admin_only_member_is_refused(
    client: TestClient,
    app: FastAPI,
    admin: Member,
    bob: Member,
    puppet: Member,
    manager: Member,
    intruder: str,
) -> None:
    outsider = puppet if intruder == "puppet" else manager
    gone = bob
    body, _private = admin.client._new_inbox_key(exclude=gone.id)
    body["wraps"].append(
        {"member_id": str(outsider.id), "wrapped_key": body["wraps"][0]["wrapped_key"]}
    )
    response = client.post(
        f"/api/v1/staff/members/{gone.id}/removal",
        json={"inbox_key": body},
        headers=headers_of(admin),
    )
    assert error_of(response) == (422, "wrong_key_recipients")
    assert count(app, InboxKey) == 1
    assert one(app, StaffMember, StaffMember.id == gone.id)["status"] == "active"


def test_after_a_valid_rotation_the_ungranted_member_has_no_wrap_of_the_new_version(
    client: TestClient,
    app: FastAPI,
    admin: Member,
    bob: Member,
    puppet: Member,
    totp_clock: TotpClock,
) -> None:
    gone = add_colleague(admin, client, totp_clock, "gone")

    assert admin.client.remove_member(gone.id) == 2

    holders = {w["member_id"] for w in rows(app, InboxKeyWrap, InboxKeyWrap.inbox_version == 2)}
    assert holders == {admin.id, bob.id}
    session = puppet.client.refresh()
    assert [k["wrapped_key"] for k in session["inbox_keys"]] == [None, None]


def test_an_adviser_who_holds_the_key_may_remove_a_fellow_adviser_with_a_rotation(
    client: TestClient, app: FastAPI, admin: Member, bob: Member, totp_clock: TotpClock
) -> None:
    gone = add_colleague(admin, client, totp_clock, "gone")

    assert bob.client.remove_member(gone.id) == 2

    holders = {w["member_id"] for w in rows(app, InboxKeyWrap, InboxKeyWrap.inbox_version == 2)}
    assert holders == {admin.id, bob.id}
    assert one(app, StaffMember, StaffMember.id == gone.id)["status"] == "removed"


def test_an_administrator_who_is_no_adviser_removes_an_account_without_a_key(
    app: FastAPI, manager: Member, puppet: Member
) -> None:
    assert manager.client.remove_member(puppet.id) is None

    assert one(app, StaffMember, StaffMember.id == puppet.id)["status"] == "removed"
    assert count(app, InboxKey) == 1


def test_the_administrators_puppet_never_holds_an_inbox_key(
    client: TestClient, app: FastAPI, admin: Member, bob: Member, manager: Member, puppet: Member
) -> None:
    """The whole attack of the issue, every step refused; the honest team carries on."""
    with pytest.raises(ApiError):
        puppet.client.create_inbox_key()
    with pytest.raises(ApiError):
        manager.client.remove_member(bob.id, rotate=False)

    admin.client.remove_member(bob.id)

    for member in (manager, puppet):
        assert rows(app, InboxKeyWrap, InboxKeyWrap.member_id == member.id) == []
