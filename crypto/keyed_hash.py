"""Keyed hashes for high-entropy bearer secrets and rate-limit keys.

A mailbox credential, session token or recovery code carries at least 96
bits, so a slow hash buys nothing; HMAC under a server-side key (a pepper)
means a stolen database alone cannot even test guesses.
"""

from __future__ import annotations

import hashlib
import hmac

_MIN_KEY_LENGTH = 32
_PREFIX = b"vertrouwenspunt/v1/"


def keyed_hash(key: bytes, value: bytes, *, purpose: str) -> bytes:
    """Return HMAC-SHA256(key, b"vertrouwenspunt/v1/" + purpose + b"\\x00" + value).

    `purpose` separates domains so that the hash of a token stored for one use
    can never match a lookup for another. `ValueError` for a key under 32
    bytes or a purpose that is empty or not printable ASCII.
    """
    if len(key) < _MIN_KEY_LENGTH:
        raise ValueError("keyed hash key must be at least 32 bytes")
    # The NUL separator is only unambiguous if the purpose cannot contain it.
    if not purpose or not all(" " <= c <= "~" for c in purpose):
        raise ValueError("purpose must be non-empty printable ASCII")
    message = _PREFIX + purpose.encode("ascii") + b"\x00" + value
    return hmac.new(key, message, hashlib.sha256).digest()


def keyed_hash_equal(a: bytes, b: bytes) -> bool:
    """Compare two keyed hashes in constant time."""
    return hmac.compare_digest(a, b)
