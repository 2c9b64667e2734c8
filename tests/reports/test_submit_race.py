"""Two submissions racing for the same id: the database decides, the loser gets a clear 409."""

from __future__ import annotations

import secrets
import threading
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import TotpClock
from tests.factories import admin_with_inbox
from tests.reports.helpers import b64, error_code, post_report, report_body, row_counts


def test_the_same_report_sent_twice_at_once_is_stored_once(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    admin_with_inbox(app, client, totp_clock)
    body: dict[str, Any] = report_body(client)[0]
    # A second credential, so that only the report id collides, and a second proof of work.
    again = dict(report_body(client)[0], id=body["id"])
    again["mailbox_credential"] = b64(secrets.token_bytes(32))
    start = threading.Barrier(2)
    responses: list[Any] = []

    def send(payload: dict[str, Any]) -> None:
        start.wait()
        responses.append(post_report(client, payload))

    threads = [threading.Thread(target=send, args=(p,)) for p in (body, again)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(r.status_code for r in responses) == [201, 409]
    loser = next(r for r in responses if r.status_code == 409)
    assert error_code(loser) == "already_received"
    assert row_counts(app)["reports"] == 1
