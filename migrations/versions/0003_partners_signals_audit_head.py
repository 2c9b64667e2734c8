"""partner keys, tokens and users; signals; audit references and head

Existing reports get a random audit pepper each. Audit entries written before this revision keep
the unpeppered case reference they were hashed with, so the chain still verifies; only new entries
use the pepper.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("entry_hash", sa.LargeBinary(), nullable=False),
        sa.Column("mac", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("partner_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_on", sa.Date(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_api_tokens_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_tokens_partner_id"), ["partner_id"], unique=False)

    op.create_table(
        "partner_enrolments",
        sa.Column("token_hash", sa.LargeBinary(), nullable=False),
        sa.Column("partner_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_partner_enrolments_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_partner_enrolments")),
    )
    with op.batch_alter_table("partner_enrolments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_partner_enrolments_partner_id"), ["partner_id"], unique=False
        )

    op.create_table(
        "partner_keys",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("partner_id", sa.String(length=64), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_partner_keys_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_keys")),
        sa.UniqueConstraint("key_id", name=op.f("uq_partner_keys_key_id")),
        sa.UniqueConstraint("public_key", name=op.f("uq_partner_keys_public_key")),
    )
    with op.batch_alter_table("partner_keys", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_partner_keys_partner_id"), ["partner_id"], unique=False
        )

    op.create_table(
        "signals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("urgency", sa.String(length=16), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("inbox_version", sa.Integer(), nullable=False),
        sa.Column("team_ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("ref_pepper", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint(
            "urgency IN ('normal', 'urgent', 'acute')", name=op.f("ck_signals_urgency")
        ),
        sa.ForeignKeyConstraint(
            ["inbox_version"],
            ["inbox_keys.version"],
            name=op.f("fk_signals_inbox_version_inbox_keys"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signals")),
    )
    with op.batch_alter_table("signals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signals_created_on"), ["created_on"], unique=False)

    op.create_table(
        "signal_deliveries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("signal_id", sa.Uuid(), nullable=False),
        sa.Column("partner_id", sa.String(length=64), nullable=False),
        sa.Column("partner_key_id", sa.Uuid(), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("acknowledged_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "status IN ('new', 'acknowledged')", name=op.f("ck_signal_deliveries_status")
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_signal_deliveries_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_key_id"],
            ["partner_keys.id"],
            name=op.f("fk_signal_deliveries_partner_key_id_partner_keys"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["signal_id"],
            ["signals.id"],
            name=op.f("fk_signal_deliveries_signal_id_signals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signal_deliveries")),
        sa.UniqueConstraint("signal_id", "partner_id", name="signal_partner"),
    )
    with op.batch_alter_table("signal_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_signal_deliveries_partner_id"), ["partner_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_signal_deliveries_signal_id"), ["signal_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_signal_deliveries_status"), ["status"], unique=False)

    op.create_table(
        "signal_feedback",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("delivery_id", sa.Uuid(), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("author_kind", sa.String(length=16), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=True),
        sa.Column("inbox_version", sa.Integer(), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint(
            "author_kind IN ('partner', 'token')", name=op.f("ck_signal_feedback_author_kind")
        ),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["signal_deliveries.id"],
            name=op.f("fk_signal_feedback_delivery_id_signal_deliveries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["inbox_version"],
            ["inbox_keys.version"],
            name=op.f("fk_signal_feedback_inbox_version_inbox_keys"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signal_feedback")),
    )
    with op.batch_alter_table("signal_feedback", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_signal_feedback_delivery_id"), ["delivery_id"], unique=False
        )

    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signal_ref", sa.LargeBinary(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_audit_entries_signal_ref"), ["signal_ref"], unique=False
        )
        batch_op.create_check_constraint("one_subject", "case_ref IS NULL OR signal_ref IS NULL")

    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("audit_pepper", sa.LargeBinary(), nullable=True))
    reports = sa.table(
        "reports", sa.column("id", sa.Uuid()), sa.column("audit_pepper", sa.LargeBinary())
    )
    connection = op.get_bind()
    for (report_id,) in connection.execute(sa.select(reports.c.id)).all():
        connection.execute(
            reports.update()
            .where(reports.c.id == report_id)
            .values(audit_pepper=secrets.token_bytes(16))
        )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.alter_column("audit_pepper", existing_type=sa.LargeBinary(), nullable=False)

    with op.batch_alter_table("staff_members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("partner_id", sa.String(length=64), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_staff_members_partner_id"), ["partner_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_staff_members_partner_id_partners"),
            "partners",
            ["partner_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.drop_constraint(op.f("ck_staff_members_has_role"), type_="check")
        batch_op.create_check_constraint("has_role", "is_admin OR is_vp OR partner_id IS NOT NULL")
        batch_op.create_check_constraint(
            "partner_user_only", "partner_id IS NULL OR (NOT is_admin AND NOT is_vp)"
        )


def downgrade() -> None:
    # Partner users cannot exist without the column that binds them to their partner.
    op.execute("DELETE FROM staff_members WHERE partner_id IS NOT NULL")
    with op.batch_alter_table("staff_members", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_staff_members_partner_user_only"), type_="check")
        batch_op.drop_constraint(op.f("ck_staff_members_has_role"), type_="check")
        batch_op.create_check_constraint("has_role", "is_admin OR is_vp")
        batch_op.drop_constraint(
            batch_op.f("fk_staff_members_partner_id_partners"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_staff_members_partner_id"))
        batch_op.drop_column("partner_id")

    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_column("audit_pepper")

    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_audit_entries_one_subject"), type_="check")
        batch_op.drop_index(batch_op.f("ix_audit_entries_signal_ref"))
        batch_op.drop_column("signal_ref")

    with op.batch_alter_table("signal_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signal_feedback_delivery_id"))

    op.drop_table("signal_feedback")
    with op.batch_alter_table("signal_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signal_deliveries_status"))
        batch_op.drop_index(batch_op.f("ix_signal_deliveries_signal_id"))
        batch_op.drop_index(batch_op.f("ix_signal_deliveries_partner_id"))

    op.drop_table("signal_deliveries")
    with op.batch_alter_table("signals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signals_created_on"))

    op.drop_table("signals")
    with op.batch_alter_table("partner_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partner_keys_partner_id"))

    op.drop_table("partner_keys")
    with op.batch_alter_table("partner_enrolments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partner_enrolments_partner_id"))

    op.drop_table("partner_enrolments")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_tokens_partner_id"))

    op.drop_table("api_tokens")
    op.drop_table("audit_head")
