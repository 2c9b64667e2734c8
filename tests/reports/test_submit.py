"""Submitting a report: what is stored and what the response tells (R1, R3, R4)."""

from __future__ import annotations

import base64
import datetime
import uuid

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import TotpClock
from tests.factories import admin_with_inbox, connect_partners, reporter
from tests.reports.helpers import all_rows, post_report, report_body

# What a row may hold: ciphertext, a date, triage state. Nothing else may appear in the table.
REPORT_COLUMNS = {
    "id",
    "created_on",
    "inbox_version",
    "ciphertext",
    "reporter_copy",
    "reply_public_key",
    "credential_hash",
    "status",
    "assignee_id",
    "acknowledged_on",
    "closed_on",
}


def test_full_report_is_received_with_a_mailbox(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    admin_with_inbox(app, client, totp_clock)
    connect_partners(app, "belle", "ggd-soa-poli")
    body, _receipt = report_body(client, consents=["belle", "ggd-soa-poli"])

    response = post_report(client, body)

    assert response.status_code == 201
    assert response.json() == {"received": True, "mailbox": True, "acknowledge_within_days": 7}


def test_full_report_row_holds_only_ciphertext_a_date_and_mailbox_hashes(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    admin_with_inbox(app, client, totp_clock)
    body, receipt = report_body(client)
    assert receipt is not None
    post_report(client, body).raise_for_status()

    [row] = all_rows(app, "reports")
    assert set(row) == REPORT_COLUMNS
    assert row["id"] == uuid.UUID(body["id"])
    assert row["ciphertext"] == base64.b64decode(body["ciphertext"])
    assert row["reporter_copy"] == base64.b64decode(body["reporter_copy"])
    assert row["reply_public_key"] == base64.b64decode(body["reply_public_key"])
    # A creation date without a time of day (R3).
    assert type(row["created_on"]) is datetime.date
    # The credential is stored only as a keyed hash, never as sent, and the receipt nowhere.
    credential = base64.b64decode(body["mailbox_credential"])
    assert row["credential_hash"] not in (None, credential)
    assert all(receipt.encode() not in value for value in row.values() if isinstance(value, bytes))


def test_plaintext_never_reaches_the_database(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    admin_with_inbox(app, client, totp_clock)
    connect_partners(app, "belle")
    reporter(client).submit({"text": "CANARY-Hij sloeg me bij de garage"}, consents=["belle"])

    for table in ("reports", "consents"):
        for row in all_rows(app, table):
            for value in row.values():
                raw = value if isinstance(value, bytes) else str(value).encode()
                assert b"CANARY" not in raw


def test_consents_are_stored_one_row_per_chosen_partner(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    admin_with_inbox(app, client, totp_clock)
    connect_partners(app, "belle", "politie-avim")
    sent = reporter(client).submit({"text": "x"}, consents=["belle", "politie-avim"])

    rows = all_rows(app, "consents")
    assert sorted((r["report_id"], r["partner_id"]) for r in rows) == [
        (sent.report_id, "belle"),
        (sent.report_id, "politie-avim"),
    ]
    assert all(set(r) == {"report_id", "partner_id"} for r in rows)


def test_one_way_report_is_received_without_a_mailbox(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    admin_with_inbox(app, client, totp_clock)
    body, _ = report_body(client, one_way=True)

    response = post_report(client, body)

    assert response.status_code == 201
    assert response.json() == {"received": True, "mailbox": False, "acknowledge_within_days": 7}


def test_one_way_report_stores_no_reply_key_credential_or_copy(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    admin_with_inbox(app, client, totp_clock)
    sent = reporter(client).submit({"text": "x"}, one_way=True)
    assert sent.receipt is None

    [row] = all_rows(app, "reports")
    assert row["id"] == sent.report_id
    assert row["reply_public_key"] is None
    assert row["credential_hash"] is None
    assert row["reporter_copy"] is None


def test_submit_response_reveals_nothing_about_the_stored_row(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    admin_with_inbox(app, client, totp_clock)
    body, _ = report_body(client)

    response = post_report(client, body)

    assert set(response.json()) == {"received", "mailbox", "acknowledge_within_days"}
    assert body["id"] not in response.text
    assert "Location" not in response.headers
