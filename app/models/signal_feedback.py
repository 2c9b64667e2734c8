from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, today

AUTHOR_KINDS = ("partner", "token")


class SignalFeedback(Base):
    """Feedback or a question from a partner to the VP team, sealed to the inbox key.

    It never reaches the reporter directly: a VP decides what to ask them (DESIGN: routing).
    """

    __tablename__ = "signal_feedback"
    __table_args__ = (CheckConstraint(f"author_kind IN {AUTHOR_KINDS!r}", name="author_kind"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    delivery_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("signal_deliveries.id", ondelete="CASCADE"), index=True
    )
    created_on: Mapped[date] = mapped_column(default=today)
    # A partner user (staff_members.id) or an API token (api_tokens.id).
    author_kind: Mapped[str] = mapped_column(String(16))
    author_id: Mapped[uuid.UUID | None]
    inbox_version: Mapped[int] = mapped_column(ForeignKey("inbox_keys.version"))
    ciphertext: Mapped[bytes]
