"""What each envelope is bound to: the HPKE ``info`` of every object (docs/crypto.md).

The server never opens an envelope; it builds only the ``info`` of what it seals itself
(``audit_case``). The clients (this package and the browser modules) build and open the rest.
"""

from __future__ import annotations

import uuid

from crypto import Purpose, bind_info

REPLY_KEY = "reply-key"


def inbox(version: int) -> str:
    return f"inbox-v{version}"


def report(report_id: uuid.UUID, version: int) -> bytes:
    return bind_info(Purpose.REPORT, str(report_id), inbox(version))


def report_copy(report_id: uuid.UUID) -> bytes:
    return bind_info(Purpose.REPORT_COPY, str(report_id), REPLY_KEY)


def message(report_id: uuid.UUID, message_id: uuid.UUID, recipient: str) -> bytes:
    """A reporter's follow-up; ``recipient`` is ``inbox(version)`` or ``REPLY_KEY``."""
    return bind_info(Purpose.MESSAGE, str(report_id), str(message_id), recipient)


def reply(report_id: uuid.UUID, message_id: uuid.UUID, recipient: str) -> bytes:
    """An adviser's reply; ``recipient`` is ``inbox(version)`` or ``REPLY_KEY``."""
    return bind_info(Purpose.REPLY, str(report_id), str(message_id), recipient)


def notice(report_id: uuid.UUID, message_id: uuid.UUID, recipient: str) -> bytes:
    """A notice from the team to the reporter, e.g. that a signal went out under an exception."""
    return bind_info(Purpose.NOTICE, str(report_id), str(message_id), recipient)


def note(report_id: uuid.UUID, note_id: uuid.UUID, version: int) -> bytes:
    return bind_info(Purpose.NOTE, str(report_id), str(note_id), inbox(version))


def key_wrap(version: int, member_id: uuid.UUID) -> bytes:
    return bind_info(Purpose.KEY_WRAP, inbox(version), str(member_id))


def thread_info(kind: str, report_id: uuid.UUID, message_id: uuid.UUID, recipient: str) -> bytes:
    builders = {"reporter": message, "reply": reply, "notice": notice}
    return builders[kind](report_id, message_id, recipient)


def erasure(tombstone_id: uuid.UUID, version: int) -> bytes:
    """An erased report's id in its tombstone, sealed by the server to the inbox key."""
    return bind_info(Purpose.ERASURE, str(tombstone_id), inbox(version))


def signal_team(signal_id: uuid.UUID, version: int) -> bytes:
    """The team's copy of a signal (with the report it came from), sealed to the inbox key."""
    return bind_info(Purpose.SIGNAL, str(signal_id), inbox(version))


def signal_delivery(delivery_id: uuid.UUID, key_id: str) -> bytes:
    """One partner's copy of a signal, sealed to that partner's key ``key_id``."""
    return bind_info(Purpose.SIGNAL, str(delivery_id), f"partner-{key_id}")


def override_reason(signal_id: uuid.UUID, version: int) -> bytes:
    """The written reason for sending a signal under an exception, for the team."""
    return bind_info(Purpose.NOTE, "override", str(signal_id), inbox(version))


def feedback(delivery_id: uuid.UUID, feedback_id: uuid.UUID, version: int) -> bytes:
    """A partner's feedback or question to the team."""
    return bind_info(Purpose.FEEDBACK, str(delivery_id), str(feedback_id), inbox(version))


def audit_case(seq: int, version: int) -> bytes:
    """The case an audit entry is about, with its detail, sealed by the server to the inbox key.

    Bound to the entry's number so that sealed bytes moved to another entry do not open (R5).
    """
    return bind_info(Purpose.AUDIT_CASE, str(seq), inbox(version))
