"""staff security keys (WebAuthn) as an alternative second factor

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_security_keys",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("credential_id", sa.LargeBinary(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("sign_count", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("last_used_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["staff_members.id"],
            name=op.f("fk_staff_security_keys_member_id_staff_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_security_keys")),
        sa.UniqueConstraint("credential_id", name=op.f("uq_staff_security_keys_credential_id")),
    )
    with op.batch_alter_table("staff_security_keys", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_staff_security_keys_member_id"), ["member_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("staff_security_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_security_keys_member_id"))

    op.drop_table("staff_security_keys")
