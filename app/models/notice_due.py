from __future__ import annotations

import uuid

from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class NoticeDue(Base):
    """A mailbox notice owed for a signal just released, until a transaction of its own writes it.

    The release moves the queued signal's sealed notice here, in the batch's transaction; the
    notice messages are written right after, in another one, so that no transaction id pairs a
    signal with a row tied to its report (R5). ``sealed`` names the report only under a server
    key, bound to this row's random id (app.signals.notices). A row stays only if writing the
    notices failed; the next release retries it.
    """

    __tablename__ = "notices_due"
    __table_args__ = {"sqlite_with_rowid": False}

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    sealed: Mapped[bytes]
