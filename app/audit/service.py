"""The hash-chained audit log (R6): every staff action on a case, naming the staff member only.

Each entry's hash covers its content and the previous entry's hash, so altering, removing, inserting
or reordering an entry breaks the chain at that point. Appends are serialised (a transaction-level
advisory lock on PostgreSQL; SQLite's write lock is taken at BEGIN, see app.db) so the chain never
forks.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.models import AuditEntry
from app.models.base import utcnow

GENESIS = b"\x00" * 32
_LOCK_ID = 0x56505F4155444954  # "VP_AUDIT"


def _utc_iso(moment: datetime) -> str:
    # SQLite hands datetimes back without a zone; both databases store UTC.
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat()


def _entry_hash(prev_hash: bytes, entry: AuditEntry) -> bytes:
    content = json.dumps(
        {
            "seq": entry.seq,
            "created_at": _utc_iso(entry.created_at),
            "actor_kind": entry.actor_kind,
            "actor_id": str(entry.actor_id) if entry.actor_id else None,
            "action": entry.action,
            "case_ref": entry.case_ref.hex() if entry.case_ref else None,
            "detail": entry.detail,
        },
        sort_keys=True,
        separators=(",", ":"),
    ).encode()
    return hashlib.sha256(prev_hash + content).digest()


def case_ref(case_id: uuid.UUID) -> bytes:
    """The audit log's name for a case: a hash of its random id, meaningless once it is erased."""
    return hashlib.sha256(b"vertrouwenspunt/v1/audit-case-ref\x00" + case_id.bytes).digest()[:16]


def record(
    session: Session,
    *,
    actor_kind: str,
    actor_id: uuid.UUID | None,
    action: str,
    case_id: uuid.UUID | None = None,
    detail: dict[str, object] | None = None,
) -> AuditEntry:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).first()
    prev_hash = last.entry_hash if last else GENESIS
    entry = AuditEntry(
        seq=(last.seq + 1) if last else 1,
        created_at=utcnow().replace(microsecond=0),
        actor_kind=actor_kind,
        actor_id=actor_id,
        action=action,
        case_ref=case_ref(case_id) if case_id else None,
        detail=json.dumps(detail or {}, sort_keys=True, separators=(",", ":")),
        prev_hash=prev_hash,
    )
    entry.entry_hash = _entry_hash(prev_hash, entry)
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    reason: str


def verify(session: Session) -> list[ChainProblem]:
    """Walk the chain; name every entry whose link or content does not hold."""
    problems: list[ChainProblem] = []
    prev_hash = GENESIS
    expected_seq = 1
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
        if entry.seq != expected_seq:
            problems.append(ChainProblem(entry.seq, f"expected entry {expected_seq} here"))
        if entry.prev_hash != prev_hash:
            problems.append(ChainProblem(entry.seq, "does not link to the entry before it"))
        if _entry_hash(entry.prev_hash, entry) != entry.entry_hash:
            problems.append(ChainProblem(entry.seq, "content was changed"))
        prev_hash = entry.entry_hash
        expected_seq = entry.seq + 1
    return problems
