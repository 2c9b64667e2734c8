"""The receipt page without JavaScript survives a reload, and stores nothing to do it.

A reload of the page that answered a form post makes the browser post the same form again, with
the same one-use token. The token determines the report's id and receipt (app.security.form_tokens),
so the second post shows the same receipt while nothing but the report itself was stored.
"""

from __future__ import annotations

import base64
import re
import time
from typing import Any

import httpx
import pytest
import redis
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.db import Database
from app.models import Base
from app.settings import Settings
from client import ReporterClient
from tests.conftest import TotpClock, make_settings
from tests.factories import Member, admin_with_inbox
from tests.reports.helpers import all_rows, client_with, row_counts
from tests.staff.helpers import row_bytes

ALREADY_SENT = "Dit formulier is al verstuurd"


@pytest.fixture
def admin(app: FastAPI, client: TestClient, totp_clock: TotpClock) -> Member:
    return admin_with_inbox(app, client, totp_clock)


def form_token(page: httpx.Response) -> str:
    match = re.search(r'name="token" value="([^"]+)"', page.text)
    assert match, "the form carries no token"
    return match.group(1)


def receipt_on(page: httpx.Response) -> str | None:
    # The report form's <template> for the JavaScript path holds a placeholder, not a code.
    match = re.search(r'<p class="receipt"[^>]*>([0-9A-Z][0-9A-Z -]+)</p>', page.text)
    return match.group(1) if match else None


def post(
    client: TestClient, token: str, fields: dict[str, Any], lang: str = "nl"
) -> httpx.Response:
    return client.post(f"/{lang}/report", data={"token": token, **fields})


def everything_stored(app: FastAPI, redis_client: redis.Redis) -> bytes:
    parts = [b"\x00".join(redis_client.keys("*"))]
    for key in redis_client.keys("*"):
        if redis_client.type(key) == b"string":
            parts.append(redis_client.get(key) or b"")
    for table in Base.metadata.tables:
        parts += [row_bytes(row) for row in all_rows(app, table)]
    return b"\x00".join(parts)


def test_reloading_the_receipt_page_shows_the_same_receipt_and_stores_nothing_more(
    app: FastAPI, client: TestClient, admin: Member, redis_client: redis.Redis
) -> None:
    token = form_token(client.get("/nl/report"))
    first = post(client, token, {"text": "Hij kwam terug."})
    again = post(client, token, {"text": "Hij kwam terug."})

    receipt = receipt_on(first)
    assert receipt is not None and re.fullmatch(r"\d{5}( \d{5}){5}", receipt)
    assert (again.status_code, receipt_on(again)) == (200, receipt)
    assert "Schrijf hem nu op" in again.text
    assert again.headers["cache-control"] == "no-store"
    assert row_counts(app)["reports"] == 1
    own, _ = ReporterClient(client).read_mailbox(receipt)
    assert own["text"] == "Hij kwam terug."
    # Neither the receipt nor the token (nor its random part) is kept anywhere.
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    stored = everything_stored(app, redis_client)
    for secret in (receipt, receipt.replace(" ", ""), token):
        assert secret.encode() not in stored
    for secret_bytes in (raw, raw[9:25]):
        assert secret_bytes not in stored
        assert secret_bytes.hex().encode() not in stored


def test_a_form_token_from_a_refused_post_never_shows_a_receipt(
    app: FastAPI, client: TestClient, admin: Member
) -> None:
    token = form_token(client.get("/nl/report"))
    refused = post(client, token, {"when": "today"})
    reloaded = post(client, token, {"when": "today"})

    assert refused.status_code == 422
    assert reloaded.status_code == 403
    assert ALREADY_SENT in reloaded.text
    assert receipt_on(reloaded) is None and row_counts(app)["reports"] == 0
    # The refused page's own new form still works.
    sent = post(client, form_token(refused), {"text": "Nu wel."})
    assert receipt_on(sent) is not None and row_counts(app)["reports"] == 1


def test_reloading_a_one_way_receipt_page_shows_it_again_without_a_code(
    app: FastAPI, client: TestClient, admin: Member
) -> None:
    token = form_token(client.get("/en/report"))
    first = post(client, token, {"text": "No answer needed.", "one_way": "1"}, lang="en")
    again = post(client, token, {"text": "No answer needed.", "one_way": "1"}, lang="en")

    for page in (first, again):
        assert page.status_code == 200
        assert "without a receipt" in page.text and receipt_on(page) is None
        # There is no code, so the page does not say that the server made one.
        assert "made the receipt code" not in page.text
    assert row_counts(app)["reports"] == 1


def test_after_erasing_a_reload_shows_no_receipt(
    app: FastAPI, client: TestClient, admin: Member
) -> None:
    token = form_token(client.get("/nl/report"))
    receipt = receipt_on(post(client, token, {"text": "Wis dit later."}))
    assert receipt is not None
    ReporterClient(client).erase(receipt)

    reloaded = post(client, token, {"text": "Wis dit later."})
    assert reloaded.status_code == 403 and receipt_on(reloaded) is None
    assert ALREADY_SENT in reloaded.text


def test_a_form_open_too_long_is_shown_again_with_what_was_filled_in(
    app: FastAPI, client: TestClient, admin: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = form_token(client.get("/nl/report"))
    later = time.time() + 3 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    page = post(client, token, {"text": "Dit mag niet verloren gaan.", "when": "today"})

    assert page.status_code == 403
    assert "Dit formulier stond te lang open" in page.text
    assert "Dit mag niet verloren gaan." in page.text
    assert row_counts(app)["reports"] == 0
    sent = post(client, form_token(page), {"text": "Dit mag niet verloren gaan."})
    assert receipt_on(sent) is not None


def test_the_token_lives_as_long_as_the_setting_says_rounded_up_to_the_hour(
    database: Database, database_url: str, redis_url: str
) -> None:
    settings: Settings = make_settings(database_url, redis_url, report_form={"token_minutes": 5})
    with client_with(database, settings) as (app, _client):
        before = int(time.time())
        token = app.state.form_tokens.check(app.state.form_tokens.issue())
    assert token.expires_at % 3600 == 0
    assert before + 300 <= token.expires_at <= before + 300 + 3600


def test_a_mailbox_form_is_used_once(app: FastAPI, client: TestClient, admin: Member) -> None:
    receipt = receipt_on(post(client, form_token(client.get("/nl/report")), {"text": "Hallo."}))
    assert receipt is not None
    page = client.post("/nl/mailbox", data={"receipt": receipt, "action": "read"})
    token = form_token(page)
    fields = {"receipt": receipt, "action": "send", "token": token, "text": "Nog iets."}
    first = client.post("/nl/mailbox", data=fields)
    again = client.post("/nl/mailbox", data=fields)

    assert first.status_code == 200
    assert again.status_code == 403
    assert "Dit formulier is te oud of al verstuurd" in again.text
    assert len(all_rows(app, "messages")) == 1
