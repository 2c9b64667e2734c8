"""Writers of one thread queue on an advisory lock that leaves no trace in the report row (R3, R5).

A ``SELECT ... FOR UPDATE`` writes the locking transaction's id into the report row's xmax on
PostgreSQL, where it stays until the row is next vacuumed and frozen: the report row would say
which transaction (a follow-up, a reply, a signal) touched it last.
"""

from __future__ import annotations

import secrets
import threading
import time
import uuid
from datetime import date

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from app.db import Database
from app.models import InboxKey, Message, Report
from app.threads import service as threads

pytestmark = pytest.mark.postgresql_only


def _report(database: Database) -> uuid.UUID:
    report_id = uuid.uuid4()
    with database.sessionmaker() as session:
        session.add(InboxKey(version=1, public_key=secrets.token_bytes(32)))
        session.add(
            Report(
                id=report_id,
                created_on=date(2026, 12, 7),
                inbox_version=1,
                ciphertext=secrets.token_bytes(64),
            )
        )
        session.commit()
    return report_id


def _engine_columns(connection: Connection, table: str, row_id: uuid.UUID) -> tuple[int, int]:
    query = text(f"SELECT xmin::text::bigint, xmax::text::bigint FROM {table} WHERE id = :id")  # noqa: S608 - fixed names
    xmin, xmax = connection.execute(query, {"id": row_id}).one()
    return int(xmin), int(xmax)


def _follow_up(session: Session, report_id: uuid.UUID) -> Message:
    report = threads.lock_report(session, report_id)
    return threads.add_message(
        session,
        report=report,
        message_id=uuid.uuid4(),
        kind="reporter",
        inbox_version=1,
        inbox_ciphertext=secrets.token_bytes(64),
        reply_ciphertext=None,
    )


def test_taking_the_thread_lock_writes_nothing_into_the_report_row(database: Database) -> None:
    report_id = _report(database)
    with database.sessionmaker() as session:
        threads.lock_report(session, report_id)
        # What a signal's transaction does next touches no row tied to the report (R5).
        session.commit()
    with database.engine.connect() as connection:
        assert _engine_columns(connection, "reports", report_id)[1] == 0


def test_a_follow_up_leaves_no_more_in_the_report_row_than_the_message_row_says(
    database: Database,
) -> None:
    report_id = _report(database)
    with database.sessionmaker() as session:
        message_id = _follow_up(session, report_id).id
        session.commit()
    with database.engine.connect() as connection:
        message_xmin, _ = _engine_columns(connection, "messages", message_id)
        _, report_xmax = _engine_columns(connection, "reports", report_id)
    # The message's foreign key makes PostgreSQL take a key-share lock on the report row: its
    # xmax then names the message's own transaction, which the message row's xmin and report_id
    # already tell (docs/residual-metadata.md). Nothing else may leave an id there.
    assert report_xmax in (0, message_xmin)


def _waiting_for_a_lock(database: Database) -> bool:
    with database.engine.connect() as connection:
        query = text(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE NOT l.granted AND a.datname = current_database()"
        )
        return bool(connection.execute(query).scalar())


def test_two_writers_to_one_thread_at_once_get_distinct_numbers(database: Database) -> None:
    report_id = _report(database)
    second: dict[str, object] = {}

    def write_second() -> None:
        try:
            with database.sessionmaker() as session:
                second["seq"] = _follow_up(session, report_id).seq
                session.commit()
        except Exception as error:  # noqa: BLE001 - reported to the test below
            second["error"] = error

    with database.sessionmaker() as first:
        threads.lock_report(first, report_id)
        writer = threading.Thread(target=write_second)
        writer.start()
        # The second writer must queue behind the first; wait until PostgreSQL says it does.
        deadline = time.monotonic() + 20
        while not _waiting_for_a_lock(database):
            assert writer.is_alive() and time.monotonic() < deadline, second
            time.sleep(0.01)
        report = threads.lock_report(first, report_id)
        first_seq = threads.add_message(
            first,
            report=report,
            message_id=uuid.uuid4(),
            kind="reply",
            inbox_version=1,
            inbox_ciphertext=secrets.token_bytes(64),
            reply_ciphertext=secrets.token_bytes(64),
        ).seq
        first.commit()
    writer.join(timeout=20)

    assert "error" not in second
    assert (first_seq, second["seq"]) == (1, 2)
