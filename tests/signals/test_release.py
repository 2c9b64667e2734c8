"""Signals go out in batches at fixed times (R5): the adviser's request only queues them; the
release writes a whole batch in one transaction of its own, in random order; acute danger goes
at once, in a transaction after the request's; what changed in between is checked again."""

from __future__ import annotations

import asyncio
import logging
import random
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event, text, update

from app.db import Database
from app.main import create_app
from app.models import AuditEntry, PartnerKey, QueuedSignal, Signal, SignalDelivery
from app.models.base import today, utcnow
from app.security import rate_limits
from app.settings import Settings
from app.signals import schedule
from tests.conftest import TotpClock, make_settings
from tests.event_loops import run_async
from tests.factories import reporter
from tests.retention.helpers import run_purge, unit_of_work
from tests.signals.helpers import (
    BELLE,
    POLICE,
    Region,
    region,
    release,
    release_queued,
    signal_to,
)
from tests.staff.helpers import count, error_of, headers_of, rows


@pytest.fixture
def place(app: FastAPI, client: TestClient, totp_clock: TotpClock) -> Region:
    return region(app, client, totp_clock, consents=[BELLE, POLICE])


def _more_cases(place: Region, client: TestClient, n: int) -> list[uuid.UUID]:
    sender = reporter(client)
    return [
        sender.submit({"text": f"case {i}"}, consents=[BELLE, POLICE]).report_id for i in range(n)
    ]


def _send(place: Region, case_id: uuid.UUID, *partners: str, **options: Any) -> dict[str, Any]:
    return place.admin.client.send_signal(
        case_id,
        {"text": f"signal about {case_id}"},
        partners=list(partners),
        category="threats",
        period="2026-11",
        **options,
    )


def test_a_partner_sees_a_signal_only_after_its_release(app: FastAPI, place: Region) -> None:
    sent = signal_to(place, BELLE, POLICE)

    assert sent["release"] == "queued"
    assert sent["queued_until"] in {"08:30", "12:30", "16:30"}
    assert place.belle.client.list_signals() == [] and place.police.client.list_signals() == []
    # Nothing a partner could be given exists yet: no signal row, no delivery row.
    assert count(app, Signal) == count(app, SignalDelivery) == 0
    [waiting] = place.admin.client.signals()
    assert waiting["status"] == "queued" and waiting["created_on"] is None
    assert [d["status"] for d in waiting["deliveries"]] == ["queued", "queued"]
    assert waiting["team_copy"]["content"]["text"].startswith("A client in the region")

    assert release(app).released == 1

    assert len(place.belle.client.list_signals()) == len(place.police.client.list_signals()) == 1
    [team] = place.admin.client.signals()
    assert (team["status"], team["created_on"]) == ("sent", today().isoformat())
    assert count(app, QueuedSignal) == 0
    # A second release finds nothing left: each signal goes out once.
    assert release(app).released == 0
    assert count(app, Signal) == 1 and count(app, SignalDelivery) == 2


def test_the_release_waits_for_the_release_time(app: FastAPI, place: Region) -> None:
    signal_to(place, BELLE)

    # The scheduled step at this moment: the signal's release time has not come.
    counts = schedule.release_due(app.state.database, app.state.settings)

    assert counts.released == 0 and count(app, QueuedSignal) == 1
    assert place.belle.client.list_signals() == []


def test_a_batch_is_one_transaction_in_an_order_unrelated_to_submission(
    app: FastAPI, client: TestClient, place: Region
) -> None:
    cases = [place.case_id, *_more_cases(place, client, 9)]
    submitted = [uuid.UUID(_send(place, case_id, BELLE, POLICE)["id"]) for case_id in cases]
    database: Database = app.state.database
    commits: list[object] = []

    def on_commit(connection: object) -> None:
        commits.append(connection)

    event.listen(database.engine, "commit", on_commit)
    try:
        # A fixed seed keeps the test reproducible; the service itself uses SystemRandom.
        counts = release_queued(database, rng=random.Random(20261125))
    finally:
        event.remove(database.engine, "commit", on_commit)

    assert counts.released == len(cases)
    # The batch, then the reporters' mailbox notices in a transaction of their own (R5).
    assert len(commits) == 2
    signal_order = _physical_order(app, "signals", "id")
    assert sorted(signal_order) == sorted(submitted)
    # Ten signals in the order they were sent (and their `case.route` entries were written)
    # would happen by chance once in 3.6 million batches.
    assert signal_order != submitted
    delivery_signals = _physical_order(app, "signal_deliveries", "signal_id")
    assert delivery_signals != sorted(delivery_signals, key=submitted.index)
    if database.dialect == "postgresql":
        assert len(_xmins(app, "signals") | _xmins(app, "signal_deliveries")) == 1


