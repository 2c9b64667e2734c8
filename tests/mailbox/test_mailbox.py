"""The reporter's mailbox: opened with the receipt only, written to with proof of work."""

from __future__ import annotations

import base64
import secrets
import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from client import SubmittedReport
from tests.factories import Member, reporter
from tests.reports.helpers import (
    b64,
    credential_header,
    envelope_shaped,
    error_code,
    pow_header,
    row_counts,
)


@pytest.fixture
def sent(client: TestClient, admin: Member) -> SubmittedReport:
    return reporter(client).submit({"text": "Hij dreigt me."})


def follow_up_body(version: int = 1) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "inbox_version": version,
        "inbox_ciphertext": envelope_shaped(),
        "reply_ciphertext": envelope_shaped(),
    }


def test_mailbox_opens_with_the_receipt(
    client: TestClient, admin: Member, sent: SubmittedReport
) -> None:
    assert sent.receipt is not None
    admin.client.reply(sent.report_id, {"text": "We lezen mee."})

    own, entries = reporter(client).read_mailbox(sent.receipt)

    assert own == {"text": "Hij dreigt me."}
    assert [(e.kind, e.content) for e in entries] == [("reply", {"text": "We lezen mee."})]


def test_mailbox_shows_only_ciphertext_dates_status_and_consents(
    client: TestClient, sent: SubmittedReport
) -> None:
    assert sent.receipt is not None
    response = client.get("/api/v1/mailbox", headers=credential_header(sent.receipt))
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {
        "report_id",
        "created_on",
        "status",
        "reporter_copy",
        "consents",
        "messages",
    }
    # The reporter's own choice of partners, shown back to them; nothing about any signal.
    assert data["consents"] == []
    assert data["status"] == "open"
    assert len(data["created_on"]) == len("2026-01-01")


def test_wrong_credential_is_an_unknown_receipt(client: TestClient, sent: SubmittedReport) -> None:
    headers = {"X-Mailbox-Credential": b64(secrets.token_bytes(32))}
    response = client.get("/api/v1/mailbox", headers=headers)
    assert response.status_code == 401
    assert error_code(response) == "unknown_receipt"


@pytest.mark.parametrize(
    "credential",
    ["not base64!", b64(secrets.token_bytes(16)), b64(secrets.token_bytes(33)), "AAAA===="],
)
def test_malformed_credential_is_refused(
    client: TestClient, sent: SubmittedReport, credential: str
) -> None:
    response = client.get("/api/v1/mailbox", headers={"X-Mailbox-Credential": credential})
    assert response.status_code == 400
    assert error_code(response) == "invalid_credential"


def test_missing_credential_is_an_unknown_receipt(
    client: TestClient, sent: SubmittedReport
) -> None:
    response = client.get("/api/v1/mailbox")
    assert response.status_code == 401
    assert error_code(response) == "unknown_receipt"


def test_follow_up_is_added_to_the_thread(
    client: TestClient, app: FastAPI, admin: Member, sent: SubmittedReport
) -> None:
    assert sent.receipt is not None
    reporter(client).follow_up(sent.receipt, {"text": "Hij kwam terug."})

    assert row_counts(app)["messages"] == 1
    thread = admin.client.read_case(sent.report_id).messages
    assert thread == [{"kind": "reporter", "content": {"text": "Hij kwam terug."}}]
    _own, entries = reporter(client).read_mailbox(sent.receipt)
    assert [e.content for e in entries] == [{"text": "Hij kwam terug."}]


def test_follow_up_without_proof_of_work_is_refused(
    client: TestClient, app: FastAPI, sent: SubmittedReport
) -> None:
    assert sent.receipt is not None
    response = client.post(
        "/api/v1/mailbox/messages",
        json=follow_up_body(),
        headers=credential_header(sent.receipt),
    )
    assert response.status_code == 403
    assert error_code(response) == "proof_of_work_required"
    assert row_counts(app)["messages"] == 0


def test_follow_up_with_a_wrong_credential_is_refused(
    client: TestClient, app: FastAPI, sent: SubmittedReport
) -> None:
    headers = {"X-Mailbox-Credential": b64(secrets.token_bytes(32)), **pow_header(client)}
    response = client.post("/api/v1/mailbox/messages", json=follow_up_body(), headers=headers)
    assert response.status_code == 401
    assert error_code(response) == "unknown_receipt"
    assert row_counts(app)["messages"] == 0


def test_follow_up_with_a_stale_key_version_is_refused(
    client: TestClient, app: FastAPI, admin: Member, sent: SubmittedReport
) -> None:
    assert sent.receipt is not None
    admin.client.create_inbox_key()
    headers = {**credential_header(sent.receipt), **pow_header(client)}

    response = client.post("/api/v1/mailbox/messages", json=follow_up_body(1), headers=headers)

    assert response.status_code == 409
    assert error_code(response) == "stale_key_version"
    assert row_counts(app)["messages"] == 0


def test_follow_up_with_plaintext_is_refused(
    client: TestClient, app: FastAPI, sent: SubmittedReport
) -> None:
    assert sent.receipt is not None
    body = dict(follow_up_body(), reply_ciphertext=b64(b"hij kwam terug"))
    headers = {**credential_header(sent.receipt), **pow_header(client)}
    response = client.post("/api/v1/mailbox/messages", json=body, headers=headers)
    assert response.status_code == 422
    assert error_code(response) == "invalid_request"
    assert row_counts(app)["messages"] == 0


def test_same_follow_up_twice_is_stored_once(
    client: TestClient, app: FastAPI, sent: SubmittedReport
) -> None:
    assert sent.receipt is not None
    body = follow_up_body()
    for expected in (201, 409):
        headers = {**credential_header(sent.receipt), **pow_header(client)}
        response = client.post("/api/v1/mailbox/messages", json=body, headers=headers)
        assert response.status_code == expected
    assert error_code(response) == "already_received"
    assert row_counts(app)["messages"] == 1


def test_one_way_report_has_no_mailbox_to_open(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    sent = reporter(client).submit({"text": "x"}, one_way=True)
    assert sent.receipt is None
    # No credential was ever sent, so none can match; not even an all-zero or empty one.
    for credential in (b64(bytes(32)), b64(secrets.token_bytes(32)), ""):
        response = client.get("/api/v1/mailbox", headers={"X-Mailbox-Credential": credential})
        assert response.status_code == 401
        assert error_code(response) == "unknown_receipt"
    assert row_counts(app)["reports"] == 1


def test_credential_header_is_the_base64_of_32_bytes(sent: SubmittedReport) -> None:
    assert sent.receipt is not None
    header = credential_header(sent.receipt)["X-Mailbox-Credential"]
    assert len(base64.b64decode(header, validate=True)) == 32
