from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class PartnerEnrolment(Base):
    """A one-time token with which a partner's own system registers a public key.

    Keys are added only this way, never with an API token: a stolen API token must not let anyone
    put their own key in front of future signals.
    """

    __tablename__ = "partner_enrolments"

    token_hash: Mapped[bytes] = mapped_column(primary_key=True)
    partner_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("partners.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
