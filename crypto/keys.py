"""X25519 keys: generation, raw serialisation, identifiers for machines and people."""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives.asymmetric.x25519 import (
    X25519PrivateKey,
    X25519PublicKey,
)

from .errors import KeyFormatError

PrivateKey = X25519PrivateKey
PublicKey = X25519PublicKey

_KEY_LENGTH = 32
_KEY_ID_LABEL = b"vertrouwenspunt/v1/key-id\x00"
_SAFETY_NUMBER_LABEL = b"vertrouwenspunt/v1/safety-number\x00"
_SAFETY_GROUPS = 6

# A throwaway scalar used only to detect small-order public keys (see
# `load_public_key`). Its value does not matter: every clamped X25519 scalar is
# a multiple of the cofactor 8, so the product with a small-order point is the
# identity whatever the scalar is.
_PROBE = X25519PrivateKey.generate()


def generate_private_key() -> PrivateKey:
    """Return a fresh X25519 private key from the operating system's CSPRNG."""
    return X25519PrivateKey.generate()


def public_key_bytes(key: PublicKey) -> bytes:
    """Return the 32-byte raw encoding of `key` (RFC 7748 §5)."""
    return key.public_bytes_raw()


def private_key_bytes(key: PrivateKey) -> bytes:
    """Return the 32-byte raw scalar of `key`; handle it as a secret."""
    return key.private_bytes_raw()


def load_public_key(raw: bytes) -> PublicKey:
    """Load a raw 32-byte X25519 public key.

    Raises `KeyFormatError` for any other length and for small-order points,
    the all-zero key among them. Encrypting to such a key would yield an
    all-zero, attacker-known shared secret (RFC 7748 §6.1, RFC 9180 §7.1.4),
    so we refuse it at the boundary rather than deep inside HPKE.
    """
    if not isinstance(raw, bytes) or len(raw) != _KEY_LENGTH:
        raise KeyFormatError("public key must be 32 raw bytes")
    key = X25519PublicKey.from_public_bytes(raw)
    try:
        # OpenSSL refuses an all-zero X25519 output, which is exactly the
        # small-order case; we reuse its check instead of a hand-kept list.
        _PROBE.exchange(key)
    except ValueError:
        raise KeyFormatError("public key is a small-order point") from None
    return key


def load_private_key(raw: bytes) -> PrivateKey:
    """Load a raw 32-byte X25519 private key; `KeyFormatError` for any other length."""
    if not isinstance(raw, bytes) or len(raw) != _KEY_LENGTH:
        raise KeyFormatError("private key must be 32 raw bytes")
    return X25519PrivateKey.from_private_bytes(raw)


def key_id(key: PublicKey) -> str:
    """Return a stable machine identifier of a public key: 32 lowercase hex digits.

    The label keeps this hash apart from the fingerprint and from any other
    SHA-256 over the same key bytes.
    """
    digest = hashlib.sha256(_KEY_ID_LABEL + public_key_bytes(key)).digest()
    return digest[:16].hex()


def fingerprint(key: PublicKey) -> str:
    """Return SHA-256 of the raw public key as uppercase hex in groups of 4.

    Meant for people comparing keys out of band, so it is the full 256-bit
    hash: a truncated value would let an attacker grind a look-alike key.
    """
    digest = hashlib.sha256(public_key_bytes(key)).hexdigest().upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def safety_number(key: PublicKey) -> str:
    """Return the number people compare before a key is trusted: 30 digits in 6 groups of 5.

    Each group is a 5-byte slice of SHA-256(label || key), big-endian, modulo 100 000 (Signal's
    construction; the bias of 2^40 mod 10^5 is below 10^-7). The 6 groups carry 99.6 bits, so a
    server that swaps in its own key must find a second preimage of a key it did not choose
    (about 2^99 hashes); short enough to read aloud or compare side by side (DESIGN: keys).
    """
    digest = hashlib.sha256(_SAFETY_NUMBER_LABEL + public_key_bytes(key)).digest()
    groups = (
        int.from_bytes(digest[5 * i : 5 * i + 5], "big") % 100_000 for i in range(_SAFETY_GROUPS)
    )
    return " ".join(f"{group:05d}" for group in groups)
