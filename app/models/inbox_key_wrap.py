from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class InboxKeyWrap(Base):
    """The inbox private key of one version, HPKE-sealed to one member's personal key."""

    __tablename__ = "inbox_key_wraps"

    inbox_version: Mapped[int] = mapped_column(
        ForeignKey("inbox_keys.version", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("staff_members.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    wrapped_key: Mapped[bytes]
