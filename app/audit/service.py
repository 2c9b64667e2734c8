"""The hash-chained audit log (R6): every staff and partner action on a case or signal.

Each entry's hash covers its content and the previous entry's hash, so altering, removing, inserting
or reordering an entry breaks the chain at that point. The head row (newest number and hash, with a
MAC under a server key) shows entries cut off the end, which the chain alone cannot. Appends are
serialised (a transaction-level advisory lock on PostgreSQL; SQLite's write lock is taken at BEGIN,
see app.db) so the chain never forks.

An entry about a case carries the case id and the action's detail only sealed to the current inbox
key (R5): a thief of the database, or an administrator who is not an adviser, sees who did what and
when, but not to which case, and two entries about one case share no value. Each sealing is bound to
the entry's number (client.protocol.audit_case), and the chain hashes the sealed bytes, so the
chain verifies without any key. An entry about a signal names it by a salted hash of its id; the
salt lives on the signal's row, so once that row is purged nobody can tell which entries were about
it (R7). No entry names both a case and a signal.

Entries written before the case was sealed keep their old ``case_ref`` (a salted hash of the case
id) so that they still verify; its salt was dropped from the reports table, so it names no report.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.errors import N_
from app.models import AuditEntry, AuditHead, InboxKey, Report, Signal
from app.models.base import utcnow
from client import protocol
from crypto import keyed_hash, keyed_hash_equal, load_public_key, seal

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
            # Added later; each is left out when empty so that older entries keep their hashes.
            **({"signal_ref": entry.signal_ref.hex()} if entry.signal_ref else {}),
            **(
                {
                    "case_sealed": entry.case_sealed.hex(),
                    "case_inbox_version": entry.case_inbox_version,
                }
                if entry.case_sealed
                else {}
            ),
        },
        sort_keys=True,
        separators=(",", ":"),
    ).encode()
    return hashlib.sha256(prev_hash + content).digest()


def _ref(label: bytes, pepper: bytes, object_id: uuid.UUID) -> bytes:
    return hashlib.sha256(label + b"\x00" + pepper + object_id.bytes).digest()[:16]


def signal_ref(signal: Signal) -> bytes:
    """The audit log's name for a signal; meaningless once the signal is purged."""
    return _ref(b"vertrouwenspunt/v1/audit-signal-ref", signal.ref_pepper, signal.id)


def _head_mac(key: bytes, seq: int, entry_hash: bytes) -> bytes:
    return keyed_hash(key, seq.to_bytes(8, "big") + entry_hash, purpose="audit-head")


def head_key(session: Session) -> bytes:
    key = session.info.get("audit_key")
    if not isinstance(key, bytes):
        raise RuntimeError("the audit key is not configured (Database.use_audit_key)")
    return key


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def _seal_case(session: Session, entry: AuditEntry, case_id: uuid.UUID, detail: str) -> None:
    """Seal ``{case, detail}`` to the current inbox key; nothing about the case stays in clear.

    The detail goes inside too: for a routing it names the partners, and with the entry's time
    that would match the signal rows (R5). A fresh HPKE key per entry means two entries about one
    case share no bytes, and the padding (crypto.pad) hides which detail was longer.
    """
    # Every case is sealed to some inbox version, so a key exists whenever a case does.
    key = session.scalars(select(InboxKey).order_by(InboxKey.version.desc()).limit(1)).one()
    plaintext = _json({"case": str(case_id), "detail": json.loads(detail)}).encode()
    entry.case_sealed = seal(
        load_public_key(key.public_key),
        plaintext,
        info=protocol.audit_case(entry.seq, key.version),
    )
    entry.case_inbox_version = key.version
    entry.detail = "{}"


def record(
    session: Session,
    *,
    actor_kind: str,
    actor_id: uuid.UUID | None,
    action: str,
    case_id: uuid.UUID | None = None,
    signal_id: uuid.UUID | None = None,
    detail: dict[str, object] | None = None,
) -> AuditEntry:
    """Append an entry; an entry about a case (``case_id``) is sealed with its detail."""
    if case_id is not None and signal_id is not None:
        raise ValueError("an audit entry names a case or a signal, never both (R5)")
    # A plain read, never a row lock: on PostgreSQL a lock would leave this transaction's id in
    # the report row (xmax), a link between the report and whatever else this transaction writes.
    case = session.get(Report, case_id) if case_id is not None else None
    signal = session.get(Signal, signal_id) if signal_id is not None else None
    if (case_id is not None and case is None) or (signal_id is not None and signal is None):
        raise LookupError("nothing to audit under that id")
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
        signal_ref=signal_ref(signal) if signal else None,
        detail=_json(detail or {}),
        prev_hash=prev_hash,
    )
    if case_id is not None:
        _seal_case(session, entry, case_id, entry.detail)
    entry.entry_hash = _entry_hash(prev_hash, entry)
    session.add(entry)
    _move_head(session, entry)
    session.flush()
    return entry


