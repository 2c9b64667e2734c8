"""Sealed envelopes: HPKE (RFC 9180) base mode over padded plaintext.

One suite, no negotiation: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
AES-256-GCM. An envelope is `enc (32 bytes) || AES-GCM ciphertext`. The public
`Suite` API has no AAD, so the HPKE `info` is the only binder of a ciphertext
to its purpose and object; receivers rebuild it with `bind_info` from what
they expect, and never read it from the wire.
"""

from __future__ import annotations

import enum

from cryptography.hazmat.primitives import hpke

from .errors import DecryptionError
from .keys import PrivateKey, PublicKey
from .padding import is_valid_envelope_length, pad, unpad

_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
_INFO_PREFIX = b"vertrouwenspunt/v1/"


class Purpose(enum.Enum):
    """What an envelope is for; the value is the second path segment of its `info`."""

    REPORT = "report"
    REPORT_COPY = "report-copy"
    MESSAGE = "message"
    REPLY = "reply"
    NOTE = "note"
    NOTICE = "notice"
    KEY_WRAP = "key-wrap"
    SIGNAL = "signal"
    FEEDBACK = "feedback"
    # The server seals an audit entry's case reference to the inbox key (R5).
    AUDIT_CASE = "audit-case"
    # The server seals an erased report's id, in its tombstone, to the inbox key.
    ERASURE = "erasure"


def _is_valid_part(part: str) -> bool:
    # Printable ASCII only, and no "/" so that the parts cannot be re-split
    # differently: ("a/b",) and ("a", "b") must never give the same info.
    return bool(part) and "/" not in part and all(" " <= c <= "~" for c in part)


def bind_info(purpose: Purpose, *parts: str) -> bytes:
    """Build the HPKE `info` of an envelope.

    The result is b"vertrouwenspunt/v1/<purpose>/<part>[/<part>...]". Parts
    are the object's identifiers (e.g. report id, recipient key id).
    `ValueError` if there are no parts or a part is empty, contains "/" or
    is not printable ASCII.
    """
    if not isinstance(purpose, Purpose):
        raise TypeError("purpose must be a Purpose")
    if not parts or not all(isinstance(p, str) and _is_valid_part(p) for p in parts):
        raise ValueError("info parts must be non-empty printable ASCII without '/'")
    text = purpose.value + "/" + "/".join(parts)
    return _INFO_PREFIX + text.encode("ascii")


def _check_info(info: bytes) -> None:
    # Refuse an info that did not come from bind_info (for example b""): an
    # unbound envelope could be replayed as any other object.
    if not isinstance(info, bytes) or not info.startswith(_INFO_PREFIX):
        raise ValueError("info must come from bind_info")


def seal(public_key: PublicKey, plaintext: bytes, *, info: bytes) -> bytes:
    """Pad `plaintext` and encrypt it to `public_key`, bound to `info`.

    Returns `enc || ciphertext`; its length is `ENVELOPE_OVERHEAD` plus a
    padding bucket. Each call uses a fresh ephemeral key, so sealing the same
    plaintext twice gives unrelated envelopes.
    """
    if not isinstance(public_key, PublicKey):
        raise TypeError("public_key must be an X25519 public key")
    _check_info(info)
    return _SUITE.encrypt(pad(plaintext), public_key, info=info)


def _hpke_open(private_key: PrivateKey, ciphertext: bytes, info: bytes) -> bytes | None:
    # Fail closed (STYLE 4): InvalidTag, a malformed or small-order enc, or
    # anything else all become the same "decryption failed", so every
    # exception is caught here on purpose.
    try:
        return _SUITE.decrypt(ciphertext, private_key, info=info)
    except Exception:  # noqa: BLE001
        return None


def open_sealed(private_key: PrivateKey, ciphertext: bytes, *, info: bytes) -> bytes:
    """Decrypt an envelope made by `seal` and remove its padding.

    Every failure (wrong key, wrong `info`, tampering, truncation, bad
    padding) raises the same `DecryptionError`, with no chained cause.
    """
    if not isinstance(private_key, PrivateKey):
        raise TypeError("private_key must be an X25519 private key")
    _check_info(info)
    if not isinstance(ciphertext, bytes) or not is_valid_envelope_length(len(ciphertext)):
        raise DecryptionError
    padded = _hpke_open(private_key, ciphertext, info)
    # Raised outside the except block so no __context__ leaks the cause.
    if padded is None:
        raise DecryptionError
    return unpad(padded)
