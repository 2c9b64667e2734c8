"""Retention (R7): expired cases really go, inactive mailboxes close, old signals go."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.audit import service as audit
from app.db import Database
from app.models import (
    AuditEntry,
    Message,
    Report,
    Signal,
    SignalDelivery,
    SignalFeedback,
    StaffSession,
)
from app.models.base import today
from app.settings import SessionSettings
from client.staff import OneWayReportError
from tests.cases.helpers import days_ago
from tests.factories import Member, connect_partners, reporter
from tests.reports.helpers import credential_header, error_code
from tests.retention.helpers import add_report, add_signal, run_purge, traces, unit_of_work
from tests.staff.helpers import one, refused, rows, set_values


def _closed_case_through_the_api(client: TestClient, app: FastAPI, admin: Member) -> uuid.UUID:
    """A case with a row in every table a case touches, made and closed as the team would."""
    connect_partners(app, "belle")
    sender = reporter(client)
    sent = sender.submit({"text": "Hij dreigt me."}, consents=["belle"])
    assert sent.receipt is not None
    admin.client.update_case(sent.report_id, labels=["threats", "stalking_harassment"])
    admin.client.add_note(sent.report_id, {"text": "Bellen na 18:00."})
    admin.client.reply(sent.report_id, {"text": "We lezen mee."})
    sender.follow_up(sent.receipt, {"text": "Dank je."})
    admin.client.update_case(sent.report_id, status="closed")
    return sent.report_id


def test_expired_closed_case_leaves_no_trace_in_any_table(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    case_id = _closed_case_through_the_api(client, app, admin)
    set_values(app, Report, Report.id == case_id, closed_on=days_ago(366))
    database: Database = app.state.database
    message_ids = [m["id"] for m in rows(app, Message, Message.report_id == case_id)]
    assert len(message_ids) == 2
    # The scan must see the case where it is, or its silence after the purge would prove nothing.
    assert {t.split(".")[0] for t in traces(database, case_id)} >= {
        "reports",
        "messages",
        "notes",
        "case_labels",
        "consents",
    }

    counts = run_purge(database, today=today())

    assert counts.closed_cases == 1
    assert traces(database, case_id) == []
    for message_id in message_ids:
        assert traces(database, message_id) == []
    assert refused(admin.client.read_case, case_id) == (404, "case_not_found")


def test_case_closed_within_the_period_and_open_cases_are_untouched(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    database: Database = app.state.database
    with unit_of_work(database) as session:
        expired = add_report(
            session, created_on=days_ago(800), status="closed", closed_on=days_ago(366)
        )
        # Closed exactly 365 days ago: not yet older than the period.
        recent = add_report(
            session,
            created_on=days_ago(800),
            status="closed",
            closed_on=days_ago(365),
            mailbox=False,
            labels=["threats"],
        )
        open_ = add_report(
            session,
            created_on=days_ago(1000),
            status="in_progress",
            message_days=[days_ago(3)],
            labels=["threats"],
            consents=["belle"],
        )
    before = {case: traces(database, case) for case in (recent, open_)}
    row_before = {case: one(app, Report, Report.id == case) for case in (recent, open_)}

    counts = run_purge(database, today=today())

    assert counts.closed_cases == 1
    assert traces(database, expired) == []
    for case in (recent, open_):
        assert traces(database, case) == before[case]
        assert one(app, Report, Report.id == case) == row_before[case]
    listed = {item["id"] for item in admin.client.list_cases()["items"]}
    assert listed == {str(recent), str(open_)}


def test_inactive_mailbox_is_closed_but_the_case_stays(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    sender = reporter(client)
    sent = sender.submit({"text": "Niet betaald."})
    assert sent.receipt is not None
    admin.client.reply(sent.report_id, {"text": "We helpen je."})
    sender.read_mailbox(sent.receipt)
    set_values(app, Report, Report.id == sent.report_id, created_on=days_ago(181))
    set_values(app, Message, Message.report_id == sent.report_id, created_on=days_ago(181))

    counts = run_purge(app.state.database, today=today())

    assert counts.mailboxes_closed == 1 and counts.closed_cases == 0
    response = client.get("/api/v1/mailbox", headers=credential_header(sent.receipt))
    assert (response.status_code, error_code(response)) == (401, "unknown_receipt")
    report = one(app, Report, Report.id == sent.report_id)
    assert report["credential_hash"] is None and report["reply_public_key"] is None
    assert report["reporter_copy"] is None
    [message] = rows(app, Message, Message.report_id == sent.report_id)
    assert message["reply_ciphertext"] is None and message["inbox_ciphertext"] is not None
    # The team still reads the whole case, and no longer offers to answer it.
    case = admin.client.read_case(sent.report_id)
    assert case.report == {"text": "Niet betaald."}
    assert case.summary["one_way"] is True
    with pytest.raises(OneWayReportError):
        admin.client.reply(sent.report_id, {"text": "Nog iets?"})


def test_mailbox_with_recent_activity_stays_open(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    sender = reporter(client)
    old_but_active = sender.submit({"text": "Eerste bericht."})
    quiet_for_exactly_the_period = sender.submit({"text": "Ander bericht."})
    assert old_but_active.receipt and quiet_for_exactly_the_period.receipt
    sender.follow_up(old_but_active.receipt, {"text": "Nog iets."})
    set_values(app, Report, Report.id == old_but_active.report_id, created_on=days_ago(400))
    set_values(
        app,
        Report,
        Report.id == quiet_for_exactly_the_period.report_id,
        created_on=days_ago(180),
    )

    counts = run_purge(app.state.database, today=today())

    assert counts.mailboxes_closed == 0
    sender.read_mailbox(old_but_active.receipt)
    sender.read_mailbox(quiet_for_exactly_the_period.receipt)


def test_signals_go_after_their_periods(app: FastAPI) -> None:
    database: Database = app.state.database
    with unit_of_work(database) as session:
        acknowledged_long_ago = add_signal(
            session, created_on=days_ago(400), deliveries=[("belle", days_ago(181))]
        )
        acknowledged_recently = add_signal(
            session, created_on=days_ago(400), deliveries=[("belle", days_ago(180))]
        )
        never_acknowledged_old = add_signal(
            session, created_on=days_ago(366), deliveries=[("politie-avim", None)]
        )
        never_acknowledged_young = add_signal(
            session, created_on=days_ago(365), deliveries=[("politie-avim", None)]
        )
        mixed = add_signal(
            session,
            created_on=days_ago(300),
            deliveries=[("belle", days_ago(200)), ("politie-avim", None)],
        )

    counts = run_purge(database, today=today())

    assert (counts.signal_deliveries, counts.signals) == (3, 2)
    remaining = {row["id"] for row in rows(app, Signal)}
    assert remaining == {acknowledged_recently, never_acknowledged_young, mixed}
    assert traces(database, acknowledged_long_ago) == []
    assert traces(database, never_acknowledged_old) == []
    [left] = rows(app, SignalDelivery, SignalDelivery.signal_id == mixed)
    assert left["partner_id"] == "politie-avim"
    # Feedback went with its delivery: one row per delivery is left.
    assert len(rows(app, SignalFeedback)) == 3


def test_purge_is_audited_once_and_the_chain_holds(app: FastAPI, admin: Member) -> None:
    database: Database = app.state.database
    with unit_of_work(database) as session:
        add_report(session, created_on=days_ago(800), status="closed", closed_on=days_ago(400))
        add_signal(session, created_on=days_ago(400), deliveries=[("belle", None)])

    run_purge(database, today=today())

    [entry] = rows(app, AuditEntry, AuditEntry.action == "retention.purge")
    assert entry["actor_kind"] == "system" and entry["actor_id"] is None
    assert json.loads(entry["detail"]) == {
        "closed_cases": 1,
        "mailboxes_closed": 0,
        "signal_deliveries": 1,
        "signals": 1,
        "erasure_tombstones": 0,
        "staff_sessions": 0,
    }
    with unit_of_work(database) as session:
        assert audit.verify(session) == []


def test_purge_with_nothing_to_do_writes_no_audit_entry(app: FastAPI) -> None:
    with unit_of_work(app.state.database) as session:
        add_report(session, created_on=days_ago(10), status="closed", closed_on=days_ago(5))

    counts = run_purge(app.state.database, today=today())

    assert counts.case_data == 0
    assert rows(app, AuditEntry, AuditEntry.action == "retention.purge") == []


def test_expired_staff_sessions_are_deleted_and_live_ones_kept(app: FastAPI, admin: Member) -> None:
    settings = SessionSettings()
    stale = datetime.now(UTC) - timedelta(hours=settings.absolute_hours, minutes=1)
    with unit_of_work(app.state.database) as session:
        session.add(
            StaffSession(
                token_hash=b"\x01" * 32, member_id=admin.id, created_at=stale, last_seen_at=stale
            )
        )

    counts = run_purge(app.state.database, today=today(), sessions=settings)

    assert counts.staff_sessions == 1
    left = {r["token_hash"] for r in rows(app, StaffSession)}
    assert len(left) == 1 and b"\x01" * 32 not in left
    admin.client.list_cases()  # the admin's own session still works


def test_purge_of_a_closed_mailbox_case_keeps_it_closed(app: FastAPI) -> None:
    """A case whose mailbox was closed earlier is later deleted like any other closed case."""
    database: Database = app.state.database
    with unit_of_work(database) as session:
        case = add_report(
            session,
            created_on=days_ago(900),
            status="closed",
            closed_on=days_ago(300),
            message_days=[days_ago(890)],
        )
    first = run_purge(database, today=today())
    assert (first.closed_cases, first.mailboxes_closed) == (0, 1)
    assert one(app, Report, Report.id == case)["credential_hash"] is None

    later = run_purge(database, today=today() + timedelta(days=70))

    assert later.closed_cases == 1
    with database.engine.connect() as connection:
        assert connection.execute(select(Report.id)).all() == []
