"""Opening the audit log's sealed case references, as the VP console does in the browser.

An entry about a case carries ``{case, detail}`` sealed by the server to the inbox key (R5); only
an adviser who holds that inbox key version can tell which case it was about.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from client import protocol
from crypto import DecryptionError, PrivateKey, open_sealed


@dataclass(frozen=True)
class OpenedCase:
    case_id: uuid.UUID
    detail: dict[str, Any]


def open_case(key: PrivateKey, *, seq: int, version: int, sealed: bytes) -> OpenedCase:
    """Open one entry's sealed reference; ``DecryptionError`` unless it was sealed for ``seq``."""
    content = json.loads(open_sealed(key, sealed, info=protocol.audit_case(seq, version)))
    return OpenedCase(uuid.UUID(content["case"]), content["detail"])


def open_record(
    inbox_keys: Mapping[int, PrivateKey], record: Mapping[str, Any]
) -> OpenedCase | None:
    """The case an exported or listed entry is about; None if it names no sealed case.

    Raises ``KeyError`` when the inbox key version is not among ``inbox_keys``, and
    ``DecryptionError`` when the sealed bytes do not open for this entry.
    """
    if not record.get("case_sealed"):
        return None
    version = int(record["case_inbox_version"])
    return open_case(
        inbox_keys[version],
        seq=int(record["seq"]),
        version=version,
        sealed=bytes.fromhex(record["case_sealed"]),
    )


__all__ = ["DecryptionError", "OpenedCase", "open_case", "open_record"]
