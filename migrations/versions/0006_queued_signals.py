"""queued signals: advisers' signals wait for a release at fixed times (R5)

A signal is no longer written as signal and delivery rows in the adviser's request: it waits
here, with no report id and no time of writing, until the release step writes a whole batch in
a transaction of its own. Without a rowid on SQLite, so the rows carry no order of writing.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "queued_signals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("release_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("urgency", sa.String(length=16), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("inbox_version", sa.Integer(), nullable=False),
        sa.Column("team_ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("deliveries", sa.JSON(), nullable=False),
        sa.Column("held", sa.String(length=32), nullable=True),
        sa.CheckConstraint(
            "held IS NULL OR held IN ('partner_inactive', 'stale_partner_key', 'already_received')",
            name=op.f("ck_queued_signals_held"),
        ),
        sa.CheckConstraint(
            "urgency IN ('normal', 'urgent', 'acute')", name=op.f("ck_queued_signals_urgency")
        ),
        sa.ForeignKeyConstraint(
            ["inbox_version"],
            ["inbox_keys.version"],
            name=op.f("fk_queued_signals_inbox_version_inbox_keys"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queued_signals")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("queued_signals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_queued_signals_release_at"), ["release_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("queued_signals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_queued_signals_release_at"))

    op.drop_table("queued_signals")
