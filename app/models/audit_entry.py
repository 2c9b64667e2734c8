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
        CheckConstraint(
            "(case_ref IS NULL AND case_sealed IS NULL) OR signal_ref IS NULL", name="one_subject"
        ),
        CheckConstraint("(case_sealed IS NULL) = (case_inbox_version IS NULL)", name="sealed_key"),
    )

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = mapped_column(String(64))
    # Entries written before the case was sealed: a salted hash of the case id. Its salt was
    # dropped with reports.audit_pepper, so these name no report any more; they stay only so
    # that the chain still verifies.
    case_ref: Mapped[bytes | None]
    # The case an entry is about, with its detail, sealed to the inbox key version
    # ``case_inbox_version`` (R5): only the advisers can tell which case it was, and two entries
    # about one case share no value a server thief could match.
    case_sealed: Mapped[bytes | None]
    case_inbox_version: Mapped[int | None]
    # A salted hash of a signal's id. An entry never names a case and a signal both: that
    # would link a signal to its report (R5).
    signal_ref: Mapped[bytes | None] = mapped_column(index=True)
    detail: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[bytes] = mapped_column(unique=True)
    entry_hash: Mapped[bytes] = mapped_column(unique=True)
