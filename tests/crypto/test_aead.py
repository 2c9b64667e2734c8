"""AES-256-GCM with random nonces, for key wraps and server secrets at rest."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

import crypto

KEY = bytes(range(32))
AAD = b"vertrouwenspunt/v1/test"


def _assert_fails_opaquely(blob: bytes, *, key: bytes = KEY, aad: bytes = AAD) -> None:
    with pytest.raises(crypto.DecryptionError) as caught:
        crypto.aead_open(key, blob, aad=aad)
    assert str(caught.value) == "decryption failed"
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None


@pytest.mark.parametrize("plaintext", [b"", b"x", b"secret totp seed", bytes(5000)])
def test_round_trip(plaintext: bytes) -> None:
    blob = crypto.aead_seal(KEY, plaintext, aad=AAD)
    assert len(blob) == 12 + len(plaintext) + 16
    assert crypto.aead_open(KEY, blob, aad=AAD) == plaintext


def test_format_is_nonce_then_aesgcm_output() -> None:
    blob = crypto.aead_seal(KEY, b"payload", aad=AAD)
    assert AESGCM(KEY).decrypt(blob[:12], blob[12:], AAD) == b"payload"


def test_nonces_are_fresh() -> None:
    first = crypto.aead_seal(KEY, b"same", aad=AAD)
    second = crypto.aead_seal(KEY, b"same", aad=AAD)
    assert first[:12] != second[:12]
    assert first != second


def test_wrong_key_fails() -> None:
    _assert_fails_opaquely(crypto.aead_seal(KEY, b"x", aad=AAD), key=bytes(32))


def test_wrong_aad_fails() -> None:
    _assert_fails_opaquely(crypto.aead_seal(KEY, b"x", aad=AAD), aad=AAD + b"!")


def test_every_flipped_bit_fails() -> None:
    blob = crypto.aead_seal(KEY, b"short", aad=AAD)
    for bit in range(len(blob) * 8):
        tampered = bytearray(blob)
        tampered[bit // 8] ^= 1 << (bit % 8)
        _assert_fails_opaquely(bytes(tampered))


def test_every_truncation_fails() -> None:
    blob = crypto.aead_seal(KEY, b"short", aad=AAD)
    for cut in range(len(blob)):
        _assert_fails_opaquely(blob[:cut])


def test_empty_blob_fails() -> None:
    _assert_fails_opaquely(b"")


@pytest.mark.parametrize("length", [0, 16, 31, 33])
def test_wrong_key_length_is_a_programming_error(length: int) -> None:
    with pytest.raises(ValueError):
        crypto.aead_seal(bytes(length), b"x", aad=AAD)
    with pytest.raises(ValueError):
        crypto.aead_open(bytes(length), bytes(40), aad=AAD)
