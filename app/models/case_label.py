from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class CaseLabel(Base):
    """A triage label (a category id from TAXONOMY.md) that a VP put on a case."""

    __tablename__ = "case_labels"
    # Keyed by the case and label alone: a rowid would number the rows in the order the labels
    # were set, matching the order of the sealed `case.update` audit entries (R5).
    __table_args__ = {"sqlite_with_rowid": False}

    report_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True
    )
    label: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
