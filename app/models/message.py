from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, today

MESSAGE_KINDS = ("reporter", "reply", "notice")


class Message(Base):
    """One entry in a report's thread.

    ``inbox_ciphertext`` is for the team (inbox key), ``reply_ciphertext`` for the reporter (reply
    key). Ordered by ``seq``, since rows a reporter causes carry a date without a time (R3).
    """

    __tablename__ = "messages"
    __table_args__ = (
        CheckConstraint(f"kind IN {MESSAGE_KINDS!r}", name="kind"),
        UniqueConstraint("report_id", "seq", name="report_seq"),
        # No rowid on SQLite: it would order a reporter's follow-ups against every other row and
        # so against the timestamped staff records (R3). The per-thread seq is all that is kept.
        {"sqlite_with_rowid": False},
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    report_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int]
    created_on: Mapped[date] = mapped_column(default=today)
    kind: Mapped[str] = mapped_column(String(16))
    inbox_version: Mapped[int | None] = mapped_column(ForeignKey("inbox_keys.version"))
    inbox_ciphertext: Mapped[bytes | None]
    reply_ciphertext: Mapped[bytes | None]
    author_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("staff_members.id", ondelete="SET NULL")
    )
