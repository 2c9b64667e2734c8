"""Removing an adviser rotates the inbox key: the removed member keeps nothing for new mail."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.models import (
    InboxKey,
    InboxKeyWrap,
    RecoveryCode,
    StaffMember,
    StaffSecurityKey,
    StaffSession,
)
from client import protocol
from client.reporter import SubmittedReport
from crypto import DecryptionError, open_sealed
from tests.conftest import TotpClock
from tests.factories import Member, add_colleague, admin_with_inbox, reporter
from tests.staff.helpers import count, error_of, headers_of, one, raw_login, refused, rows


@dataclass
class Team:
    admin: Member
    bob: Member
    gone: Member
    old_report: SubmittedReport


@pytest.fixture
def team(client: TestClient, app: FastAPI, totp_clock: TotpClock) -> Team:
    admin = admin_with_inbox(app, client, totp_clock)
    bob = add_colleague(admin, client, totp_clock, "bob")
    gone = add_colleague(admin, client, totp_clock, "gone")
    old = reporter(client).submit({"text": "van voor de wissel"})
    return Team(admin, bob, gone, old)


@pytest.fixture
def removed(team: Team) -> Team:
    assert team.admin.client.remove_member(team.gone.id) == 2
    return team


def _removal_body(team: Team, **change: Any) -> dict[str, Any]:
    body, _private = team.admin.client._new_inbox_key(exclude=team.gone.id)
    body.update(change)
    return body


def _remove(client: TestClient, team: Team, body: dict[str, Any]) -> tuple[int, str]:
    response = client.post(
        f"/api/v1/staff/members/{team.gone.id}/removal",
        json={"inbox_key": body},
        headers=headers_of(team.admin),
    )
    return error_of(response)


def _nothing_changed(app: FastAPI, team: Team) -> None:
    assert count(app, InboxKey) == 1
    assert one(app, StaffMember, StaffMember.id == team.gone.id)["status"] == "active"
    assert len(rows(app, InboxKeyWrap, InboxKeyWrap.member_id == team.gone.id)) == 1
    assert len(rows(app, StaffSession, StaffSession.member_id == team.gone.id)) == 1


def test_removal_makes_a_new_version_for_the_remaining_advisers(
    app: FastAPI, removed: Team
) -> None:
    wraps = rows(app, InboxKeyWrap, InboxKeyWrap.inbox_version == 2)
    assert {w["member_id"] for w in wraps} == {removed.admin.id, removed.bob.id}
    assert one(app, StaffMember, StaffMember.id == removed.gone.id)["status"] == "removed"


def test_removed_member_loses_every_wrap(app: FastAPI, removed: Team) -> None:
    assert rows(app, InboxKeyWrap, InboxKeyWrap.member_id == removed.gone.id) == []


def test_removed_member_keeps_no_recovery_code_or_security_key(app: FastAPI, removed: Team) -> None:
    assert rows(app, RecoveryCode, RecoveryCode.member_id == removed.gone.id) == []
    assert rows(app, StaffSecurityKey, StaffSecurityKey.member_id == removed.gone.id) == []


def test_removed_member_session_ends(app: FastAPI, removed: Team) -> None:
    assert rows(app, StaffSession, StaffSession.member_id == removed.gone.id) == []
    assert refused(removed.gone.client.list_cases) == (401, "session_expired")


def test_removed_member_cannot_log_in(
    client: TestClient, removed: Team, totp_clock: TotpClock
) -> None:
    gone = removed.gone
    response = raw_login(client, "gone", gone.passphrase, totp_code=totp_clock.code(gone.seed))
    assert error_of(response) == (401, "login_failed")
    recovery = raw_login(client, "gone", gone.passphrase, recovery_code=gone.recovery_codes[0])
    assert error_of(recovery) == (401, "login_failed")


def test_removed_member_personal_key_opens_no_new_wrap(app: FastAPI, removed: Team) -> None:
    personal = removed.gone.client.personal_key
    assert personal is not None
    for wrap in rows(app, InboxKeyWrap, InboxKeyWrap.inbox_version == 2):
        for addressee in (wrap["member_id"], removed.gone.id):
            with pytest.raises(DecryptionError):
                open_sealed(personal, wrap["wrapped_key"], info=protocol.key_wrap(2, addressee))


def test_new_reports_use_the_new_version(client: TestClient, removed: Team) -> None:
    assert client.get("/api/v1/inbox-key").json()["version"] == 2
    new = reporter(client).submit({"text": "na de wissel"})
    assert removed.admin.client.read_case(new.report_id).summary["inbox_version"] == 2


def test_remaining_advisers_read_old_and_new_reports(client: TestClient, removed: Team) -> None:
    new = reporter(client).submit({"text": "na de wissel"})
    removed.bob.client.refresh()
    for member in (removed.admin, removed.bob):
        assert member.client.read_case(removed.old_report.report_id).report == {
            "text": "van voor de wissel"
        }
        assert member.client.read_case(new.report_id).report == {"text": "na de wissel"}


def test_removed_member_cannot_be_removed_again(client: TestClient, removed: Team) -> None:
    body, _private = removed.admin.client._new_inbox_key(exclude=removed.gone.id)
    assert _remove(client, removed, body) == (404, "member_not_found")


def test_admin_cannot_remove_themselves(client: TestClient, app: FastAPI, team: Team) -> None:
    assert refused(team.admin.client.remove_member, team.admin.id) == (403, "cannot_remove_self")
    assert count(app, InboxKey) == 1
    assert one(app, StaffMember, StaffMember.id == team.admin.id)["status"] == "active"


def test_rotation_wrapped_to_the_removed_member_is_refused(
    client: TestClient, app: FastAPI, team: Team
) -> None:
    body = _removal_body(team)
    body["wraps"].append(
        {"member_id": str(team.gone.id), "wrapped_key": body["wraps"][0]["wrapped_key"]}
    )

    assert _remove(client, team, body) == (422, "wrong_key_recipients")
    _nothing_changed(app, team)


def test_rotation_missing_a_remaining_adviser_is_refused(
    client: TestClient, app: FastAPI, team: Team
) -> None:
    body = _removal_body(team)
    body["wraps"] = [w for w in body["wraps"] if w["member_id"] != str(team.bob.id)]

    assert _remove(client, team, body) == (422, "wrong_key_recipients")
    _nothing_changed(app, team)


def test_rotation_with_wrong_version_is_refused(
    client: TestClient, app: FastAPI, team: Team
) -> None:
    assert _remove(client, team, _removal_body(team, version=1)) == (409, "wrong_key_version")
    _nothing_changed(app, team)


def test_removing_unknown_member_is_refused(client: TestClient, team: Team) -> None:
    body = _removal_body(team)
    response = client.post(
        f"/api/v1/staff/members/{uuid.uuid4()}/removal",
        json={"inbox_key": body},
        headers=headers_of(team.admin),
    )
    assert error_of(response) == (404, "member_not_found")