def _move_head(session: Session, entry: AuditEntry) -> None:
    mac = _head_mac(head_key(session), entry.seq, entry.entry_hash)
    head = session.get(AuditHead, 1)
    if head is None:
        session.add(AuditHead(id=1, seq=entry.seq, entry_hash=entry.entry_hash, mac=mac))
        return
    head.seq, head.entry_hash, head.mac = entry.seq, entry.entry_hash, mac


EXPECTED_HERE = N_("expected entry %(expected)s here")
NO_LINK = N_("does not link to the entry before it")
CHANGED = N_("content was changed")
HEAD_MISSING = N_("the head record is missing")
HEAD_ALTERED = N_("the head record was altered")
REMOVED = N_("entries %(first)s to %(last)s were removed")
ADDED = N_("entries were added without the service's key")
NOT_HEAD = N_("the last entry is not the one the head recorded")
NOT_ANCHOR = N_("differs from the anchor written down earlier")


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    # An English message id (translated for the console), with its values apart.
    message: str
    values: dict[str, int] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        return self.message % self.values if self.values else self.message


def verify(session: Session, *, key: bytes | None = None) -> list[ChainProblem]:
    """Walk the chain and check the head; name every entry whose link or content does not hold.

    ``key`` defaults to the session's audit key; the head check needs it, the chain does not.
    """
    problems: list[ChainProblem] = []
    prev_hash = GENESIS
    expected_seq = 1
    last: AuditEntry | None = None
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
        if entry.seq != expected_seq:
            problems.append(ChainProblem(entry.seq, EXPECTED_HERE, {"expected": expected_seq}))
        if entry.prev_hash != prev_hash:
            problems.append(ChainProblem(entry.seq, NO_LINK))
        if _entry_hash(entry.prev_hash, entry) != entry.entry_hash:
            problems.append(ChainProblem(entry.seq, CHANGED))
        prev_hash = entry.entry_hash
        expected_seq = entry.seq + 1
        last = entry
    problems.extend(_head_problems(session, key or head_key(session), last))
    return problems


def _head_problems(session: Session, key: bytes, last: AuditEntry | None) -> list[ChainProblem]:
    head = session.get(AuditHead, 1)
    if head is None:
        return [] if last is None else [ChainProblem(last.seq, HEAD_MISSING)]
    if not keyed_hash_equal(_head_mac(key, head.seq, head.entry_hash), head.mac):
        return [ChainProblem(head.seq, HEAD_ALTERED)]
    last_seq = last.seq if last else 0
    if head.seq > last_seq:
        return [ChainProblem(last_seq + 1, REMOVED, {"first": last_seq + 1, "last": head.seq})]
    if head.seq < last_seq:
        return [ChainProblem(head.seq + 1, ADDED)]
    if last is not None and last.entry_hash != head.entry_hash:
        return [ChainProblem(last.seq, NOT_HEAD)]
    return []


def entries(session: Session, *, after: int = 0, limit: int | None = None) -> list[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.seq > after).order_by(AuditEntry.seq)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def as_record(entry: AuditEntry) -> dict[str, object]:
    """An entry as exported: every field the hash covers, so anyone can re-check the chain."""
    return {
        "seq": entry.seq,
        "created_at": _utc_iso(entry.created_at) + "Z",
        "actor_kind": entry.actor_kind,
        "actor_id": str(entry.actor_id) if entry.actor_id else None,
        "action": entry.action,
        "case_ref": entry.case_ref.hex() if entry.case_ref else None,
        # Opened only by an adviser's console or client (client.audit), never by the server.
        "case_sealed": entry.case_sealed.hex() if entry.case_sealed else None,
        "case_inbox_version": entry.case_inbox_version,
        "signal_ref": entry.signal_ref.hex() if entry.signal_ref else None,
        "detail": json.loads(entry.detail),
        "prev_hash": entry.prev_hash.hex(),
        "entry_hash": entry.entry_hash.hex(),
    }


def head(session: Session) -> AuditHead | None:
    return session.get(AuditHead, 1)


def anchor_problems(session: Session, *, seq: int, entry_hash: bytes) -> list[ChainProblem]:
    """Check a head written down elsewhere earlier: that entry must still be there, unchanged.

    This catches what the head record cannot: the whole database rolled back to an old copy.
    """
    entry = session.get(AuditEntry, seq)
    if entry is None or entry.entry_hash != entry_hash:
        return [ChainProblem(seq, NOT_ANCHOR)]
    return []