@pytest.mark.postgresql_only
def test_a_signal_never_shares_a_transaction_with_anything_tied_to_its_report(
    app: FastAPI, client: TestClient, place: Region
) -> None:
    # PostgreSQL writes transaction ids into every row (xmin: who wrote it; xmax: who last
    # deleted or locked it); a shared id would pair a delivery with its case (R5).
    admin = place.admin.client
    admin.reply(place.case_id, {"text": "We read your report."})
    admin.update_case(place.case_id, labels=["threats"])
    before = _report_engine_columns(app, place.case_id)

    signal_to(place, BELLE)

    # The consent check locked the report without writing to its row (an advisory lock).
    assert _report_engine_columns(app, place.case_id) == before
    # A second case, routed under an exception, with a notice to the reporter's mailbox.
    other = reporter(client).submit({"text": "another"}, consents=[BELLE]).report_id
    _send(
        place,
        other,
        POLICE,
        exception="legal_duty",
        reason="A court order.",
        notice={"text": "We had to pass on a signal."},
    )
    release(app)

    tied: set[str] = set()
    for table in ("reports", "messages", "case_labels", "consents", "notes"):
        tied |= _xmins(app, table) | _xmaxes(app, table)
    tied |= {
        str(r["xmin"])
        for r in _engine_rows(app, "SELECT xmin FROM audit_entries WHERE action = 'case.route'")
    }
    signal_xmins = _xmins(app, "signals") | _xmins(app, "signal_deliveries")
    assert signal_xmins and not (signal_xmins & tied)


def test_an_override_for_acute_danger_goes_out_at_once_in_its_own_transaction(
    app: FastAPI, client: TestClient, totp_clock: TotpClock
) -> None:
    place = region(app, client, totp_clock, consents=[BELLE])

    sent = signal_to(
        place,
        POLICE,
        exception="acute_danger",
        reason="He is outside her door now.",
        notice={"text": "We called the police because you are in danger now."},
    )

    assert (sent["release"], sent["queued_until"]) == ("sent_now", None)
    assert len(place.police.client.list_signals()) == 1
    assert count(app, QueuedSignal) == 0
    [team] = place.admin.client.signals()
    assert team["status"] == "sent"
    if app.state.database.dialect == "postgresql":
        [route] = _engine_rows(app, "SELECT xmin FROM audit_entries WHERE action = 'case.route'")
        [notice] = _engine_rows(app, "SELECT xmin FROM messages WHERE kind = 'notice'")
        signal_xmins = _xmins(app, "signals") | _xmins(app, "signal_deliveries")
        assert len(signal_xmins) == 1
        assert signal_xmins.isdisjoint({str(route["xmin"]), str(notice["xmin"])})


def test_other_exceptions_wait_for_the_release(
    app: FastAPI, client: TestClient, totp_clock: TotpClock
) -> None:
    place = region(app, client, totp_clock, consents=[BELLE])

    sent = signal_to(
        place,
        POLICE,
        exception="suspected_minor",
        reason="She said she is sixteen.",
        notice={"text": "We passed on a signal because we worry about someone under 18."},
    )

    assert sent["release"] == "queued"
    assert place.police.client.list_signals() == []
    # The reporter is told at once, though: the notice does not wait for the batch.
    assert place.case.receipt is not None
    assert [e.kind for e in place.reporter.read_mailbox(place.case.receipt)[1]] == ["notice"]


def test_a_signal_to_a_partner_deactivated_meanwhile_is_held_and_the_team_is_told(
    app: FastAPI, place: Region
) -> None:
    signal_to(place, BELLE, POLICE)
    place.admin.client.request("PATCH", f"/api/v1/admin/partners/{POLICE}", json={"active": False})

    counts = release(app)

    assert (counts.released, counts.held) == (0, 1)
    assert place.belle.client.list_signals() == []
    [held] = place.admin.client.signals()
    assert (held["status"], held["held"]) == ("held", "partner_inactive")
    assert held["queued_until"] is not None
    # Active again: the next release sends it.
    place.admin.client.request("PATCH", f"/api/v1/admin/partners/{POLICE}", json={"active": True})
    assert release(app).released == 1
    assert len(place.police.client.list_signals()) == 1


