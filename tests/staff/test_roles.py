"""Roles: only administrators manage the team; only advisers (VPs) see cases and keys."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.models import AuditEntry, InboxKey, StaffMember
from tests.conftest import TotpClock
from tests.factories import Member, add_colleague, enrol, reporter
from tests.staff.helpers import count, one, refused


@pytest.fixture
def vp(admin: Member, client: TestClient, totp_clock: TotpClock) -> Member:
    return add_colleague(admin, client, totp_clock, "vera")


@pytest.fixture
def manager(admin: Member, client: TestClient, totp_clock: TotpClock) -> Member:
    """An administrator who is not an adviser: manages accounts, never sees cases."""
    token = admin.client.invite("manager", is_admin=True, is_vp=False)
    return enrol(client, totp_clock, token, "manager")


def test_adviser_who_is_not_admin_cannot_invite(app: FastAPI, vp: Member) -> None:
    members = count(app, StaffMember)
    assert refused(vp.client.invite, "newbie") == (403, "not_allowed")
    assert count(app, StaffMember) == members


def test_adviser_who_is_not_admin_cannot_remove(app: FastAPI, admin: Member, vp: Member) -> None:
    versions = count(app, InboxKey)
    assert refused(vp.client.remove_member, admin.id) == (403, "not_allowed")
    assert one(app, StaffMember, StaffMember.id == admin.id)["status"] == "active"
    assert count(app, InboxKey) == versions


def test_admin_who_is_not_adviser_cannot_list_cases(
    client: TestClient, app: FastAPI, manager: Member
) -> None:
    reporter(client).submit({"text": "test"})
    entries = count(app, AuditEntry)
    assert refused(manager.client.list_cases) == (403, "not_allowed")
    assert count(app, AuditEntry) == entries


def test_admin_who_is_not_adviser_cannot_read_a_case(
    client: TestClient, app: FastAPI, manager: Member
) -> None:
    sent = reporter(client).submit({"text": "test"})
    response = client.get(f"/api/v1/cases/{sent.report_id}", headers=manager.client._headers())
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_allowed"


def test_admin_who_is_not_adviser_gets_no_inbox_key(manager: Member) -> None:
    session = manager.client.refresh()
    assert [k["wrapped_key"] for k in session["inbox_keys"]] == [None]
    assert session["member"]["has_inbox_access"] is False


def test_admin_who_is_not_adviser_cannot_grant_inbox_access(
    app: FastAPI, admin: Member, manager: Member, client: TestClient, totp_clock: TotpClock
) -> None:
    newbie = enrol(client, totp_clock, admin.client.invite("newbie"), "newbie")
    manager.client.inbox_keys = admin.client.inbox_keys
    assert refused(manager.client.grant_access, newbie.id) == (403, "not_allowed")
    assert newbie.client.refresh()["member"]["has_inbox_access"] is False


def test_admin_who_is_not_adviser_can_invite(app: FastAPI, manager: Member) -> None:
    manager.client.invite("newbie")
    assert one(app, StaffMember, StaffMember.username == "newbie")["status"] == "invited"
