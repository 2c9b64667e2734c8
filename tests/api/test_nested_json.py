"""Deeply nested JSON is refused with a clear 400 before it is parsed, on every kind of route.

A body nested 500 deep used to give a 500 (the NUL check recursed out of Python's stack), and
100 000 deep a bare "could not parse" from the parser's own recursion.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.schemas_common import MAX_JSON_DEPTH
from tests.factories import Member
from tests.reports.helpers import count_rows, envelope_shaped, pow_header, report_body, row_counts

DEPTHS = [500, 100_000]
KINDS = ["array", "object"]
TOO_DEEP_NL = "Wat je stuurde is te diep genest om te lezen."


def nested(depth: int, kind: str) -> str:
    if kind == "array":
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


def with_deep_field(body: dict[str, Any], field: str, depth: int, kind: str) -> bytes:
    """``body`` with ``field`` replaced by a value nested ``depth`` deep."""
    marker = "__DEEP__"
    return json.dumps({**body, field: marker}).replace(f'"{marker}"', nested(depth, kind)).encode()


def assert_refused_as_too_deep(response: httpx.Response) -> None:
    assert response.status_code == 400, response.text
    assert response.json()["error"] == {"code": "json_too_deep", "message": TOO_DEEP_NL}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("depth", DEPTHS)
def test_a_deeply_nested_report_is_refused_and_nothing_is_written(
    client: TestClient, admin: Member, app: FastAPI, depth: int, kind: str
) -> None:
    body, _receipt = report_body(client)

    response = client.post(
        "/api/v1/reports",
        content=with_deep_field(body, "consents", depth, kind),
        headers={**pow_header(client), "Content-Type": "application/json"},
    )

    assert_refused_as_too_deep(response)
    assert row_counts(app)["reports"] == 0
    # The same report, nested normally, goes through.
    assert client.post("/api/v1/reports", json=body, headers=pow_header(client)).status_code == 201


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("depth", DEPTHS)
def test_a_deeply_nested_mailbox_answer_is_refused(
    client: TestClient, depth: int, kind: str
) -> None:
    body = {
        "id": str(uuid.uuid4()),
        "inbox_version": 1,
        "inbox_ciphertext": envelope_shaped(),
        "reply_ciphertext": envelope_shaped(),
    }

    response = client.post(
        "/api/v1/mailbox/messages",
        content=with_deep_field(body, "reply_ciphertext", depth, kind),
        # No content type at all: FastAPI parses such a body as JSON too, so it is checked too.
        headers=pow_header(client),
    )

    assert_refused_as_too_deep(response)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("depth", DEPTHS)
def test_a_deeply_nested_staff_request_is_refused_and_nothing_changes(
    client: TestClient, admin: Member, app: FastAPI, depth: int, kind: str
) -> None:
    body = {"username": "nieuwkomer", "is_admin": False, "is_vp": True}
    members = count_rows(app, "staff_members")

    response = admin.client.http.post(
        "/api/v1/staff/members",
        content=with_deep_field(body, "is_vp", depth, kind),
        headers={**admin.client._headers(), "Content-Type": "application/json"},
    )

    assert_refused_as_too_deep(response)
    assert count_rows(app, "staff_members") == members
    assert admin.client.invite("nieuwkomer")  # the normal request is served


@pytest.mark.parametrize("kind", KINDS)
def test_nesting_up_to_the_limit_reaches_validation(client: TestClient, kind: str) -> None:
    body = {"username": "iemand", "auth_value": "x"}
    at_limit = with_deep_field(body, "auth_value", MAX_JSON_DEPTH - 1, kind)
    past_limit = with_deep_field(body, "auth_value", MAX_JSON_DEPTH, kind)
    headers = {"Content-Type": "application/json", "Accept-Language": "en"}

    answered = client.post("/api/v1/staff/login", content=at_limit, headers=headers)
    refused = client.post("/api/v1/staff/login", content=past_limit, headers=headers)

    assert answered.status_code == 422 and answered.json()["error"]["code"] == "invalid_request"
    assert refused.status_code == 400 and refused.json()["error"] == {
        "code": "json_too_deep",
        "message": "What you sent is nested too deeply to be read.",
    }


def test_brackets_inside_strings_are_text_not_nesting(client: TestClient) -> None:
    response = client.post(
        "/api/v1/staff/login",
        json={"username": "[{" * 30, "auth_value": "[" * 5000},
        headers={"Accept-Language": "en"},
    )

    assert response.json()["error"]["code"] == "invalid_request"  # validated, not refused
