"""erasure tombstones, and the sealed mailbox notice of a queued signal

When a reporter erases their report, the advisers keep a tombstone: a random id, the day of the
erasure and the report's id sealed to the inbox key (so the console can say "erased by the
reporter" where a signal names the case). No received date, labels or status: those would tie
the tombstone to the report in an older backup. Without a rowid on SQLite, like every table a
reporter's action writes (R3).

A queued signal gets ``pending_notice``: which report's mailbox the release must tell about the
consented partners, sealed under a server key and bound to the signal's id (R5). Signals queued
before this revision have none and go out without a notice. The release moves it to
``notices_due``, and a transaction of its own writes the notices from there, so that no
transaction both writes a signal and a row tied to its report.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erasure_tombstones",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("erased_on", sa.Date(), nullable=False),
        sa.Column("inbox_version", sa.Integer(), nullable=False),
        sa.Column("case_ref", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["inbox_version"],
            ["inbox_keys.version"],
            name=op.f("fk_erasure_tombstones_inbox_version_inbox_keys"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure_tombstones")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("queued_signals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pending_notice", sa.LargeBinary(), nullable=True))
    op.create_table(
        "notices_due",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notices_due")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("notices_due")
    with op.batch_alter_table("queued_signals", schema=None) as batch_op:
        batch_op.drop_column("pending_notice")
    op.drop_table("erasure_tombstones")
