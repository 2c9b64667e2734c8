"""Security headers on every response, no cookies for reporters, Onion-Location when set."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.db import Database
from tests.conftest import TotpClock, make_settings
from tests.factories import admin_with_inbox, reporter
from tests.reports.helpers import client_with, credential_header, pow_header, report_body

ONION = "http://vertrouwenspuntxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.onion"


def assert_protective_headers(response: httpx.Response) -> None:
    headers = response.headers
    assert headers["Cache-Control"] == "no-store"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "default-src 'none'" in headers["Content-Security-Policy"].split(";")[0]
    assert "Server" not in headers
    assert "Set-Cookie" not in headers


def test_json_response_has_security_headers(client: TestClient) -> None:
    response = client.get("/api/v1/partners")
    assert response.status_code == 200
    assert_protective_headers(response)


def test_error_response_has_security_headers(client: TestClient) -> None:
    response = client.get("/api/v1/mailbox")
    assert response.status_code == 401
    assert_protective_headers(response)


def test_validation_error_has_security_headers(client: TestClient) -> None:
    response = client.post("/api/v1/reports", json={"id": "x"}, headers=pow_header(client))
    assert response.status_code == 422
    assert_protective_headers(response)


def test_not_found_has_security_headers(client: TestClient) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert_protective_headers(response)


def test_too_large_response_has_security_headers(
    database: Database, database_url: str, redis_url: str
) -> None:
    settings = make_settings(database_url, redis_url, max_request_bytes=1024)
    with client_with(database, settings) as (_app, http):
        response = http.post("/api/v1/reports", content=b"x" * 2048)
    assert response.status_code == 413
    assert_protective_headers(response)


def test_no_reporter_endpoint_sets_a_cookie(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    admin_with_inbox(app, client, totp_clock)
    # The staff login left a cookie in the shared client; a reporter's browser has none.
    client.cookies.clear()
    body, receipt = report_body(client)
    assert receipt is not None
    responses = [
        client.get("/api/v1/proof-of-work"),
        client.get("/api/v1/partners"),
        client.get("/api/v1/inbox-key"),
        client.post("/api/v1/reports", json=body, headers=pow_header(client)),
        client.get("/api/v1/mailbox", headers=credential_header(receipt)),
    ]
    reporter(client).follow_up(receipt, {"text": "nog iets"})
    erase_headers = {**credential_header(receipt), **pow_header(client)}
    responses.append(client.delete("/api/v1/mailbox", headers=erase_headers))

    assert [r.status_code for r in responses] == [200, 200, 200, 201, 200, 204]
    for response in responses:
        assert "set-cookie" not in response.headers
    assert not client.cookies


def test_no_onion_location_unless_configured(client: TestClient) -> None:
    assert "Onion-Location" not in client.get("/api/v1/partners").headers


def test_onion_location_points_to_the_same_path_on_the_onion_service(
    database: Database, database_url: str, redis_url: str
) -> None:
    settings = make_settings(database_url, redis_url, onion_location=ONION)
    with client_with(database, settings) as (_app, http):
        response = http.get("/api/v1/partners")
    assert response.headers["Onion-Location"] == ONION + "/api/v1/partners"


@pytest.mark.parametrize(
    ("base_url", "expected"), [("https://vp.example.org", True), ("http://127.0.0.1", False)]
)
def test_hsts_only_over_https(
    database: Database, database_url: str, redis_url: str, base_url: str, expected: bool
) -> None:
    settings = make_settings(database_url, redis_url, base_url=base_url)
    with client_with(database, settings) as (_app, http):
        response = http.get("/api/v1/partners")
    assert ("Strict-Transport-Security" in response.headers) is expected
