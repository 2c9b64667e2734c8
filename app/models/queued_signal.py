from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from app.models.signal import URGENCIES

HELD_REASONS = ("partner_inactive", "stale_partner_key", "already_received")


class QueuedSignal(Base):
    """A signal a VP wrote that waits for the next release (R5): no signal or delivery row yet.

    The VP's request stores only this; the release step turns a whole batch into signal and
    delivery rows in one transaction of its own, in random order, and deletes the queue rows.
    Nothing here names the report, and nothing tells the time of writing: ``release_at`` is the
    release time the signal waits for, shared by every signal written since the one before.

    ``deliveries`` holds, per partner, the delivery's id, the partner, the partner key row it was
    sealed to and the sealed copy (base64). ``held`` names why the release left it here (the
    partner was deactivated or its key retired since): the team sees it, the row is kept.
    """

    __tablename__ = "queued_signals"
    __table_args__ = (
        CheckConstraint(f"urgency IN {URGENCIES!r}", name="urgency"),
        CheckConstraint(f"held IS NULL OR held IN {HELD_REASONS!r}", name="held"),
        # On SQLite a table with a rowid numbers rows in the order they were written, which is
        # the order of the `case.route` audit entries: keyed by the random id alone, the rows
        # carry no order of writing (R3, R5).
        {"sqlite_with_rowid": False},
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    release_at: Mapped[datetime] = mapped_column(index=True)
    category: Mapped[str] = mapped_column(String(64))
    urgency: Mapped[str] = mapped_column(String(16))
    period: Mapped[str] = mapped_column(String(8))
    inbox_version: Mapped[int] = mapped_column(ForeignKey("inbox_keys.version"))
    team_ciphertext: Mapped[bytes]
    deliveries: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    held: Mapped[str | None] = mapped_column(String(32))
    # Which report's mailbox the release tells, and about which partners: sealed under a server
    # key and bound to this row's id (app.signals.notices), never the report id in the clear.
    pending_notice: Mapped[bytes | None]
