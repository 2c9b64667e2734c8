"""Staff passphrase: one PBKDF2 run, then separate keys for wrapping and for logging in.

The browser repeats this with WebCrypto, which offers PBKDF2 but no
memory-hard KDF, hence PBKDF2-SHA256 with a high iteration count (DESIGN).
The server only ever sees `auth_value` (and stores it Argon2id-hashed); the
`wrap_key` and the passphrase never leave the browser. Because the two come
from HKDF with different labels, knowing one says nothing about the other.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from .aead import aead_open, aead_seal
from .derive import hkdf
from .errors import DecryptionError, KeyFormatError
from .keys import PrivateKey, load_private_key, private_key_bytes

# OWASP Password Storage Cheat Sheet (2023) figure for PBKDF2-HMAC-SHA256.
# The server enforces it when it hands out parameters; this module accepts
# lower counts so that tests stay fast.
MIN_PBKDF2_ITERATIONS = 600_000

_MIN_SALT_LENGTH = 16
_HKDF_SALT = b"vertrouwenspunt/v1/staff"
_WRAP_AAD = b"vertrouwenspunt/v1/staff-private-key"


@dataclass(frozen=True)
class StaffSecrets:
    """The two values derived from a staff passphrase; repr hides them from logs."""

    wrap_key: bytes = field(repr=False)
    auth_value: bytes = field(repr=False)


def derive_staff_secrets(passphrase: str, *, salt: bytes, iterations: int) -> StaffSecrets:
    """Derive the wrap key and the authentication value from a staff passphrase.

    master = PBKDF2-HMAC-SHA256(UTF-8(NFKC(passphrase)), salt, iterations, 32)
    and each output is HKDF-SHA256(master) with its own label. NFKC makes the
    same passphrase typed on different keyboards give the same bytes.
    `ValueError` for an empty passphrase, a salt under 16 bytes or
    iterations below 1.
    """
    if not passphrase:
        raise ValueError("passphrase must not be empty")
    if len(salt) < _MIN_SALT_LENGTH:
        raise ValueError("salt must be at least 16 bytes")
    if iterations < 1:
        raise ValueError("iterations must be at least 1")
    secret = unicodedata.normalize("NFKC", passphrase).encode("utf-8")
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=iterations)
    master = kdf.derive(secret)
    return StaffSecrets(
        wrap_key=hkdf(master, salt=_HKDF_SALT, info=b"wrap-key"),
        auth_value=hkdf(master, salt=_HKDF_SALT, info=b"auth-value"),
    )


def wrap_private_key(key: PrivateKey, *, wrap_key: bytes) -> bytes:
    """Encrypt a staff private key under its wrap key: 60 bytes, nonce || ct || tag."""
    return aead_seal(wrap_key, private_key_bytes(key), aad=_WRAP_AAD)


def unwrap_private_key(blob: bytes, *, wrap_key: bytes) -> PrivateKey:
    """Decrypt a blob made by `wrap_private_key`; `DecryptionError` on any failure."""
    raw = aead_open(wrap_key, blob, aad=_WRAP_AAD)
    try:
        return load_private_key(raw)
    except KeyFormatError:
        # Authentic but not 32 bytes: sealed by something else under this key.
        raise DecryptionError from None
