"""The reporter's notice that a signal went to a partner they allowed, written after its release.

The adviser's request knows the report; the release, hours later, does not (R5). So the request
seals, for the release alone, which report's mailbox is to hear of it and about which partners,
under a server key (``ServerKeys.signal_notice``) and bound to the queued signal's id; nothing in
the queue row names the report in the clear, and the sealed value has a fixed size whatever it
holds. The release moves that value, re-sealed under a fresh random id, to ``notices_due`` in the
batch's own transaction; :func:`deliver_due` then writes one notice per partner into the report's
thread in a transaction of its own, so that no transaction id is shared by a signal and a row tied
to its report. The reporter hears of a signal when the partner can read it, not when the adviser
clicked. The notice holds a kind and a partner id, sealed to the reporter's reply key and to the
inbox key like any notice; the mailbox words it in the reporter's language. What the notices still
tell a server thief is named in docs/residual-metadata.md.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.db import mark_erasure
from app.errors import NotFound
from app.inbox_keys import service as inbox_keys
from app.models import NoticeDue, QueuedSignal, Report
from app.threads import service as threads
from client import protocol
from crypto import DecryptionError, aead_open, aead_seal, load_public_key, seal

SIGNAL_SENT = "signal_sent"
_QUEUED_AAD = b"vertrouwenspunt/v1/signal-notice/queued/"
_DUE_AAD = b"vertrouwenspunt/v1/signal-notice/due/"
# Room for many partners; padded to a multiple so the size says nothing about what is inside.
_BLOCK = 1024


@dataclass(frozen=True)
class Pending:
    report_id: uuid.UUID
    partners: list[str]


def _seal(key: bytes, pending: Pending, aad: bytes) -> bytes:
    raw = json.dumps({"report": str(pending.report_id), "partners": pending.partners}).encode()
    return aead_seal(key, raw.ljust(-(-len(raw) // _BLOCK) * _BLOCK, b" "), aad=aad)


def _open(key: bytes, sealed: bytes, aad: bytes) -> Pending | None:
    try:
        value = json.loads(aead_open(key, sealed, aad=aad))
        return Pending(uuid.UUID(value["report"]), [str(p) for p in value["partners"]])
    except (DecryptionError, ValueError, KeyError, TypeError):
        # Sealed under another server secret: the signal still goes, the notice cannot.
        return None


def seal_pending(key: bytes, *, signal_id: uuid.UUID, report: Report, partners: list[str]) -> bytes:
    """For the release: which report's mailbox to tell, and about which partners.

    A report without a mailbox (one-way) gets no notice; its sealed value looks the same.
    """
    told = sorted(partners) if report.reply_public_key is not None else []
    return _seal(key, Pending(report.id, told), _QUEUED_AAD + signal_id.bytes)


def carry(session: Session, *, key: bytes, queued: QueuedSignal) -> None:
    """In the release's transaction: keep the released signal's notice for :func:`deliver_due`."""
    if queued.pending_notice is None:
        return
    pending = _open(key, queued.pending_notice, _QUEUED_AAD + queued.id.bytes)
    if pending is None or not pending.partners:
        return
    due_id = uuid.uuid4()
    session.add(NoticeDue(id=due_id, sealed=_seal(key, pending, _DUE_AAD + due_id.bytes)))


def deliver_due(session: Session, *, key: bytes) -> int:
    """Write every notice owed by released signals (after the release committed); how many."""
    rows = list(session.scalars(select(NoticeDue)))
    written = 0
    for row in rows:
        pending = _open(key, row.sealed, _DUE_AAD + row.id.bytes)
        if pending is not None:
            written += _write(session, pending)
    if rows:
        session.execute(delete(NoticeDue).where(NoticeDue.id.in_([r.id for r in rows])))
        mark_erasure(session)
    session.flush()
    return written


def _write(session: Session, pending: Pending) -> int:
    try:
        report = threads.lock_report(session, pending.report_id)
    except NotFound:
        return 0  # erased by the reporter while the signal waited
    if report.reply_public_key is None:
        return 0
    inbox = inbox_keys.require_current(session)
    for partner in pending.partners:
        message_id = uuid.uuid4()
        plaintext = json.dumps({"kind": SIGNAL_SENT, "partner": partner}).encode()
        threads.add_message(
            session,
            report=report,
            message_id=message_id,
            kind="notice",
            inbox_version=inbox.version,
            inbox_ciphertext=seal(
                load_public_key(inbox.public_key),
                plaintext,
                info=protocol.notice(report.id, message_id, protocol.inbox(inbox.version)),
            ),
            reply_ciphertext=seal(
                load_public_key(report.reply_public_key),
                plaintext,
                info=protocol.notice(report.id, message_id, protocol.REPLY_KEY),
            ),
        )
    return len(pending.partners)
