from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class ApiToken(Base):
    """A bearer token for one partner's own systems; the table holds only its keyed hash."""

    __tablename__ = "api_tokens"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    partner_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("partners.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[bytes] = mapped_column(unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A date, written at most once a day: enough to spot an unused token, no activity trail.
    last_used_on: Mapped[date | None]
    revoked_at: Mapped[datetime | None]
