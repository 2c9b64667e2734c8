from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, today

CASE_STATUSES = ("new", "in_progress", "waiting", "closed")


class Report(Base):
    """A report and the case it opens.

    Only ciphertext, a creation date and triage metadata: no address, no time of day, no receipt
    (R1, R3). A one-way report has neither reply key nor credential hash.
    """

    __tablename__ = "reports"
    __table_args__ = (
        CheckConstraint(f"status IN {CASE_STATUSES!r}", name="status"),
        CheckConstraint(
            "(reply_public_key IS NULL) = (credential_hash IS NULL)", name="mailbox_complete"
        ),
        # No rowid on SQLite: it would number reports in the order they arrived (R3). Rows are
        # stored in the order of their random ids instead.
        {"sqlite_with_rowid": False},
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    created_on: Mapped[date] = mapped_column(default=today, index=True)
    inbox_version: Mapped[int] = mapped_column(ForeignKey("inbox_keys.version"))
    ciphertext: Mapped[bytes]
    # The reporter's own copy, sealed to their reply key, so they can reread what they sent.
    reporter_copy: Mapped[bytes | None]
    reply_public_key: Mapped[bytes | None]
    credential_hash: Mapped[bytes | None] = mapped_column(unique=True)
    status: Mapped[str] = mapped_column(String(16), default="new", index=True)
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("staff_members.id", ondelete="SET NULL"), index=True
    )
    acknowledged_on: Mapped[date | None]
    closed_on: Mapped[date | None]
