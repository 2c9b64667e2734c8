"""The no-JavaScript path: the server seals the report on arrival (R4).

The plaintext exists only in this request's memory: it is sealed to the inbox key (and the
reporter's copy to their reply key) before anything is written, exactly as the browser would.
This path is weaker than the JavaScript one, and the page says so: the server saw the text, and
the receipt was made here rather than on the reporter's device. The report's id and receipt come
from the form's one-use token (app.security.form_tokens), so a reload can show the receipt again.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.inbox_keys import service as inbox_keys
from app.models import Report
from app.reports import service as reports
from app.reports.schemas import ReportIn
from app.reports.service import credential_hash
from client import protocol
from crypto import (
    keyed_hash_equal,
    load_public_key,
    mailbox_credential,
    public_key_bytes,
    reply_private_key,
    seal,
)


@dataclass(frozen=True)
class Received:
    receipt: str | None


def submit(
    session: Session,
    *,
    report_id: uuid.UUID,
    receipt: str,
    mailbox_key: bytes,
    content: dict[str, Any],
    consents: list[str],
    one_way: bool,
    attachments: list[dict[str, Any]] | None = None,
) -> Received:
    key = inbox_keys.require_current(session)
    plaintext = json.dumps(content, ensure_ascii=False).encode()
    # As on the browser path, the pictures go to the advisers only: the reporter's own copy
    # (readable with the receipt) holds the text.
    for_inbox = {**content, "attachments": attachments} if attachments else content
    body: dict[str, Any] = {
        "id": report_id,
        "inbox_version": key.version,
        "ciphertext": seal(
            load_public_key(key.public_key),
            json.dumps(for_inbox, ensure_ascii=False).encode(),
            info=protocol.report(report_id, key.version),
        ),
        "consents": consents,
    }
    if not one_way:
        reply_public = reply_private_key(receipt).public_key()
        body["reply_public_key"] = public_key_bytes(reply_public)
        body["mailbox_credential"] = mailbox_credential(receipt)
        body["reporter_copy"] = seal(reply_public, plaintext, info=protocol.report_copy(report_id))
    reports.submit(session, mailbox_key=mailbox_key, report=ReportIn.model_validate(body))
    return Received(receipt=None if one_way else receipt)


def received_before(
    session: Session, *, mailbox_key: bytes, report_id: uuid.UUID, receipt: str
) -> Received | None:
    """What the receipt page showed for a report already sent with this form, if it is still here.

    The report id and receipt come from the form's token. A report the reporter erased is gone,
    and then there is nothing to show again.
    """
    report = session.get(Report, report_id)
    if report is None:
        return None
    if report.credential_hash is None:
        # Sent one-way: no receipt (a mailbox closed for inactivity looks the same, but that
        # takes days, and a form token lives hours at most).
        return Received(receipt=None)
    expected = credential_hash(mailbox_key, mailbox_credential(receipt))
    if not keyed_hash_equal(report.credential_hash, expected):
        return None
    return Received(receipt=receipt)
