from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, today


class ErasureTombstone(Base):
    """What is left for the advisers when a reporter erases their report: that it existed, and
    the day it was erased.

    Nothing else is kept in the clear: a random id (not the report's), the day of erasure (no
    time, R3), and the report's id sealed to the inbox key so that the team's console can tell
    "erased by the reporter" from "does not exist" where a signal or its own notes still name
    the case. The received date, labels, status and assignee go with the report: together they
    would let a server thief tie the tombstone to the report in an older backup.
    """

    __tablename__ = "erasure_tombstones"
    # Written by a reporter's action: no rowid on SQLite, which would number the erasures (R3).
    __table_args__ = {"sqlite_with_rowid": False}

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    erased_on: Mapped[date] = mapped_column(default=today)
    inbox_version: Mapped[int] = mapped_column(ForeignKey("inbox_keys.version"))
    case_ref: Mapped[bytes]
