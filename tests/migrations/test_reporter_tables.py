"""On SQLite, rows a reporter causes keep no insertion order: no rowid, none in a plain read (R3).

With a rowid, ``SELECT * FROM reports`` returns reports in the order they arrived, and the k-th
report of the day can be matched with the timestamped staff records around it. The tables are
``WITHOUT ROWID`` and keyed by random ids, so every readable order is the order of those ids.
"""

from __future__ import annotations

import random
import secrets
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, text
from sqlalchemy.exc import OperationalError

from app.db import create_db_engine
from app.migrate import downgrade, upgrade
from app.models import Consent, InboxKey, Message, Report

ROWS = 40
# Far above chance for 40 rows (the rank correlation of a random order has a spread of about
# 0.16) and far below the 1.0 of insertion order. The seed fixes the ids, so this cannot flake.
MAX_CORRELATION = 0.4
REPORTER_TABLES = ("reports", "messages", "consents")
BEFORE = "0007"  # the revision before the tables lost their rowid


def spearman(order: list[int]) -> float:
    """Rank correlation between the order rows came back in and the order they were written."""
    n = len(order)
    squared = sum((position - written) ** 2 for position, written in enumerate(order))
    return 1 - 6 * squared / (n * (n * n - 1))


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'order.db'}")
    yield engine
    engine.dispose()


def _write_a_day(engine: Engine) -> dict[str, list[object]]:
    """Reports, their consents and follow-ups, one transaction each as requests write them."""
    ids = random.Random(20261207)
    written: dict[str, list[object]] = {"reports": [], "messages": [], "consents": []}
    with engine.begin() as connection:
        connection.execute(insert(InboxKey.__table__), [{"version": 1, "public_key": b"k" * 32}])
    for number in range(ROWS):
        report_id = uuid.UUID(int=ids.getrandbits(128), version=4)
        message_id = uuid.UUID(int=ids.getrandbits(128), version=4)
        with engine.begin() as connection:
            connection.execute(
                insert(Report.__table__),
                [
                    {
                        "id": report_id,
                        "created_on": date(2026, 12, 7),
                        "inbox_version": 1,
                        "ciphertext": secrets.token_bytes(200),
                        "status": "new",
                    }
                ],
            )
            connection.execute(
                insert(Consent.__table__), [{"report_id": report_id, "partner_id": "ggd-soa-poli"}]
            )
            connection.execute(
                insert(Message.__table__),
                [
                    {
                        "id": message_id,
                        "report_id": report_id,
                        "seq": 1,
                        "created_on": date(2026, 12, 7),
                        "kind": "reporter",
                        "inbox_version": 1,
                        "inbox_ciphertext": secrets.token_bytes(100),
                    }
                ],
            )
        written["reports"].append(report_id.hex)
        written["consents"].append(report_id.hex)
        written["messages"].append(message_id.hex)
        assert number == len(written["reports"]) - 1
    return written


# Every way to read the rows without asking for an order: whole rows, the key alone (which SQLite
# may read from an index), and through the indexes on the date and the status.
PLAIN_READS = {
    "reports": [
        "SELECT * FROM reports",
        "SELECT id FROM reports",
        "SELECT id, ciphertext FROM reports WHERE created_on = '2026-12-07'",
        "SELECT id FROM reports WHERE status = 'new'",
    ],
    "messages": [
        "SELECT * FROM messages",
        "SELECT id, report_id FROM messages WHERE kind = 'reporter'",
    ],
    "consents": ["SELECT * FROM consents", "SELECT report_id FROM consents"],
}


def test_reporter_tables_have_no_rowid_and_no_readable_insertion_order(
    sqlite_engine: Engine,
) -> None:
    upgrade(sqlite_engine)
    written = _write_a_day(sqlite_engine)

    with sqlite_engine.connect() as connection:
        for table in REPORTER_TABLES:
            with pytest.raises(OperationalError, match="no such column"):
                connection.execute(text(f"SELECT rowid FROM {table}"))  # noqa: S608 - fixed names
            position = {value: index for index, value in enumerate(written[table])}
            for query in PLAIN_READS[table]:
                rows = connection.execute(text(query)).all()
                order = [position[row[0]] for row in rows]
                assert sorted(order) == list(range(ROWS))
                correlation = spearman(order)
                print(f"{query}: rank correlation with insertion order {correlation:+.2f}")
                assert abs(correlation) < MAX_CORRELATION, query


def _rows(engine: Engine) -> dict[str, set[tuple[object, ...]]]:
    with engine.connect() as connection:
        return {
            table: set(connection.execute(text(f"SELECT * FROM {table}")).all())  # noqa: S608
            for table in REPORTER_TABLES
        }


def _without_rowid(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        schema = connection.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        ).all()
    return {name for name, sql in schema if sql.rstrip().endswith("WITHOUT ROWID")}


def test_the_migration_keeps_every_row_and_its_links_both_ways(sqlite_engine: Engine) -> None:
    upgrade(sqlite_engine, BEFORE)
    _write_a_day(sqlite_engine)
    before = _rows(sqlite_engine)
    assert all(len(rows) == ROWS for rows in before.values())

    # Rebuilding reports must not cascade into the messages and consents that reference it.
    upgrade(sqlite_engine)
    assert _rows(sqlite_engine) == before
    assert set(REPORTER_TABLES) <= _without_rowid(sqlite_engine)
    with sqlite_engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        # Foreign keys are back on for the application after the migration.
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1

    downgrade(sqlite_engine, BEFORE)
    assert _rows(sqlite_engine) == before
    assert not set(REPORTER_TABLES) & _without_rowid(sqlite_engine)
