"""``vertrouwenspunt scrub-order``: the engine's order of arrival leaves the rows of cases (R3)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, text

from app.db import Database
from app.models import Consent, Message, Report
from app.retention import engine_order
from tests.retention.helpers import add_report, unit_of_work

TABLES = ("reports", "messages", "consents")


def _add_cases(database: Database, count: int) -> list[str]:
    ids = []
    for _ in range(count):
        # One transaction each, as reports arrive: each gets its own transaction id.
        with unit_of_work(database) as session:
            ids.append(
                str(
                    add_report(
                        session,
                        created_on=date.today(),
                        consents=["belle"],
                        message_days=[date.today()],
                    )
                )
            )
    return ids


def _counts(database: Database) -> tuple[int, int, int]:
    with unit_of_work(database) as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Report, Message, Consent)
        )


@pytest.mark.postgresql_only
def test_after_the_scrub_rows_share_one_transaction_and_lie_in_random_id_order(
    database: Database,
) -> None:
    arrived = _add_cases(database, 12)
    with database.engine.connect() as connection:
        before = connection.execute(text("SELECT count(DISTINCT xmin::text) FROM reports")).scalar()
    assert before == 12

    engine_order.scrub(database)

    with database.engine.connect() as connection:
        for table in TABLES:
            stamps = connection.execute(text(f"SELECT DISTINCT xmin::text FROM {table}")).all()  # noqa: S608
            assert len(stamps) == 1, table
        in_heap = [
            str(row[0]) for row in connection.execute(text("SELECT id FROM reports ORDER BY ctid"))
        ]
    assert in_heap == sorted(in_heap) and in_heap != arrived
    assert _counts(database) == (12, 12, 12)


def test_the_scrub_keeps_every_row(database: Database) -> None:
    _add_cases(database, 5)
    engine_order.scrub(database)
    assert _counts(database) == (5, 5, 5)
