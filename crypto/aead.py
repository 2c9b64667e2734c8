"""Symmetric authenticated encryption: AES-256-GCM with a random 96-bit nonce.

Used for staff private-key wraps and for the server's own secrets at rest
(TOTP seeds). Random nonces are safe for up to 2**32 messages per key (NIST
SP 800-38D §8.3); every use here encrypts a handful of values per key.
"""

from __future__ import annotations

import secrets

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .errors import DecryptionError

_KEY_LENGTH = 32
_NONCE_LENGTH = 12
_TAG_LENGTH = 16


def _check_key(key: bytes) -> None:
    # A wrong key length is a programming error, not an attack, so it gets a
    # loud ValueError instead of the opaque DecryptionError.
    if len(key) != _KEY_LENGTH:
        raise ValueError("AES-256-GCM key must be 32 bytes")


def aead_seal(key: bytes, plaintext: bytes, *, aad: bytes) -> bytes:
    """Encrypt `plaintext` under a 32-byte key.

    Returns nonce (12 bytes) || ciphertext || tag (16 bytes). `aad` is
    authenticated but not encrypted; use a distinct label per purpose.
    """
    _check_key(key)
    nonce = secrets.token_bytes(_NONCE_LENGTH)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def _open(key: bytes, blob: bytes, aad: bytes) -> bytes | None:
    # Fail closed (STYLE 4): whatever goes wrong, the caller learns only
    # "decryption failed", so every exception is caught here on purpose.
    try:
        return AESGCM(key).decrypt(blob[:_NONCE_LENGTH], blob[_NONCE_LENGTH:], aad)
    except Exception:  # noqa: BLE001
        return None


def aead_open(key: bytes, blob: bytes, *, aad: bytes) -> bytes:
    """Decrypt a blob made by `aead_seal`; raise `DecryptionError` on any failure."""
    _check_key(key)
    if len(blob) < _NONCE_LENGTH + _TAG_LENGTH:
        raise DecryptionError
    plaintext = _open(key, blob, aad)
    # Raised outside the except block so the exception has no __context__
    # pointing at the underlying InvalidTag.
    if plaintext is None:
        raise DecryptionError
    return plaintext
