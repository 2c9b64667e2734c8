from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class Consent(Base):
    """The reporter allowed depersonalised signals to this partner; checked when one is made."""

    __tablename__ = "consents"
    # Written with the report: no rowid on SQLite, or it would give the report's place in the day.
    __table_args__ = {"sqlite_with_rowid": False}

    report_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True
    )
    partner_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True
    )
