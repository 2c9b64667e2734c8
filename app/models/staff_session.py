from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class StaffSession(Base):
    """A logged-in staff session; the cookie holds the token, the table only its keyed hash."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[bytes] = mapped_column(primary_key=True)
    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("staff_members.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
