"""on SQLite, the tables a reporter writes keep no rowid

A rowid numbers a table's rows in the order they were written, and a plain SELECT returns them in
that order: the k-th report row was the k-th report of the day, to be matched with the times of
staff records around it (R3). Without a rowid SQLite stores the rows in the order of their primary
key, which for reports, messages and consents is random (uuid4 ids chosen by the client). The
rebuild keeps every row; PostgreSQL has no rowid and is left as it is (its own residuals are in
docs/residual-metadata.md).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Parents first: app.migrate turns SQLite's foreign keys off around the rebuilds, so dropping the
# old reports table does not cascade into its messages and consents.
TABLES = ("reports", "messages", "consents")


def _rebuild(table: str, *, rowid: bool) -> None:
    with op.batch_alter_table(
        table,
        recreate="always",
        # Explicit both ways: the copy would otherwise inherit the reflected option.
        table_kwargs={"sqlite_with_rowid": rowid},
    ):
        pass


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        _rebuild(table, rowid=False)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        _rebuild(table, rowid=True)