def test_a_signal_sealed_to_a_key_retired_meanwhile_is_held_until_withdrawn(
    app: FastAPI, client: TestClient, place: Region
) -> None:
    sent = signal_to(place, BELLE)
    with unit_of_work(app.state.database) as session:
        session.execute(
            update(PartnerKey).where(PartnerKey.partner_id == BELLE).values(retired_at=utcnow())
        )

    assert release(app).held == 1
    [held] = place.admin.client.signals()
    assert held["held"] == "stale_partner_key"
    assert count(app, Signal) == 0

    response = client.delete(f"/api/v1/signals/{sent['id']}", headers=headers_of(place.admin))

    assert response.status_code == 204
    assert place.admin.client.signals() == []
    assert count(app, QueuedSignal) == 0
    [entry] = rows(app, AuditEntry, AuditEntry.action == "signal.withdraw")
    assert entry["signal_ref"] is None and entry["case_sealed"] is None


def test_a_sent_signal_cannot_be_withdrawn(app: FastAPI, client: TestClient, place: Region) -> None:
    sent = signal_to(place, BELLE)
    release(app)

    gone = client.delete(f"/api/v1/signals/{sent['id']}", headers=headers_of(place.admin))
    unknown = client.delete(f"/api/v1/signals/{uuid.uuid4()}", headers=headers_of(place.admin))

    assert error_of(gone) == (409, "already_released")
    assert error_of(unknown) == (404, "signal_not_found")
    assert len(place.belle.client.list_signals()) == 1


def test_held_signals_nobody_withdraws_are_purged_by_retention(app: FastAPI, place: Region) -> None:
    signal_to(place, BELLE)
    with unit_of_work(app.state.database) as session:
        session.execute(
            update(QueuedSignal).values(
                held="partner_inactive", release_at=utcnow() - timedelta(days=400)
            )
        )
    fresh = signal_to(place, BELLE)

    counts = run_purge(app.state.database, today=today())

    assert counts.signals == 1
    assert [r["id"] for r in rows(app, QueuedSignal)] == [uuid.UUID(str(fresh["id"]))]


def test_the_service_releases_overdue_signals_by_itself(
    app: FastAPI, place: Region, settings: Settings
) -> None:
    signal_to(place, BELLE)
    with unit_of_work(app.state.database) as session:
        session.execute(update(QueuedSignal).values(release_at=utcnow() - timedelta(minutes=5)))
    in_service = settings.model_copy(
        update={"signals": settings.signals.model_copy(update={"release_in_service": True})}
    )

    async def run_timer_until_released() -> None:
        task = schedule.start(app.state.database, in_service)
        assert task is not None
        deadline = time.monotonic() + 30
        while count(app, Signal) == 0 and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        await schedule.stop(task)

    run_async(run_timer_until_released)

    assert len(place.belle.client.list_signals()) == 1
    assert schedule.start(app.state.database, settings) is None


def _physical_order(app: FastAPI, table: str, column: str) -> list[uuid.UUID]:
    """The order the rows were written in: SQLite's rowid, PostgreSQL's heap position (ctid)."""
    position = "ctid" if app.state.database.dialect == "postgresql" else "rowid"
    found = _engine_rows(app, f"SELECT {column} AS value FROM {table} ORDER BY {position}")  # noqa: S608
    return [uuid.UUID(str(r["value"])) for r in found]


def _engine_rows(app: FastAPI, sql: str) -> list[dict[str, Any]]:
    with app.state.database.engine.connect() as connection:
        return [dict(r._mapping) for r in connection.execute(text(sql))]


def _xmins(app: FastAPI, table: str) -> set[str]:
    return {str(r["x"]) for r in _engine_rows(app, f"SELECT xmin AS x FROM {table}")}  # noqa: S608


def _xmaxes(app: FastAPI, table: str) -> set[str]:
    found = _engine_rows(app, f"SELECT xmax AS x FROM {table}")  # noqa: S608
    return {str(r["x"]) for r in found} - {"0"}


def _report_engine_columns(app: FastAPI, report_id: uuid.UUID) -> tuple[str, str]:
    with app.state.database.engine.connect() as connection:
        row = connection.execute(
            text("SELECT xmin::text, xmax::text FROM reports WHERE id = :id"), {"id": report_id}
        ).one()
    return (row[0], row[1])


def test_a_failed_release_is_logged_without_data_and_the_service_stays_up(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A database without its tables: every release fails with a database error.
    settings = make_settings(
        f"sqlite:///{tmp_path / 'empty.db'}", None, signals={"release_in_service": True}
    )
    app = create_app(settings)
    caplog.set_level(logging.INFO, logger="vertrouwenspunt.signals")

    def failures() -> list[logging.LogRecord]:
        return [r for r in caplog.records if r.name == "vertrouwenspunt.signals"]

    with TestClient(app) as http:
        deadline = time.monotonic() + 10
        while not failures() and time.monotonic() < deadline:
            time.sleep(0.05)
        status = http.get("/healthz").status_code
    rate_limits.reset()

    assert status == 200
    [record] = failures()
    assert record.getMessage() == "signal release failed: OperationalError"
    assert record.exc_info is None
