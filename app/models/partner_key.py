from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class PartnerKey(Base):
    """A chain partner's public key. The private key never reaches the server (DESIGN: keys).

    A partner may have several, for rotation: advisers encrypt to the newest key that is not
    retired, and older ones stay so that the partner knows which key opens an older signal.
    """

    __tablename__ = "partner_keys"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    partner_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("partners.id", ondelete="CASCADE"), index=True
    )
    public_key: Mapped[bytes] = mapped_column(unique=True)
    # crypto.key_id of the public key: what clients bind each signal's HPKE info to.
    key_id: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[datetime | None]
