"""R6: every staff action on a case or the team leaves an audit entry naming the staff member."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.models import AuditEntry, Message, Report
from client.audit import OpenedCase, open_case
from client.reporter import SubmittedReport
from tests.conftest import TotpClock
from tests.factories import Member, add_colleague, connect_partners, enrol, reporter
from tests.staff.helpers import b64, count, rows

SECRET_TEXT = "Hij heet Jan en woont aan de Kerkstraat 12"


@pytest.fixture
def sent(client: TestClient, app: FastAPI) -> SubmittedReport:
    connect_partners(app, "belle")
    return reporter(client).submit({"text": SECRET_TEXT}, consents=["belle"])


def _entries_since(app: FastAPI, seq: int) -> list[dict[str, Any]]:
    return sorted(rows(app, AuditEntry, AuditEntry.seq > seq), key=lambda e: e["seq"])


def _last_seq(app: FastAPI) -> int:
    return max((e["seq"] for e in rows(app, AuditEntry)), default=0)


def _only_new_entry(app: FastAPI, before: int, action: str) -> dict[str, Any]:
    new = [e for e in _entries_since(app, before) if e["action"] == action]
    assert len(new) == 1, _entries_since(app, before)
    return new[0]


def _opened(entry: dict[str, Any], member: Member) -> OpenedCase:
    """What the adviser's console shows of a case entry: opened with the inbox key."""
    version = entry["case_inbox_version"]
    return open_case(
        member.client.inbox_keys[version],
        seq=entry["seq"],
        version=version,
        sealed=entry["case_sealed"],
    )


def _assert_names(entry: dict[str, Any], member: Member, case: uuid.UUID | None) -> None:
    assert entry["actor_kind"] == "staff"
    assert entry["actor_id"] == member.id
    assert entry["case_ref"] is None
    if case is None:
        assert entry["case_sealed"] is None and entry["case_inbox_version"] is None
        return
    # The case and the detail are only in the sealed bytes (R5).
    assert entry["detail"] == "{}"
    assert _opened(entry, member).case_id == case


def test_listing_cases_is_logged(app: FastAPI, admin: Member, sent: SubmittedReport) -> None:
    before = _last_seq(app)
    admin.client.list_cases()
    _assert_names(_only_new_entry(app, before, "case.list"), admin, None)


def test_reading_a_case_is_logged(app: FastAPI, admin: Member, sent: SubmittedReport) -> None:
    before = _last_seq(app)
    admin.client.read_case(sent.report_id)
    _assert_names(_only_new_entry(app, before, "case.read"), admin, sent.report_id)


def test_updating_a_case_is_logged(app: FastAPI, admin: Member, sent: SubmittedReport) -> None:
    before = _last_seq(app)
    admin.client.update_case(sent.report_id, labels=["threats"], status="waiting")
    entry = _only_new_entry(app, before, "case.update")
    _assert_names(entry, admin, sent.report_id)
    assert _opened(entry, admin).detail == {"labels": ["threats"], "status": "waiting"}


def test_replying_is_logged(app: FastAPI, admin: Member, sent: SubmittedReport) -> None:
    before = _last_seq(app)
    admin.client.reply(sent.report_id, {"text": "Dank je"})
    _assert_names(_only_new_entry(app, before, "case.reply"), admin, sent.report_id)


def test_adding_a_note_is_logged(app: FastAPI, admin: Member, sent: SubmittedReport) -> None:
    before = _last_seq(app)
    admin.client.add_note(sent.report_id, {"text": "Bel morgen"})
    _assert_names(_only_new_entry(app, before, "case.note"), admin, sent.report_id)


def test_inviting_is_logged(app: FastAPI, admin: Member) -> None:
    before = _last_seq(app)
    admin.client.invite("vera")
    entry = _only_new_entry(app, before, "staff.invite")
    _assert_names(entry, admin, None)
    invited = next(m for m in admin.client.members() if m["username"] == "vera")
    assert json.loads(entry["detail"]) == {"member": invited["id"]}


def test_granting_access_is_logged(
    client: TestClient, app: FastAPI, admin: Member, totp_clock: TotpClock
) -> None:
    vera = enrol(client, totp_clock, admin.client.invite("vera"), "vera")
    before = _last_seq(app)
    admin.client.grant_access(vera.id)
    entry = _only_new_entry(app, before, "staff.grant_inbox_access")
    _assert_names(entry, admin, None)
    assert json.loads(entry["detail"]) == {"member": str(vera.id)}


def test_removal_is_logged(
    client: TestClient, app: FastAPI, admin: Member, totp_clock: TotpClock
) -> None:
    gone = add_colleague(admin, client, totp_clock, "gone")
    before = _last_seq(app)
    admin.client.remove_member(gone.id)
    entry = _only_new_entry(app, before, "staff.remove")
    _assert_names(entry, admin, None)
    assert json.loads(entry["detail"]) == {"member": str(gone.id), "inbox_version": 2}


def test_refused_access_adds_no_entry(
    client: TestClient, app: FastAPI, admin: Member, sent: SubmittedReport
) -> None:
    before = count(app, AuditEntry)
    response = client.get(f"/api/v1/cases/{uuid.uuid4()}", headers=admin.client._headers())
    assert response.status_code == 404
    assert count(app, AuditEntry) == before


def test_no_entry_holds_report_content_or_the_case_id(
    client: TestClient, app: FastAPI, admin: Member, sent: SubmittedReport, totp_clock: TotpClock
) -> None:
    admin.client.list_cases()
    admin.client.read_case(sent.report_id)
    admin.client.update_case(sent.report_id, labels=["threats"], status="in_progress")
    admin.client.reply(sent.report_id, {"text": SECRET_TEXT})
    admin.client.add_note(sent.report_id, {"text": SECRET_TEXT})
    add_colleague(admin, client, totp_clock, "vera")
    ciphertexts = [r["ciphertext"] for r in rows(app, Report)]
    ciphertexts += [r["inbox_ciphertext"] for r in rows(app, Message)]

    entries = rows(app, AuditEntry)
    assert {e["action"] for e in entries} >= {"case.read", "case.reply", "case.note"}
    for entry in entries:
        text = " ".join(str(entry[k]) for k in ("actor_kind", "actor_id", "action", "detail"))
        assert "Kerkstraat" not in text and "Jan" not in text
        assert str(sent.report_id) not in text and sent.report_id.hex not in text
        assert entry["case_ref"] is None
        assert entry["case_sealed"] is None or sent.report_id.bytes not in entry["case_sealed"]
        for ciphertext in ciphertexts:
            assert b64(ciphertext[:24])[:32] not in text and ciphertext[:16].hex() not in text
