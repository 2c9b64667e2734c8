"""Working on one case: labels, status, assignment, replies and the team's internal notes."""

from __future__ import annotations

import uuid

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.models import CaseLabel, Message, Note, Report
from app.models.base import today
from tests.cases.helpers import new_case
from tests.conftest import TotpClock
from tests.factories import Member, add_colleague, enrol, reporter
from tests.staff.helpers import b64, count, error_of, headers_of, one, refused

CASES = "/api/v1/cases"


def _report(app: FastAPI, case: uuid.UUID) -> dict[str, object]:
    return one(app, Report, Report.id == case)


def test_labels_and_status_are_saved(client: TestClient, app: FastAPI, admin: Member) -> None:
    case = new_case(client, app)

    detail = admin.client.update_case(
        case, labels=["threats", "physical_violence", "threats"], status="waiting"
    )

    assert detail["labels"] == ["physical_violence", "threats"]
    assert detail["status"] == "waiting"
    assert admin.client.read_case(case).summary["labels"] == ["physical_violence", "threats"]


def test_unknown_label_is_refused_and_nothing_changes(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    case = new_case(client, app)
    admin.client.update_case(case, labels=["threats"])

    response = client.patch(
        f"{CASES}/{case}",
        json={"labels": ["threats", "made_up"], "status": "closed"},
        headers=headers_of(admin),
    )

    assert error_of(response) == (422, "invalid_request")
    assert count(app, CaseLabel) == 1
    assert _report(app, case)["status"] == "new"


def test_closing_records_the_day_and_reopening_clears_it(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    case = new_case(client, app)
    admin.client.update_case(case, status="closed")
    assert _report(app, case)["closed_on"] == today()

    admin.client.update_case(case, status="in_progress")
    assert _report(app, case)["closed_on"] is None


def test_assign_and_unassign(
    client: TestClient, app: FastAPI, admin: Member, totp_clock: TotpClock
) -> None:
    vera = add_colleague(admin, client, totp_clock, "vera")
    case = new_case(client, app)

    assert admin.client.update_case(case, assignee_id=str(vera.id))["assignee_id"] == str(vera.id)
    assert admin.client.update_case(case, unassign=True)["assignee_id"] is None


def test_assigning_to_a_removed_member_is_refused(
    client: TestClient, app: FastAPI, admin: Member, totp_clock: TotpClock
) -> None:
    gone = add_colleague(admin, client, totp_clock, "gone")
    admin.client.remove_member(gone.id)
    case = new_case(client, app)

    outcome = refused(admin.client.update_case, case, assignee_id=str(gone.id), labels=["threats"])

    assert outcome == (422, "unknown_assignee")
    assert _report(app, case)["assignee_id"] is None
    assert count(app, CaseLabel) == 0


def test_assigning_to_a_non_adviser_is_refused(
    client: TestClient, app: FastAPI, admin: Member, totp_clock: TotpClock
) -> None:
    manager = enrol(
        client, totp_clock, admin.client.invite("boss", is_vp=False, is_admin=True), "boss"
    )
    case = new_case(client, app)

    assert refused(admin.client.update_case, case, assignee_id=str(manager.id)) == (
        422,
        "unknown_assignee",
    )
    assert _report(app, case)["assignee_id"] is None


def test_assigning_to_an_unknown_member_is_refused(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    case = new_case(client, app)
    assert refused(admin.client.update_case, case, assignee_id=str(uuid.uuid4())) == (
        422,
        "unknown_assignee",
    )


def test_removing_a_member_unassigns_their_cases(
    client: TestClient, app: FastAPI, admin: Member, totp_clock: TotpClock
) -> None:
    gone = add_colleague(admin, client, totp_clock, "gone")
    case = new_case(client, app)
    admin.client.update_case(case, assignee_id=str(gone.id))

    admin.client.remove_member(gone.id)

    assert _report(app, case)["assignee_id"] is None
    assert [item["id"] for item in admin.client.list_cases(assignee="none")["items"]] == [str(case)]


def test_reply_reaches_the_reporter_and_acknowledges(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    sender = reporter(client)
    sent = sender.submit({"text": "help"})

    admin.client.reply(sent.report_id, {"text": "We zijn er voor je."})

    assert sent.receipt is not None
    _own, entries = sender.read_mailbox(sent.receipt)
    assert [e.content for e in entries] == [{"text": "We zijn er voor je."}]
    report = _report(app, sent.report_id)
    assert report["acknowledged_on"] == today()
    assert report["status"] == "in_progress"


def test_reply_to_a_one_way_report_is_refused(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    sent = reporter(client).submit({"text": "alleen ter info"}, one_way=True)
    assert admin.client.read_case(sent.report_id).summary["one_way"] is True
    envelope = b64(one(app, Report, Report.id == sent.report_id)["ciphertext"])
    body = {
        "id": str(uuid.uuid4()),
        "inbox_version": 1,
        "inbox_ciphertext": envelope,
        "reply_ciphertext": envelope,
    }

    response = client.post(
        f"{CASES}/{sent.report_id}/replies", json=body, headers=headers_of(admin)
    )

    assert error_of(response) == (409, "one_way_report")
    assert count(app, Message) == 0
    assert _report(app, sent.report_id)["acknowledged_on"] is None


def test_notes_are_for_the_team_only(
    client: TestClient, app: FastAPI, admin: Member, totp_clock: TotpClock
) -> None:
    sender = reporter(client)
    sent = sender.submit({"text": "help"})
    admin.client.reply(sent.report_id, {"text": "Antwoord"})

    admin.client.add_note(sent.report_id, {"text": "Bel Belle morgen."})

    vera = add_colleague(admin, client, totp_clock, "vera")
    assert vera.client.read_case(sent.report_id).notes == [{"text": "Bel Belle morgen."}]
    assert sent.receipt is not None
    mailbox = client.get("/api/v1/mailbox", headers=sender._credential_header(sent.receipt))
    assert mailbox.status_code == 200
    assert len(mailbox.json()["messages"]) == 1
    note = one(app, Note, Note.report_id == sent.report_id)
    assert b64(note["ciphertext"]) not in mailbox.text
    _own, entries = sender.read_mailbox(sent.receipt)
    assert [e.content for e in entries] == [{"text": "Antwoord"}]


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("GET", "", None),
        ("PATCH", "", {"status": "closed"}),
        ("POST", "/notes", None),
        ("POST", "/replies", None),
    ],
)
def test_unknown_case_is_not_found(
    client: TestClient,
    app: FastAPI,
    admin: Member,
    method: str,
    suffix: str,
    body: dict[str, object] | None,
) -> None:
    real = new_case(client, app)
    ciphertext = b64(one(app, Report, Report.id == real)["ciphertext"])
    if suffix == "/notes":
        body = {"id": str(uuid.uuid4()), "inbox_version": 1, "ciphertext": ciphertext}
    elif suffix == "/replies":
        body = {
            "id": str(uuid.uuid4()),
            "inbox_version": 1,
            "inbox_ciphertext": ciphertext,
            "reply_ciphertext": ciphertext,
        }

    response = client.request(
        method, f"{CASES}/{uuid.uuid4()}{suffix}", json=body, headers=headers_of(admin)
    )

    assert error_of(response) == (404, "case_not_found")
    assert count(app, Message) == count(app, Note) == 0
