"""After an erasure the advisers keep a tombstone: a report existed, and was erased that day."""

from __future__ import annotations

import base64
import uuid
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.models.base import today
from client import protocol
from client.errors import ApiError
from crypto import open_sealed
from tests.factories import Member, connect_partners, reporter
from tests.reports.helpers import REPORT_TABLES, row_counts
from tests.retention.helpers import run_purge


def _tombstone_rows(app: FastAPI) -> list[dict[str, object]]:
    with app.state.database.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM erasure_tombstones"))
        return [dict(row._mapping) for row in rows]


def _erased(client: TestClient, admin: Member) -> uuid.UUID:
    connect_partners(client.app, "belle")  # type: ignore[arg-type]
    sender = reporter(client)
    sent = sender.submit({"what": ["threats"], "text": "Hij dreigt me."}, consents=["belle"])
    assert sent.receipt is not None
    admin.client.update_case(sent.report_id, labels=["threats"], status="in_progress")
    admin.client.reply(sent.report_id, {"text": "We lezen mee."})
    sender.erase(sent.receipt)
    return sent.report_id


def test_erasure_leaves_a_tombstone_with_only_the_day(
    app: FastAPI, client: TestClient, admin: Member
) -> None:
    report_id = _erased(client, admin)

    assert row_counts(app) == dict.fromkeys(REPORT_TABLES, 0)
    [row] = _tombstone_rows(app)
    # No received date, labels, status or assignee: only a random id, the day and a sealed ref.
    assert set(row) == {"id", "erased_on", "inbox_version", "case_ref"}
    assert str(row["erased_on"]) == today().isoformat()
    assert uuid.UUID(str(row["id"])) != report_id
    for form in (report_id.bytes, str(report_id).encode(), report_id.hex.encode()):
        assert form not in bytes(row["case_ref"])  # type: ignore[arg-type]


def test_the_advisers_list_tombstones_and_open_the_case_ref(
    app: FastAPI, client: TestClient, admin: Member
) -> None:
    report_id = _erased(client, admin)

    [item] = admin.client.request("GET", "/api/v1/cases/erased").json()

    assert set(item) == {"id", "erased_on", "inbox_version", "case_ref"}
    assert item["erased_on"] == today().isoformat()
    version = item["inbox_version"]
    opened = open_sealed(
        admin.client.inbox_keys[version],
        base64.b64decode(item["case_ref"]),
        info=protocol.erasure(uuid.UUID(item["id"]), version),
    )
    assert opened == str(report_id).encode()
    assert report_id not in {c["id"] for c in admin.client.list_cases()["items"]}


def test_the_tombstone_list_is_for_advisers_only_and_audited(
    app: FastAPI, client: TestClient, admin: Member
) -> None:
    _erased(client, admin)
    assert client.get("/api/v1/cases/erased").status_code == 401

    admin.client.request("GET", "/api/v1/cases/erased")

    with app.state.database.engine.connect() as connection:
        actions = list(connection.execute(text("SELECT action FROM audit_entries")).scalars())
    assert "case.list_erased" in actions


def test_an_erased_case_is_gone_for_the_adviser(client: TestClient, admin: Member) -> None:
    report_id = _erased(client, admin)
    with pytest.raises(ApiError) as gone:
        admin.client.read_case(report_id)
    assert (gone.value.status, gone.value.code) == (404, "case_not_found")


def test_a_tombstone_goes_with_the_closed_case_retention_period(
    app: FastAPI, client: TestClient, admin: Member
) -> None:
    _erased(client, admin)
    period = app.state.settings.retention.closed_case_days

    kept = run_purge(app.state.database, today=today() + timedelta(days=period))
    assert kept.erasure_tombstones == 0 and len(_tombstone_rows(app)) == 1

    gone = run_purge(app.state.database, today=today() + timedelta(days=period + 1))
    assert gone.erasure_tombstones == 1 and _tombstone_rows(app) == []
