from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class Note(Base):
    """The team's internal note on a case, sealed to the inbox key; never shown to the reporter."""

    __tablename__ = "notes"
    __table_args__ = (
        UniqueConstraint("report_id", "seq", name="uq_notes_report_seq"),
        # No time and no rowid: either would pair a note with its `case.note` audit entry (the
        # entry's time, or the k-th note with the k-th such entry), and so tell a database thief
        # which case the sealed entry names (R5).
        {"sqlite_with_rowid": False},
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    report_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("staff_members.id", ondelete="SET NULL")
    )
    # The note's place in its case's list, counted per case.
    seq: Mapped[int]
    inbox_version: Mapped[int] = mapped_column(ForeignKey("inbox_keys.version"))
    ciphertext: Mapped[bytes]
