"""The team list and invitations, as an administrator sees them."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.models import AuditEntry, StaffMember
from tests.factories import Member
from tests.staff.helpers import BASE, count, error_of, headers_of, one


def test_invitation_link_carries_the_token_in_the_fragment(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    response = client.post(f"{BASE}/members", json={"username": "vera"}, headers=headers_of(admin))

    assert response.status_code == 201
    invited = response.json()
    url = urlsplit(invited["enrolment_url"])
    assert url.fragment == invited["enrolment_token"]
    assert invited["enrolment_token"] not in url.path + url.query
    assert invited["member"]["status"] == "invited"
    assert invited["member"]["has_inbox_access"] is False
    stored = one(app, StaffMember, StaffMember.username == "vera")
    assert invited["enrolment_token"] not in str(stored.values())


def test_taken_username_is_refused(client: TestClient, app: FastAPI, admin: Member) -> None:
    admin.client.invite("vera")
    members, entries = count(app, StaffMember), count(app, AuditEntry)

    response = client.post(f"{BASE}/members", json={"username": "vera"}, headers=headers_of(admin))

    assert error_of(response) == (409, "username_taken")
    assert (count(app, StaffMember), count(app, AuditEntry)) == (members, entries)


@pytest.mark.parametrize("username", ["ab", "Vera", "vera smit", "-vera", "v" * 65])
def test_malformed_username_is_refused(
    client: TestClient, app: FastAPI, admin: Member, username: str
) -> None:
    response = client.post(
        f"{BASE}/members", json={"username": username}, headers=headers_of(admin)
    )
    assert error_of(response) == (422, "invalid_request")
    assert count(app, StaffMember) == 1


def test_member_list_shows_roles_and_status(admin: Member) -> None:
    admin.client.invite("vera")
    listed = {m["username"]: m for m in admin.client.members()}
    assert listed["admin"]["is_admin"] is True and listed["admin"]["status"] == "active"
    assert listed["vera"]["is_admin"] is False and listed["vera"]["status"] == "invited"
    assert listed["vera"]["public_key"] is None
