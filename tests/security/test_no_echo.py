"""Error responses never echo what was sent: a wrong field could hold report text (R4)."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient

from tests.reports.helpers import b64, envelope_shaped, pow_header

CANARY = "Canary-Hij-Sloeg-Me-Bij-De-Garage"


def assert_no_echo(response: object) -> None:
    text = response.text  # type: ignore[attr-defined]
    assert response.status_code >= 400, text  # type: ignore[attr-defined]
    assert CANARY.lower() not in text.lower()
    assert "input" not in response.json()["error"]  # type: ignore[attr-defined]


def test_canary_in_every_report_field_is_not_echoed(client: TestClient) -> None:
    body = {
        "id": CANARY,
        "inbox_version": CANARY,
        "ciphertext": CANARY,
        "reporter_copy": CANARY,
        "reply_public_key": CANARY,
        "mailbox_credential": CANARY,
        "consents": [CANARY, {"text": CANARY}],
    }
    assert_no_echo(client.post("/api/v1/reports", json=body, headers=pow_header(client)))


def test_canary_as_an_unknown_field_name_is_not_echoed(client: TestClient) -> None:
    body = {
        "id": str(uuid.uuid4()),
        "inbox_version": 1,
        "ciphertext": envelope_shaped(),
        CANARY: "x",
    }
    assert_no_echo(client.post("/api/v1/reports", json=body, headers=pow_header(client)))


def test_canary_in_a_follow_up_is_not_echoed(client: TestClient) -> None:
    body = {"id": str(uuid.uuid4()), "inbox_version": 1, "inbox_ciphertext": CANARY, CANARY: 1}
    headers = {"X-Mailbox-Credential": b64(bytes(32)), **pow_header(client)}
    assert_no_echo(client.post("/api/v1/mailbox/messages", json=body, headers=headers))


def test_canary_in_malformed_json_is_not_echoed(client: TestClient) -> None:
    response = client.post(
        "/api/v1/reports",
        content=f'{{"id": "{CANARY}"'.encode(),
        headers={"Content-Type": "application/json", **pow_header(client)},
    )
    assert_no_echo(response)


def test_canary_as_a_body_of_the_wrong_type_is_not_echoed(client: TestClient) -> None:
    assert_no_echo(client.post("/api/v1/reports", json=[CANARY], headers=pow_header(client)))
    assert_no_echo(client.post("/api/v1/reports", content=CANARY.encode()))


@pytest.mark.parametrize("header", ["X-Proof-Of-Work", "X-Mailbox-Credential"])
def test_canary_in_a_header_is_not_echoed(client: TestClient, header: str) -> None:
    assert_no_echo(client.get("/api/v1/mailbox", headers={header: CANARY}))
    assert_no_echo(client.delete("/api/v1/mailbox", headers={header: CANARY * 20}))


def test_canary_in_the_path_is_not_echoed(client: TestClient) -> None:
    assert_no_echo(client.get(f"/api/v1/{CANARY}?lang={CANARY}"))
