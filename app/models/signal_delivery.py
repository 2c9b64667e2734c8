from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base

DELIVERY_STATUSES = ("new", "acknowledged")


class SignalDelivery(Base):
    """A signal as one partner receives it: sealed to that partner's key, seen by no other.

    Its id is the partner's name for the signal, so two partners cannot match theirs by id.
    """

    __tablename__ = "signal_deliveries"
    __table_args__ = (
        CheckConstraint(f"status IN {DELIVERY_STATUSES!r}", name="status"),
        UniqueConstraint("signal_id", "partner_id", name="signal_partner"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    signal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("signals.id", ondelete="CASCADE"), index=True
    )
    partner_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("partners.id", ondelete="CASCADE"), index=True
    )
    partner_key_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partner_keys.id", ondelete="CASCADE")
    )
    ciphertext: Mapped[bytes]
    status: Mapped[str] = mapped_column(String(16), default="new", index=True)
    acknowledged_on: Mapped[date | None]
