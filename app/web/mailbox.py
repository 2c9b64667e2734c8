"""The mailbox without JavaScript: the server opens it with the typed receipt, in memory only.

As with the form, this is weaker than the browser path: the receipt and the decrypted thread pass
through the server's memory for the length of one request. Nothing of either is stored or logged.
"""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.errors import N_, Unprocessable
from app.inbox_keys import service as inbox_keys
from app.mailbox import service as mailbox
from app.mailbox.schemas import FollowUpIn
from app.models import Report
from app.partners import service as partners
from app.partners import texts as partner_texts
from app.schemas_common import json_too_deep
from app.signals.notices import SIGNAL_SENT
from app.web import report_form
from client import protocol
from crypto import (
    DecryptionError,
    ReceiptFormatError,
    ReceiptTypoError,
    load_public_key,
    mailbox_credential,
    open_sealed,
    parse_receipt,
    reply_private_key,
    seal,
)

RECEIPT_TYPO = N_("This code has a typing error. Check each character and try again.")
NOT_A_RECEIPT = N_(
    "This is not a receipt code. A code has 30 digits, like 12345 67890 12345 67890 12345 67892. "
    "Older codes have 21 letters and digits."
)
EMPTY_MESSAGE = N_("Write a message first.")


@dataclass(frozen=True)
class Entry:
    kind: str
    created_on: str
    content: dict[str, Any]
    # The partner's shown name when this is a notice that a signal went to it.
    signal_to: str | None = None


def sent_choices(own: dict[str, Any]) -> dict[str, list[str]]:
    """The known choices in the reporter's own copy; anything else a browser wrote is dropped."""
    wants, what, seen = own.get("wants"), own.get("what"), own.get("seen")
    return {
        "wants": [w for w in wants if w in report_form.WANTS] if isinstance(wants, list) else [],
        "what": [c for c in what if c in report_form.CATEGORIES] if isinstance(what, list) else [],
        # A report about someone else: what was seen stands where the categories would.
        "seen": [c for c in seen if c in report_form.SEEN] if isinstance(seen, list) else [],
        "about": ["other"] if own.get("about") == "other" else [],
    }


def partner_names(session: Session, language: str) -> dict[str, str]:
    """Every partner (a deactivated one may still be named in a thread), named in ``language``."""
    every = partners.all_partners(session)
    texts = partner_texts.texts_by_partner(session, every)
    return {p.id: partner_texts.shown(texts[p.id], language).name for p in every}


def _signal_to(content: dict[str, Any], names: dict[str, str]) -> str | None:
    partner = content.get("partner")
    if content.get("kind") != SIGNAL_SENT or not isinstance(partner, str):
        return None
    return names.get(partner, partner)


def canonical(receipt: str) -> str:
    """The receipt as typed, or a 422 that tells a typo from something that is no receipt."""
    try:
        return parse_receipt(receipt)
    except ReceiptTypoError:
        raise Unprocessable("receipt_typo", RECEIPT_TYPO) from None
    except ReceiptFormatError:
        raise Unprocessable("not_a_receipt", NOT_A_RECEIPT) from None


def open_with(session: Session, *, mailbox_key: bytes, receipt: str) -> Report:
    credential = base64.b64encode(mailbox_credential(canonical(receipt))).decode()
    return mailbox.open_mailbox(session, mailbox_key=mailbox_key, credential=credential)


def thread(
    session: Session, *, report: Report, receipt: str, names: dict[str, str]
) -> tuple[dict[str, Any], list[Entry]]:
    """The reporter's own report and every message they can read, decrypted with the receipt."""
    key = reply_private_key(canonical(receipt))
    own: dict[str, Any] = {}
    if report.reporter_copy is not None:
        own = _json(open_sealed(key, report.reporter_copy, info=protocol.report_copy(report.id)))
    entries = []
    for message in mailbox.visible_messages(session, report):
        assert message.reply_ciphertext is not None  # noqa: S101 - visible_messages ensures it
        info = protocol.thread_info(message.kind, report.id, message.id, protocol.REPLY_KEY)
        try:
            content = _json(open_sealed(key, message.reply_ciphertext, info=info))
        except DecryptionError:
            continue  # one unreadable message must not hide the rest of the thread
        signal_to = _signal_to(content, names) if message.kind == "notice" else None
        entries.append(Entry(message.kind, message.created_on.isoformat(), content, signal_to))
    return own, entries


def _json(raw: bytes) -> dict[str, Any]:
    # The content was written by a browser the server does not control: a nesting too deep for
    # the parser or bytes that are no JSON at all show as an empty entry, never as a 500.
    if json_too_deep(raw):
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {"text": str(value)}


def follow_up(session: Session, *, report: Report, receipt: str, text: str) -> None:
    if not text.strip():
        raise Unprocessable("empty_message", EMPTY_MESSAGE)
    key = inbox_keys.require_current(session)
    reply_public = reply_private_key(canonical(receipt)).public_key()
    message_id = uuid.uuid4()
    plaintext = json.dumps({"text": text, "sent_without_javascript": True}).encode()
    body = FollowUpIn.model_validate(
        {
            "id": message_id,
            "inbox_version": key.version,
            "inbox_ciphertext": seal(
                load_public_key(key.public_key),
                plaintext,
                info=protocol.message(report.id, message_id, protocol.inbox(key.version)),
            ),
            "reply_ciphertext": seal(
                reply_public,
                plaintext,
                info=protocol.message(report.id, message_id, protocol.REPLY_KEY),
            ),
        }
    )
    mailbox.follow_up(session, report=report, body=body)
