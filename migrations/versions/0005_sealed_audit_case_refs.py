"""audit entries about a case carry it sealed to the inbox key; reports lose their audit pepper

New entries about a case store ``{case, detail}`` sealed to the current inbox key (R5) in
``case_sealed``, with the key version. Entries written before keep their ``case_ref`` so the
chain still verifies, but the pepper it was salted with is dropped from ``reports``: from now on
nothing in the database can tell which report such an entry was about. Their plaintext detail
cannot be sealed afterwards without breaking the chain (docs/decisions.md names this residual).

Notes lose their time of writing (a per-case number orders them instead), and on SQLite notes and
case labels lose their rowid: the time, or the k-th row matched with the k-th `case.note` or
`case.update` entry, would name the case that the sealed entry hides.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        # Nothing looks entries up by case any more: the server cannot know which case they name.
        batch_op.drop_index(batch_op.f("ix_audit_entries_case_ref"))
        batch_op.drop_constraint(op.f("ck_audit_entries_one_subject"), type_="check")
        batch_op.add_column(sa.Column("case_sealed", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("case_inbox_version", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            "one_subject", "(case_ref IS NULL AND case_sealed IS NULL) OR signal_ref IS NULL"
        )
        batch_op.create_check_constraint(
            "sealed_key", "(case_sealed IS NULL) = (case_inbox_version IS NULL)"
        )
    # A plain DROP COLUMN (SQLite 3.35 and later have it), not a batch copy of the table, so that
    # whatever storage options the reports table has are kept.
    op.drop_column("reports", "audit_pepper")
    _notes_without_time()
    with _rebuilt("case_labels", rowid=False):
        pass


def _rebuilt(table: str, *, rowid: bool) -> Any:
    """A batch that copies the table on SQLite, with or without a rowid; in place elsewhere."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    return op.batch_alter_table(
        table,
        recreate="always" if sqlite else "auto",
        # Explicit both ways: the copy would otherwise inherit the reflected option.
        table_kwargs={"sqlite_with_rowid": rowid},
    )


def _notes_without_time() -> None:
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
    notes = sa.table(
        "notes",
        sa.column("id", sa.Uuid()),
        sa.column("report_id", sa.Uuid()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("seq", sa.Integer()),
    )
    connection = op.get_bind()
    counters: dict[object, int] = {}
    ordered = sa.select(notes.c.id, notes.c.report_id).order_by(notes.c.created_at, notes.c.id)
    for note_id, report_id in connection.execute(ordered).all():
        counters[report_id] = counters.get(report_id, 0) + 1
        connection.execute(
            notes.update().where(notes.c.id == note_id).values(seq=counters[report_id])
        )
    with _rebuilt("notes", rowid=False) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("created_at")
        batch_op.create_unique_constraint(batch_op.f("uq_notes_report_seq"), ["report_id", "seq"])


def downgrade() -> None:
    connection = op.get_bind()
    sealed = connection.scalar(
        sa.text("SELECT count(*) FROM audit_entries WHERE case_sealed IS NOT NULL")
    )
    if sealed:
        # Dropping the sealed bytes would break the hash chain at every such entry: the audit
        # log's tamper evidence is worth more than a downgrade.
        raise RuntimeError(
            f"{sealed} audit entries carry a sealed case reference; downgrading would break "
            "the audit chain, so it is refused"
        )
    with _rebuilt("case_labels", rowid=True):
        pass
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("created_at", sa.DateTime(timezone=True), nullable=True))
    # The time of writing is gone for good; the order survives as seconds after a fixed moment.
    notes = sa.table(
        "notes",
        sa.column("seq", sa.Integer()),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    for (seq,) in connection.execute(sa.select(notes.c.seq).distinct()).all():
        connection.execute(
            notes.update()
            .where(notes.c.seq == seq)
            .values(created_at=datetime(2000, 1, 1, tzinfo=UTC) + timedelta(seconds=seq))
        )
    with _rebuilt("notes", rowid=True) as batch_op:
        batch_op.alter_column(
            "created_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )
        batch_op.drop_constraint(batch_op.f("uq_notes_report_seq"), type_="unique")
        batch_op.drop_column("seq")

    op.add_column("reports", sa.Column("audit_pepper", sa.LargeBinary(), nullable=True))
    reports = sa.table(
        "reports", sa.column("id", sa.Uuid()), sa.column("audit_pepper", sa.LargeBinary())
    )
    for (report_id,) in connection.execute(sa.select(reports.c.id)).all():
        connection.execute(
            reports.update()
            .where(reports.c.id == report_id)
            .values(audit_pepper=secrets.token_bytes(16))
        )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.alter_column("audit_pepper", existing_type=sa.LargeBinary(), nullable=False)

    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_audit_entries_sealed_key"), type_="check")
        batch_op.drop_constraint(op.f("ck_audit_entries_one_subject"), type_="check")
        batch_op.drop_column("case_inbox_version")
        batch_op.drop_column("case_sealed")
        batch_op.create_check_constraint("one_subject", "case_ref IS NULL OR signal_ref IS NULL")
        batch_op.create_index(batch_op.f("ix_audit_entries_case_ref"), ["case_ref"], unique=False)
