"""Bad reports are refused with a clear 4xx and leave nothing behind."""

from __future__ import annotations

import base64
import secrets
import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.factories import Member, connect_partners
from tests.reports.helpers import (
    b64,
    envelope_shaped,
    error_code,
    post_report,
    pow_header,
    report_body,
    row_counts,
)

NOTHING = {"reports": 0, "consents": 0, "case_labels": 0, "notes": 0, "messages": 0}


@pytest.fixture
def body(client: TestClient, app: FastAPI, admin: Member) -> dict[str, Any]:
    connect_partners(app, "belle")
    return report_body(client, consents=["belle"])[0]


def assert_refused(response: Any, app: FastAPI, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert error_code(response) == code
    assert row_counts(app) == NOTHING


def test_malformed_json_is_refused(client: TestClient, app: FastAPI, admin: Member) -> None:
    response = client.post(
        "/api/v1/reports",
        content=b'{"id": "',
        headers={**pow_header(client), "Content-Type": "application/json"},
    )
    assert_refused(response, app, 422, "invalid_request")


def test_malformed_base64_ciphertext_is_refused(
    client: TestClient, app: FastAPI, body: dict[str, Any]
) -> None:
    body["ciphertext"] = body["ciphertext"][:-4] + "!!!!"
    assert_refused(post_report(client, body), app, 422, "invalid_request")


def test_plaintext_instead_of_ciphertext_is_refused(
    client: TestClient, app: FastAPI, body: dict[str, Any]
) -> None:
    body["ciphertext"] = b64(b"Hij sloeg me bij de garage.")
    assert_refused(post_report(client, body), app, 422, "invalid_request")


def test_ciphertext_not_padded_to_a_bucket_is_refused(
    client: TestClient, app: FastAPI, body: dict[str, Any]
) -> None:
    body["ciphertext"] = envelope_shaped(1024 + 48 + 1)
    assert_refused(post_report(client, body), app, 422, "invalid_request")


def test_reporter_copy_not_shaped_like_an_envelope_is_refused(
    client: TestClient, app: FastAPI, body: dict[str, Any]
) -> None:
    body["reporter_copy"] = b64(b"my own copy in plain text")
    assert_refused(post_report(client, body), app, 422, "invalid_request")


def test_reply_key_of_wrong_size_is_refused(
    client: TestClient, app: FastAPI, body: dict[str, Any]
) -> None:
    body["reply_public_key"] = b64(secrets.token_bytes(31))
    assert_refused(post_report(client, body), app, 422, "invalid_request")


def test_credential_of_wrong_size_is_refused(
    client: TestClient, app: FastAPI, body: dict[str, Any]
) -> None:
    body["mailbox_credential"] = b64(secrets.token_bytes(33))
    assert_refused(post_report(client, body), app, 422, "invalid_request")


@pytest.mark.parametrize("kept", ["reply_public_key", "mailbox_credential"])
def test_reply_key_and_credential_only_come_together(
    client: TestClient, app: FastAPI, body: dict[str, Any], kept: str
) -> None:
    dropped = {"reply_public_key", "mailbox_credential"} - {kept}
    for name in (*dropped, "reporter_copy"):
        del body[name]
    assert_refused(post_report(client, body), app, 422, "invalid_request")


def test_reporter_copy_without_a_reply_key_is_refused(
    client: TestClient, app: FastAPI, body: dict[str, Any]
) -> None:
    del body["reply_public_key"], body["mailbox_credential"]
    assert_refused(post_report(client, body), app, 422, "invalid_request")


def test_non_random_uuid_id_is_refused(
    client: TestClient, app: FastAPI, body: dict[str, Any]
) -> None:
    # A version 1 UUID carries the time and the machine's address.
    body["id"] = str(uuid.uuid1())
    assert_refused(post_report(client, body), app, 422, "invalid_request")


def test_repeated_consent_is_refused(
    client: TestClient, app: FastAPI, body: dict[str, Any]
) -> None:
    body["consents"] = ["belle", "belle"]
    assert_refused(post_report(client, body), app, 422, "invalid_request")


def test_unknown_partner_is_refused(client: TestClient, app: FastAPI, body: dict[str, Any]) -> None:
    body["consents"] = ["belle", "no-such-partner"]
    assert_refused(post_report(client, body), app, 422, "unknown_partner")


def test_unknown_inbox_key_version_is_refused(
    client: TestClient, app: FastAPI, body: dict[str, Any]
) -> None:
    body["inbox_version"] = 7
    assert_refused(post_report(client, body), app, 422, "unknown_key_version")


def test_stale_inbox_key_version_is_refused_after_a_new_one_exists(
    client: TestClient, app: FastAPI, admin: Member, body: dict[str, Any]
) -> None:
    assert admin.client.create_inbox_key() == 2
    assert body["inbox_version"] == 1
    assert_refused(post_report(client, body), app, 409, "stale_key_version")


def test_same_report_id_twice_is_refused_and_stored_once(
    client: TestClient, app: FastAPI, body: dict[str, Any]
) -> None:
    assert post_report(client, body).status_code == 201
    again = dict(body, mailbox_credential=b64(secrets.token_bytes(32)))

    response = post_report(client, again)

    assert response.status_code == 409
    assert error_code(response) == "already_received"
    assert row_counts(app)["reports"] == 1


def test_same_credential_for_a_second_report_is_refused(
    client: TestClient, app: FastAPI, body: dict[str, Any]
) -> None:
    # Two reports behind one receipt would open one mailbox for both.
    assert post_report(client, body).status_code == 201
    again = dict(body, id=str(uuid.uuid4()))
    del again["reporter_copy"]

    response = post_report(client, again)

    assert response.status_code == 409
    assert error_code(response) == "already_received"
    assert row_counts(app)["reports"] == 1


def test_unknown_extra_field_is_refused(
    client: TestClient, app: FastAPI, body: dict[str, Any]
) -> None:
    body["email"] = "me@example.org"
    assert_refused(post_report(client, body), app, 422, "invalid_request")


def test_report_before_any_inbox_key_exists_is_refused(client: TestClient, app: FastAPI) -> None:
    body = {"id": str(uuid.uuid4()), "inbox_version": 1, "ciphertext": envelope_shaped()}
    assert_refused(post_report(client, body), app, 503, "no_inbox_key")


def test_inbox_key_is_unavailable_before_any_exists(client: TestClient) -> None:
    response = client.get("/api/v1/inbox-key")
    assert response.status_code == 503
    assert error_code(response) == "no_inbox_key"


def test_inbox_key_is_the_current_version(client: TestClient, admin: Member) -> None:
    admin.client.create_inbox_key()
    key = client.get("/api/v1/inbox-key").json()
    assert key["version"] == 2
    assert base64.b64decode(key["public_key"]) != b""
    assert set(key) == {"version", "public_key", "key_id"}
