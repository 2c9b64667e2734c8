"""Two submissions racing for the same id: the database decides, the loser gets a clear 409."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.conftest import TotpClock
from tests.factories import admin_with_inbox
from tests.reports.helpers import b64, error_code, post_report, report_body, row_counts


def test_a_duplicate_that_slips_past_the_check_gets_409_and_writes_nothing(
    client: TestClient, app: FastAPI, totp_clock: TotpClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin_with_inbox(app, client, totp_clock)
    body: dict[str, Any] = report_body(client)[0]
    assert post_report(client, body).status_code == 201
    # In a real race both requests pass the service's existence check before either commits;
    # here the check is made to miss so that the unique constraint must catch the second one.
    real_get = Session.get
    monkeypatch.setattr(
        Session,
        "get",
        lambda self, entity, ident, **kw: (
            None
            if getattr(entity, "__name__", "") == "Report"
            else real_get(self, entity, ident, **kw)
        ),
    )
    again = dict(body, mailbox_credential=b64(secrets.token_bytes(32)))

    response = post_report(client, again)

    assert response.status_code == 409
    assert error_code(response) == "conflict"
    assert row_counts(app)["reports"] == 1
