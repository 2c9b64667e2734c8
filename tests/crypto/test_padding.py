"""Padding to size buckets: powers of two up to 1 MiB, Padmé above."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crypto

MIB = 1 << 20
FAST = settings(max_examples=200, deadline=None, database=None)
lengths = st.integers(min_value=0, max_value=crypto.MAX_PLAINTEXT)


def padme_reference(length: int) -> int:
    # Algorithm 1 of Nikitin et al., PETS 2019, written as in the paper.
    e = math.floor(math.log2(length))
    s = math.floor(math.log2(e)) + 1
    last_bits = e - s
    bit_mask = (1 << last_bits) - 1
    return (length + bit_mask) & ~bit_mask


def is_bucket_reference(n: int) -> bool:
    if n <= MIB:
        return n >= 1024 and n & (n - 1) == 0
    return n <= padme_reference(crypto.MAX_PLAINTEXT + 4) and padme_reference(n) == n


@pytest.mark.parametrize(
    ("n", "bucket"),
    [
        (0, 1024),
        (1020, 1024),
        (1021, 2048),
        (2044, 2048),
        (2045, 4096),
        (MIB - 4, MIB),
        (MIB - 3, MIB + 32 * 1024),
        (2 * MIB, 2 * MIB + 64 * 1024),  # 5 significant bits at 2**21
        (crypto.MAX_PLAINTEXT, 66 * MIB),
    ],
)
def test_padded_size_table(n: int, bucket: int) -> None:
    assert crypto.padded_size(n) == bucket


@pytest.mark.parametrize("n", [-1, crypto.MAX_PLAINTEXT + 1])
def test_padded_size_refuses_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        crypto.padded_size(n)


def test_max_plaintext_is_64_mib() -> None:
    assert crypto.MAX_PLAINTEXT == 64 * MIB
    assert crypto.ENVELOPE_OVERHEAD == 48


@FAST
@given(n=st.integers(min_value=MIB - 3, max_value=crypto.MAX_PLAINTEXT))
def test_large_sizes_follow_padme(n: int) -> None:
    assert crypto.padded_size(n) == padme_reference(n + 4)


@FAST
@given(n=lengths)
def test_bucket_holds_data_with_bounded_overhead(n: int) -> None:
    size = crypto.padded_size(n)
    assert size >= n + 4
    if n + 4 > MIB:
        # Padmé keeps 5 significant bits here: at most 1/32 overhead.
        assert size - (n + 4) < (n + 4) / 32


@FAST
@given(a=lengths, b=lengths)
def test_padded_size_is_monotone(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert crypto.padded_size(low) <= crypto.padded_size(high)


@FAST
@given(n=lengths)
def test_every_bucket_is_a_padded_length(n: int) -> None:
    assert crypto.is_padded_length(crypto.padded_size(n))


@FAST
@given(n=st.integers(min_value=-10, max_value=70 * MIB))
def test_is_padded_length_matches_reference(n: int) -> None:
    assert crypto.is_padded_length(n) == is_bucket_reference(n)


@pytest.mark.parametrize(
    ("low", "high"),
    [
        (-8, 5000),
        (MIB - 4096, MIB + 70_000),
        (64 * MIB - 5000, 64 * MIB + 5000),
        (66 * MIB - 5000, 66 * MIB + 5000),
    ],
)
def test_is_padded_length_exhaustively_near_edges(low: int, high: int) -> None:
    mismatches = [
        n for n in range(low, high) if crypto.is_padded_length(n) != is_bucket_reference(n)
    ]
    assert mismatches == []


def test_is_valid_envelope_length() -> None:
    assert crypto.is_valid_envelope_length(48 + 1024)
    assert crypto.is_valid_envelope_length(48 + 66 * MIB)
    assert not crypto.is_valid_envelope_length(48 + 1023)
    assert not crypto.is_valid_envelope_length(1024)
    assert not crypto.is_valid_envelope_length(0)
    assert not crypto.is_valid_envelope_length(-5)


@settings(max_examples=50, deadline=None, database=None)
@given(data=st.binary(max_size=5000))
def test_pad_unpad_round_trip(data: bytes) -> None:
    padded = crypto.pad(data)
    assert len(padded) == crypto.padded_size(len(data))
    assert padded[:4] == len(data).to_bytes(4, "big")
    assert padded[4 : 4 + len(data)] == data
    assert set(padded[4 + len(data) :]) <= {0}
    assert crypto.unpad(padded) == data


def test_pad_refuses_oversized_data() -> None:
    with pytest.raises(ValueError):
        crypto.pad(bytes(crypto.MAX_PLAINTEXT + 1))


def _assert_unpad_fails(padded: bytes) -> None:
    with pytest.raises(crypto.DecryptionError) as caught:
        crypto.unpad(padded)
    assert str(caught.value) == "decryption failed"


@pytest.mark.parametrize("length", [0, 3, 4, 1023, 1025, 1536, 3000])
def test_unpad_refuses_lengths_that_are_not_buckets(length: int) -> None:
    _assert_unpad_fails(bytes(length))


def test_unpad_refuses_length_field_beyond_the_data() -> None:
    _assert_unpad_fails((1021).to_bytes(4, "big") + bytes(1020))


def test_unpad_refuses_length_field_above_maximum() -> None:
    _assert_unpad_fails(b"\xff\xff\xff\xff" + bytes(1020))


def test_unpad_refuses_non_canonical_bucket() -> None:
    # Ten bytes belong in the 1 KiB bucket, not in 2 KiB.
    _assert_unpad_fails((10).to_bytes(4, "big") + bytes(2044))


@pytest.mark.parametrize("position", [14, 500, 1023])
def test_unpad_refuses_nonzero_padding(position: int) -> None:
    padded = bytearray(crypto.pad(b"0123456789"))
    padded[position] = 1
    _assert_unpad_fails(bytes(padded))


def test_unpad_accepts_full_bucket() -> None:
    data = b"x" * 1020
    assert crypto.unpad(crypto.pad(data)) == data
    assert len(crypto.pad(data)) == 1024
