"""Oversized bodies are refused with 413 before the application reads them (T6)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.db import Database
from app.i18n import catalogue
from app.security.body_limit import TOO_LARGE
from tests.conftest import make_settings
from tests.reports.helpers import client_with, error_code, row_counts

LIMIT = 1024
OVERSIZED = b'{"id": "' + b"x" * (2 * LIMIT) + b'"}'


@pytest.fixture
def small(
    database: Database, database_url: str, redis_url: str
) -> Iterator[tuple[FastAPI, TestClient]]:
    settings = make_settings(database_url, redis_url, max_request_bytes=LIMIT)
    with client_with(database, settings) as pair:
        yield pair


def chunks() -> Iterator[bytes]:
    for _ in range(8):
        yield b" " * 300
    yield b"{}"


def test_declared_length_over_the_limit_is_refused(small: tuple[FastAPI, TestClient]) -> None:
    app, http = small
    response = http.post(
        "/api/v1/reports", content=OVERSIZED, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert error_code(response) == "payload_too_large"
    assert row_counts(app)["reports"] == 0


def test_too_large_message_is_dutch_by_default(small: tuple[FastAPI, TestClient]) -> None:
    _app, http = small
    response = http.post("/api/v1/reports", content=OVERSIZED)
    dutch = catalogue("nl")[TOO_LARGE]
    assert dutch != TOO_LARGE
    assert response.json()["error"]["message"] == dutch


def test_too_large_message_is_english_when_asked(small: tuple[FastAPI, TestClient]) -> None:
    _app, http = small
    response = http.post(
        "/api/v1/reports", content=OVERSIZED, headers={"Accept-Language": "en-GB,en;q=0.9"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["message"] == TOO_LARGE


def test_too_large_message_follows_the_chosen_language(
    small: tuple[FastAPI, TestClient],
) -> None:
    # The pages pass the reporter's language choice as ?lang=, like every other error.
    _app, http = small
    response = http.post("/api/v1/reports?lang=en", content=OVERSIZED)
    assert response.status_code == 413
    assert response.json()["error"]["message"] == TOO_LARGE


def test_chunked_body_over_the_limit_is_refused(small: tuple[FastAPI, TestClient]) -> None:
    app, http = small
    response = http.post(
        "/api/v1/reports", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert response.status_code == 413
    assert error_code(response) == "payload_too_large"
    assert row_counts(app)["reports"] == 0


def test_chunked_body_on_the_mailbox_over_the_limit_is_refused(
    small: tuple[FastAPI, TestClient],
) -> None:
    _app, http = small
    response = http.post(
        "/api/v1/mailbox/messages",
        content=chunks(),
        headers={"Content-Type": "application/json", "X-Mailbox-Credential": "AAAA"},
    )
    assert response.status_code == 413
    assert error_code(response) == "payload_too_large"


def test_body_under_the_limit_reaches_the_application(small: tuple[FastAPI, TestClient]) -> None:
    _app, http = small
    response = http.post("/api/v1/reports", content=b"{}", headers={"X-Proof-Of-Work": "x:1"})
    # Not 413: the application answered (its proof-of-work check, which comes first, refused).
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "proof_of_work_invalid"
