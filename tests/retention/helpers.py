"""Rows written straight through the ORM (back-dated cases, signals), and a full-table scan."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database, commit
from app.models import (
    Base,
    CaseLabel,
    Consent,
    InboxKey,
    Message,
    Note,
    PartnerKey,
    Report,
    Signal,
    SignalDelivery,
    SignalFeedback,
)
from app.retention.service import PurgeCounts, purge
from app.settings import RetentionSettings, SessionSettings


@contextmanager
def unit_of_work(database: Database) -> Iterator[Session]:
    """A session committed the way the service commits (journal wiped after an erasure)."""
    session = database.sessionmaker()
    session.info["database"] = database
    try:
        yield session
        commit(session)
    finally:
        session.close()


def run_purge(
    database: Database,
    *,
    today: date,
    settings: RetentionSettings | None = None,
    sessions: SessionSettings | None = None,
    now: datetime | None = None,
) -> PurgeCounts:
    with unit_of_work(database) as session:
        return purge(
            session,
            settings=settings or RetentionSettings(),
            today=today,
            sessions=sessions,
            now=now,
        )


def inbox_version(session: Session) -> int:
    """The newest inbox key version, made up when no adviser has created one."""
    newest = session.scalars(select(InboxKey.version).order_by(InboxKey.version.desc())).first()
    if newest is not None:
        return newest
    session.add(InboxKey(version=1, public_key=os.urandom(32)))
    session.flush()
    return 1


def add_report(
    session: Session,
    *,
    created_on: date,
    status: str = "new",
    closed_on: date | None = None,
    acknowledged_on: date | None = None,
    mailbox: bool = True,
    labels: Iterable[str] = (),
    consents: Iterable[str] = (),
    message_days: Iterable[date] = (),
) -> uuid.UUID:
    version = inbox_version(session)
    report = Report(
        id=uuid.uuid4(),
        created_on=created_on,
        inbox_version=version,
        ciphertext=os.urandom(96),
        reporter_copy=os.urandom(96) if mailbox else None,
        reply_public_key=os.urandom(32) if mailbox else None,
        credential_hash=os.urandom(32) if mailbox else None,
        status=status,
        closed_on=closed_on,
        acknowledged_on=acknowledged_on,
    )
    session.add(report)
    session.flush()
    session.add_all(CaseLabel(report_id=report.id, label=label) for label in labels)
    session.add_all(Consent(report_id=report.id, partner_id=p) for p in consents)
    for seq, day in enumerate(message_days, start=1):
        session.add(
            Message(
                id=uuid.uuid4(),
                report_id=report.id,
                seq=seq,
                created_on=day,
                kind="reporter",
                inbox_version=version,
                inbox_ciphertext=os.urandom(96),
                reply_ciphertext=os.urandom(96),
            )
        )
    session.add(
        Note(
            id=uuid.uuid4(), report_id=report.id, seq=1, inbox_version=version, ciphertext=b"n" * 64
        )
    )
    session.flush()
    return report.id


def partner_key(session: Session, partner_id: str) -> uuid.UUID:
    found = session.scalars(select(PartnerKey.id).where(PartnerKey.partner_id == partner_id))
    existing = found.first()
    if existing is not None:
        return existing
    key = PartnerKey(partner_id=partner_id, public_key=os.urandom(32), key_id=os.urandom(16).hex())
    session.add(key)
    session.flush()
    return key.id


def add_signal(
    session: Session,
    *,
    created_on: date,
    deliveries: Iterable[tuple[str, date | None]],
    category: str = "threats",
) -> uuid.UUID:
    """A signal delivered to each (partner id, acknowledged on) pair, each with feedback."""
    version = inbox_version(session)
    signal = Signal(
        id=uuid.uuid4(),
        created_on=created_on,
        category=category,
        urgency="normal",
        period=f"{created_on.year}-Q{(created_on.month - 1) // 3 + 1}",
        inbox_version=version,
        team_ciphertext=os.urandom(96),
        ref_pepper=os.urandom(16),
    )
    session.add(signal)
    session.flush()
    for partner_id, acknowledged_on in deliveries:
        delivery = SignalDelivery(
            id=uuid.uuid4(),
            signal_id=signal.id,
            partner_id=partner_id,
            partner_key_id=partner_key(session, partner_id),
            ciphertext=os.urandom(96),
            status="new" if acknowledged_on is None else "acknowledged",
            acknowledged_on=acknowledged_on,
        )
        session.add(delivery)
        session.flush()
        session.add(
            SignalFeedback(
                id=uuid.uuid4(),
                delivery_id=delivery.id,
                created_on=created_on,
                author_kind="partner",
                inbox_version=version,
                ciphertext=os.urandom(96),
            )
        )
    session.flush()
    return signal.id


def _contains(value: Any, needle: uuid.UUID) -> bool:
    if isinstance(value, uuid.UUID):
        return value == needle
    if isinstance(value, bytes | bytearray | memoryview):
        raw = bytes(value)
        return any(
            form in raw for form in (needle.bytes, str(needle).encode(), needle.hex.encode())
        )
    if value is None:
        return False
    text = str(value).lower()
    return str(needle) in text or needle.hex in text


def traces(database: Database, needle: uuid.UUID) -> list[str]:
    """Every table and column in which a value holds this id, as uuid, text, hex or bytes."""
    found = []
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(select(table)):
                found += [
                    f"{table.name}.{column}"
                    for column, value in row._mapping.items()
                    if _contains(value, needle)
                ]
    return found
