"""Key generation, raw (de)serialisation, key ids and fingerprints."""

from __future__ import annotations

import hashlib
import re

import pytest

import crypto

# Small-order X25519 points: 0, 1, the two points of order 8, and the
# non-canonical encodings p - 1, p and p + 1 (cf. libsodium's blocklist).
SMALL_ORDER_POINTS = [
    "00" * 32,
    "01" + "00" * 31,
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
    "ec" + "ff" * 30 + "7f",
    "ed" + "ff" * 30 + "7f",
    "ee" + "ff" * 30 + "7f",
]


def test_generated_keys_are_fresh() -> None:
    first, second = crypto.generate_private_key(), crypto.generate_private_key()
    assert crypto.private_key_bytes(first) != crypto.private_key_bytes(second)


def test_raw_bytes_round_trip(private_key: crypto.PrivateKey) -> None:
    raw_private = crypto.private_key_bytes(private_key)
    raw_public = crypto.public_key_bytes(private_key.public_key())
    assert len(raw_private) == len(raw_public) == 32
    loaded = crypto.load_private_key(raw_private)
    assert crypto.private_key_bytes(loaded) == raw_private
    assert crypto.public_key_bytes(crypto.load_public_key(raw_public)) == raw_public


@pytest.mark.parametrize("length", [0, 31, 33, 64])
def test_load_public_key_rejects_wrong_length(length: int) -> None:
    with pytest.raises(crypto.KeyFormatError):
        crypto.load_public_key(b"\x09" * length)


@pytest.mark.parametrize("length", [0, 31, 33, 64])
def test_load_private_key_rejects_wrong_length(length: int) -> None:
    with pytest.raises(crypto.KeyFormatError):
        crypto.load_private_key(b"\x09" * length)


def test_load_rejects_non_bytes() -> None:
    with pytest.raises(crypto.KeyFormatError):
        crypto.load_public_key("a" * 32)  # type: ignore[arg-type]
    with pytest.raises(crypto.KeyFormatError):
        crypto.load_private_key(bytearray(32))  # type: ignore[arg-type]


@pytest.mark.parametrize("point", SMALL_ORDER_POINTS)
def test_load_public_key_rejects_small_order_points(point: str) -> None:
    with pytest.raises(crypto.KeyFormatError):
        crypto.load_public_key(bytes.fromhex(point))


def test_key_format_error_is_a_crypto_error() -> None:
    assert issubclass(crypto.KeyFormatError, crypto.CryptoError)


def test_key_id_is_labelled_truncated_sha256(private_key: crypto.PrivateKey) -> None:
    raw = crypto.public_key_bytes(private_key.public_key())
    expected = hashlib.sha256(b"vertrouwenspunt/v1/key-id\x00" + raw).digest()[:16]
    key_id = crypto.key_id(private_key.public_key())
    assert key_id == expected.hex()
    assert re.fullmatch(r"[0-9a-f]{32}", key_id)


def test_key_id_known_answer() -> None:
    public = crypto.derive_key_pair(bytes(32)).public_key()
    raw = crypto.public_key_bytes(public)
    label = b"vertrouwenspunt/v1/key-id\x00"
    assert crypto.key_id(public) == hashlib.sha256(label + raw).hexdigest()[:32]


def test_fingerprint_is_grouped_uppercase_sha256(
    private_key: crypto.PrivateKey,
) -> None:
    public = private_key.public_key()
    fingerprint = crypto.fingerprint(public)
    assert re.fullmatch(r"[0-9A-F]{4}( [0-9A-F]{4}){15}", fingerprint)
    digest = hashlib.sha256(crypto.public_key_bytes(public)).hexdigest().upper()
    assert fingerprint.replace(" ", "") == digest


def test_key_id_and_fingerprint_are_independent(private_key: crypto.PrivateKey) -> None:
    public = private_key.public_key()
    fingerprint = crypto.fingerprint(public).replace(" ", "").lower()
    assert not fingerprint.startswith(crypto.key_id(public))


def test_safety_number_is_six_groups_of_five_digits_from_a_labelled_hash(
    private_key: crypto.PrivateKey,
) -> None:
    public = private_key.public_key()
    number = crypto.safety_number(public)
    assert re.fullmatch(r"[0-9]{5}( [0-9]{5}){5}", number)
    digest = hashlib.sha256(
        b"vertrouwenspunt/v1/safety-number\x00" + crypto.public_key_bytes(public)
    ).digest()
    expected = [int.from_bytes(digest[i : i + 5], "big") % 100_000 for i in range(0, 30, 5)]
    assert [int(group) for group in number.split()] == expected


def test_safety_numbers_of_different_keys_differ() -> None:
    numbers = {crypto.safety_number(crypto.generate_private_key().public_key()) for _ in range(50)}
    assert len(numbers) == 50
