"""The reporter's right to erase: the report and everything tied to it, really gone."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from client import SubmittedReport
from tests.factories import Member, connect_partners, reporter
from tests.reports.helpers import (
    REPORT_TABLES,
    credential_header,
    error_code,
    pow_header,
    row_counts,
)


@pytest.fixture
def sent(client: TestClient, app: FastAPI, admin: Member) -> SubmittedReport:
    """A report with a consent, a label, a note, a reply and a follow-up: a row in every table."""
    connect_partners(app, "belle")
    sender = reporter(client)
    sent = sender.submit({"text": "Hij dreigt me."}, consents=["belle"])
    assert sent.receipt is not None
    admin.client.update_case(sent.report_id, labels=["physical_violence"])
    admin.client.add_note(sent.report_id, {"text": "Bellen na 18:00."})
    admin.client.reply(sent.report_id, {"text": "We lezen mee."})
    sender.follow_up(sent.receipt, {"text": "Dank je."})
    return sent


def test_erase_deletes_the_report_and_everything_tied_to_it(
    client: TestClient, app: FastAPI, sent: SubmittedReport
) -> None:
    assert sent.receipt is not None
    assert all(count > 0 for count in row_counts(app).values()), row_counts(app)

    reporter(client).erase(sent.receipt)

    assert row_counts(app) == dict.fromkeys(REPORT_TABLES, 0)


def test_erase_leaves_other_reports_alone(
    client: TestClient, app: FastAPI, sent: SubmittedReport
) -> None:
    assert sent.receipt is not None
    other = reporter(client).submit({"text": "Iets anders."}, consents=["belle"])

    reporter(client).erase(sent.receipt)

    assert row_counts(app) == {
        "reports": 1,
        "consents": 1,
        "case_labels": 0,
        "notes": 0,
        "messages": 0,
    }
    assert other.receipt is not None
    reporter(client).read_mailbox(other.receipt)


def test_mailbox_is_unknown_after_erase(client: TestClient, sent: SubmittedReport) -> None:
    assert sent.receipt is not None
    reporter(client).erase(sent.receipt)

    response = client.get("/api/v1/mailbox", headers=credential_header(sent.receipt))

    assert response.status_code == 401
    assert error_code(response) == "unknown_receipt"


def test_erase_without_proof_of_work_is_refused(
    client: TestClient, app: FastAPI, sent: SubmittedReport
) -> None:
    assert sent.receipt is not None
    before = row_counts(app)
    response = client.delete("/api/v1/mailbox", headers=credential_header(sent.receipt))
    assert response.status_code == 403
    assert error_code(response) == "proof_of_work_required"
    assert row_counts(app) == before


def test_erase_with_an_unknown_credential_deletes_nothing(
    client: TestClient, app: FastAPI, sent: SubmittedReport
) -> None:
    before = row_counts(app)
    headers = {"X-Mailbox-Credential": "A" * 43 + "=", **pow_header(client)}
    response = client.delete("/api/v1/mailbox", headers=headers)
    assert response.status_code == 401
    assert error_code(response) == "unknown_receipt"
    assert row_counts(app) == before
