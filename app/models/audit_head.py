from __future__ import annotations

from sqlalchemy import CheckConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class AuditHead(Base):
    """The newest audit entry's number and hash, with a MAC under a server key.

    The chain alone cannot show that its last entries were cut off; this row moves with every
    append, and without the key nobody can make it agree with a shortened chain.
    """

    __tablename__ = "audit_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    seq: Mapped[int]
    entry_hash: Mapped[bytes]
    mac: Mapped[bytes]
