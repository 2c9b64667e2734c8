from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow

PARTNER_KINDS = ("police", "care", "municipality")


class Partner(Base):
    """A chain partner organisation; reporters consent to each one separately."""

    __tablename__ = "partners"
    __table_args__ = (CheckConstraint(f"kind IN {PARTNER_KINDS!r}", name="kind"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
