"""Scrubbing the order the database engine keeps of rows tied to reports (R3, R9).

PostgreSQL stamps every row with the id of the transaction that wrote it (``xmin``) and appends
new rows at the end of the heap, so the rows of a case can be placed among the timestamped audit
entries (docs/residual-metadata.md). Run nightly, after the day's work, this rewrites every such
row in one transaction (they all get the same ``xmin``) and then rewrites each table in the order
of its random ids (``CLUSTER``), so the day's order is gone from the live rows. SQLite keeps these
tables in random-id order already; ``VACUUM`` rebuilds the file so that overflow pages no longer
lie in the order they were written, and the write-ahead log is emptied.

What this cannot reach: rows written since the last run, the write-ahead log of PostgreSQL and
its archive, and backups (docs/residual-metadata.md says how to limit those).
"""

from __future__ import annotations

from sqlalchemy import text

from app.db import Database

# A table tied to reports, and a column set to itself to give each row a new version.
ROWS_TIED_TO_REPORTS = {
    "reports": "status",
    "messages": "seq",
    "consents": "partner_id",
    "notes": "seq",
    "case_labels": "label",
    # Written by the reporter's erasure: its place in the heap would time that action.
    "erasure_tombstones": "erased_on",
}


def scrub(database: Database) -> None:
    """Remove the engine's order of arrival from every row tied to a report (see above)."""
    if database.dialect == "postgresql":
        _scrub_postgresql(database)
    else:
        _scrub_sqlite(database)


def _scrub_postgresql(database: Database) -> None:
    # Names are this module's own constants, never input.
    with database.engine.begin() as connection:
        for table, column in ROWS_TIED_TO_REPORTS.items():
            connection.execute(text(f'UPDATE "{table}" SET "{column}" = "{column}"'))  # noqa: S608
    with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for table in ROWS_TIED_TO_REPORTS:
            connection.execute(text(f'CLUSTER "{table}" USING "pk_{table}"'))


def _scrub_sqlite(database: Database) -> None:
    raw = database.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
