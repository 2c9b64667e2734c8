"""The no-JavaScript path: the server seals the report on arrival (R4).

The plaintext exists only in this request's memory: it is sealed to the inbox key (and the
reporter's copy to their reply key) before anything is written, exactly as the browser would.
This path is weaker than the JavaScript one, and the page says so: the server saw the text, and
the receipt was made here rather than on the reporter's device.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.inbox_keys import service as inbox_keys
from app.reports import service as reports
from app.reports.schemas import ReportIn
from client import protocol
from crypto import (
    generate_receipt,
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
    mailbox_key: bytes,
    content: dict[str, Any],
    consents: list[str],
    one_way: bool,
    attachments: list[dict[str, Any]] | None = None,
) -> Received:
    key = inbox_keys.require_current(session)
    report_id = uuid.uuid4()
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
    receipt = None
    if not one_way:
        receipt = generate_receipt()
        reply_public = reply_private_key(receipt).public_key()
        body["reply_public_key"] = public_key_bytes(reply_public)
        body["mailbox_credential"] = mailbox_credential(receipt)
        body["reporter_copy"] = seal(reply_public, plaintext, info=protocol.report_copy(report_id))
    reports.submit(session, mailbox_key=mailbox_key, report=ReportIn.model_validate(body))
    return Received(receipt=receipt)
