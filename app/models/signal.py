from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, today

URGENCIES = ("normal", "urgent", "acute")


class Signal(Base):
    """A depersonalised signal a VP wrote for one or more chain partners.

    Nothing here names the report it came from (R5): the consent check happens when it is made,
    and the link survives only inside ``team_ciphertext``, sealed to the inbox key.
    """

    __tablename__ = "signals"
    __table_args__ = (CheckConstraint(f"urgency IN {URGENCIES!r}", name="urgency"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    created_on: Mapped[date] = mapped_column(default=today, index=True)
    # Routing metadata that identifies no one: a category id from TAXONOMY.md, an urgency, and
    # a coarse period ("2026-11", "2026-W47" or "2026-Q4") instead of a date and time.
    category: Mapped[str] = mapped_column(String(64))
    urgency: Mapped[str] = mapped_column(String(16))
    period: Mapped[str] = mapped_column(String(8))
    inbox_version: Mapped[int] = mapped_column(ForeignKey("inbox_keys.version"))
    team_ciphertext: Mapped[bytes]
    # Salts the audit log's reference to this signal: once the row is purged nobody can tell
    # which audit entries were about it (R7), though the chain still verifies.
    ref_pepper: Mapped[bytes]
