"""Declarative base: naming convention and column types shared by every table."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import DateTime, LargeBinary, MetaData, Uuid
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        datetime: DateTime(timezone=True),
        bytes: LargeBinary,
        uuid.UUID: Uuid,
    }


def utcnow() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    """The creation date of rows a reporter causes: a date, never a time of day (R3)."""
    return datetime.now(UTC).date()
