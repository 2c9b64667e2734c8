from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class AuditEntry(Base):
    """One link of the hash-chained audit log (R6): who did what to which case, not the reporter."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        CheckConstraint("case_ref IS NULL OR signal_ref IS NULL", name="one_subject"),
    )

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = mapped_column(String(64))
    # A one-way reference to the case, not its id: after the reporter erases a report, nothing in
    # the database names it any more, while "who touched case X" stays answerable (R6, R7).
    case_ref: Mapped[bytes | None] = mapped_column(index=True)
    # The same for a signal. An entry never carries both: that would link a signal to its
    # report (R5).
    signal_ref: Mapped[bytes | None] = mapped_column(index=True)
    detail: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[bytes] = mapped_column(unique=True)
    entry_hash: Mapped[bytes] = mapped_column(unique=True)
