from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class PartnerText(Base):
    """A partner's name and description in one reporter language other than Dutch.

    The Dutch text stays in ``partners.name`` and ``partners.description``: it is the text staff
    see and the last fallback for reporters, so every partner always has one. The check keeps
    Dutch out of this table, so that each text has exactly one place (docs/partners.md).
    """

    __tablename__ = "partner_texts"
    __table_args__ = (CheckConstraint("language <> 'nl'", name="not_dutch"),)

    partner_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
