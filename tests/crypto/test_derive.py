"""Key derivation: DeriveKeyPair (RFC vectors in test_vectors.py) and HKDF."""

from __future__ import annotations

import pytest

import crypto


def test_derive_key_pair_is_deterministic() -> None:
    ikm = bytes(range(32))
    first = crypto.derive_key_pair(ikm)
    second = crypto.derive_key_pair(ikm)
    assert crypto.private_key_bytes(first) == crypto.private_key_bytes(second)


def test_derive_key_pair_depends_on_every_input_byte() -> None:
    base = crypto.private_key_bytes(crypto.derive_key_pair(bytes(32)))
    changed = crypto.private_key_bytes(crypto.derive_key_pair(bytes(31) + b"\x01"))
    assert base != changed


def test_derive_key_pair_accepts_longer_ikm() -> None:
    key = crypto.derive_key_pair(bytes(64))
    assert len(crypto.private_key_bytes(key)) == 32


@pytest.mark.parametrize("length", [0, 16, 31])
def test_derive_key_pair_rejects_short_ikm(length: int) -> None:
    with pytest.raises(ValueError):
        crypto.derive_key_pair(bytes(length))


def test_hkdf_matches_rfc_5869_test_case_1() -> None:
    okm = crypto.hkdf(
        bytes([0x0B] * 22),
        salt=bytes(range(0x0D)),
        info=bytes(range(0xF0, 0xFA)),
        length=42,
    )
    assert okm.hex() == (
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
    )


def test_hkdf_defaults_to_32_bytes_and_separates_labels() -> None:
    first = crypto.hkdf(b"k" * 32, salt=b"s", info=b"one")
    second = crypto.hkdf(b"k" * 32, salt=b"s", info=b"two")
    assert len(first) == 32
    assert first != second
