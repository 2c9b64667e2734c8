from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class InboxKey(Base):
    """One version of the organisation's inbox public key; the newest version is current."""

    __tablename__ = "inbox_keys"
    __table_args__ = (CheckConstraint("version >= 1", name="version_positive"),)

    version: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    public_key: Mapped[bytes] = mapped_column(unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
