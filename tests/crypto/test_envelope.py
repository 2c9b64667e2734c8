"""Sealed envelopes: the behaviour checklist of STYLE 6 (round trip, wrong key,
wrong info, flipped bit, truncation, empty, large, fresh randomness)."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import hpke
from hypothesis import given, settings
from hypothesis import strategies as st

import crypto

SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
# Each HPKE operation costs two X25519 multiplications; a few dozen examples
# find what there is to find. No example database: nothing is written to disk.
FEW = settings(max_examples=25, deadline=None, database=None)
KEY = crypto.generate_private_key()
INFO = crypto.bind_info(crypto.Purpose.MESSAGE, "case-7", "key-1")
SAMPLE = crypto.seal(KEY.public_key(), b"the quick brown fox", info=INFO)


def _assert_fails_opaquely(
    ciphertext: bytes, *, key: crypto.PrivateKey = KEY, info: bytes = INFO
) -> None:
    with pytest.raises(crypto.DecryptionError) as caught:
        crypto.open_sealed(key, ciphertext, info=info)
    assert str(caught.value) == "decryption failed"
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None


@FEW
@given(size=st.integers(min_value=0, max_value=200_000), fill=st.binary(min_size=1))
def test_round_trip_up_to_200_kb(size: int, fill: bytes) -> None:
    plaintext = (fill * (size // len(fill) + 1))[:size]
    ciphertext = crypto.seal(KEY.public_key(), plaintext, info=INFO)
    assert crypto.open_sealed(KEY, ciphertext, info=INFO) == plaintext


@FEW
@given(plaintext=st.binary(max_size=5000))
def test_round_trip_arbitrary_bytes(plaintext: bytes) -> None:
    ciphertext = crypto.seal(KEY.public_key(), plaintext, info=INFO)
    assert crypto.open_sealed(KEY, ciphertext, info=INFO) == plaintext


@pytest.mark.parametrize("size", [0, 1020, 1021, (1 << 20) - 4, (1 << 20) - 3])
def test_round_trip_at_bucket_edges(size: int) -> None:
    plaintext = bytes(range(256)) * (size // 256) + bytes(size % 256)
    ciphertext = crypto.seal(KEY.public_key(), plaintext, info=INFO)
    assert len(ciphertext) == crypto.ENVELOPE_OVERHEAD + crypto.padded_size(size)
    assert crypto.open_sealed(KEY, ciphertext, info=INFO) == plaintext


@FEW
@given(size=st.integers(min_value=0, max_value=70_000))
def test_length_is_overhead_plus_bucket(size: int) -> None:
    ciphertext = crypto.seal(KEY.public_key(), bytes(size), info=INFO)
    assert len(ciphertext) == crypto.ENVELOPE_OVERHEAD + crypto.padded_size(size)
    assert crypto.is_valid_envelope_length(len(ciphertext))


@settings(max_examples=200, deadline=None, database=None)
@given(bit=st.integers(min_value=0, max_value=len(SAMPLE) * 8 - 1))
def test_every_flipped_bit_fails(bit: int) -> None:
    tampered = bytearray(SAMPLE)
    tampered[bit // 8] ^= 1 << (bit % 8)
    _assert_fails_opaquely(bytes(tampered))


@pytest.mark.parametrize("index", [0, 31, 32, 33, len(SAMPLE) - 17, len(SAMPLE) - 1])
def test_flipped_byte_in_each_region_fails(index: int) -> None:
    # enc (0..31), first ciphertext bytes, last ciphertext byte, tag.
    tampered = bytearray(SAMPLE)
    tampered[index] ^= 0x80
    _assert_fails_opaquely(bytes(tampered))


@FEW
@given(cut=st.integers(min_value=0, max_value=len(SAMPLE) - 1))
def test_any_truncation_fails(cut: int) -> None:
    _assert_fails_opaquely(SAMPLE[:cut])


def test_truncation_to_a_valid_length_fails() -> None:
    # Same shape as a real envelope, so HPKE itself must refuse it.
    big = crypto.seal(KEY.public_key(), bytes(2000), info=INFO)
    _assert_fails_opaquely(big[: crypto.ENVELOPE_OVERHEAD + 1024])


def test_appended_bytes_fail() -> None:
    _assert_fails_opaquely(SAMPLE + b"\x00")


def test_empty_ciphertext_fails() -> None:
    _assert_fails_opaquely(b"")


def test_garbage_of_a_valid_length_fails() -> None:
    _assert_fails_opaquely(bytes(range(256)) * 4 + bytes(crypto.ENVELOPE_OVERHEAD))


def test_all_zero_enc_fails() -> None:
    _assert_fails_opaquely(bytes(32) + SAMPLE[32:])


def test_non_bytes_ciphertext_fails() -> None:
    _assert_fails_opaquely(bytearray(SAMPLE))  # type: ignore[arg-type]


def test_wrong_key_fails() -> None:
    _assert_fails_opaquely(SAMPLE, key=crypto.generate_private_key())


@pytest.mark.parametrize(
    "other_info",
    [
        crypto.bind_info(crypto.Purpose.REPLY, "case-7", "key-1"),
        crypto.bind_info(crypto.Purpose.MESSAGE, "case-8", "key-1"),
        crypto.bind_info(crypto.Purpose.MESSAGE, "case-7", "key-2"),
        crypto.bind_info(crypto.Purpose.MESSAGE, "case-7"),
        crypto.bind_info(crypto.Purpose.MESSAGE, "case-7", "key-1", "x"),
    ],
)
def test_wrong_info_fails(other_info: bytes) -> None:
    _assert_fails_opaquely(SAMPLE, info=other_info)


def test_malformed_padding_inside_valid_hpke_fails() -> None:
    # Authentic HPKE, but the plaintext claims more data than it holds.
    bad = (5000).to_bytes(4, "big") + bytes(1020)
    ciphertext = SUITE.encrypt(bad, KEY.public_key(), info=INFO)
    _assert_fails_opaquely(ciphertext)


def test_two_seals_of_the_same_plaintext_differ() -> None:
    first = crypto.seal(KEY.public_key(), b"same", info=INFO)
    second = crypto.seal(KEY.public_key(), b"same", info=INFO)
    assert first != second
    assert first[:32] != second[:32]  # fresh ephemeral key each time


def test_envelope_is_plain_hpke_over_padded_plaintext() -> None:
    # What the browser must reproduce: Suite.decrypt, then strip the padding.
    padded = SUITE.decrypt(SAMPLE, KEY, info=INFO)
    assert padded == crypto.pad(b"the quick brown fox")


def test_browser_style_envelope_opens() -> None:
    ciphertext = SUITE.encrypt(crypto.pad(b"from the browser"), KEY.public_key(), info=INFO)
    assert crypto.open_sealed(KEY, ciphertext, info=INFO) == b"from the browser"


@pytest.mark.parametrize("info", [b"", b"report/1", b"vertrouwenspunt/v2/report/1"])
def test_info_not_from_bind_info_is_refused(info: bytes) -> None:
    with pytest.raises(ValueError):
        crypto.seal(KEY.public_key(), b"x", info=info)
    with pytest.raises(ValueError):
        crypto.open_sealed(KEY, SAMPLE, info=info)


def test_wrong_key_types_are_refused() -> None:
    with pytest.raises(TypeError):
        crypto.seal(KEY, b"x", info=INFO)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        crypto.open_sealed(KEY.public_key(), SAMPLE, info=INFO)  # type: ignore[arg-type]


def test_seal_refuses_oversized_plaintext() -> None:
    with pytest.raises(ValueError):
        crypto.seal(KEY.public_key(), bytes(crypto.MAX_PLAINTEXT + 1), info=INFO)


def test_bind_info_layout() -> None:
    info = crypto.bind_info(crypto.Purpose.REPORT_COPY, "r-1", "0a1b")
    assert info == b"vertrouwenspunt/v1/report-copy/r-1/0a1b"


def test_purpose_values_are_fixed() -> None:
    assert {p.value for p in crypto.Purpose} == {
        "report",
        "report-copy",
        "message",
        "reply",
        "note",
        "notice",
        "key-wrap",
        "signal",
        "feedback",
        "audit-case",
        "erasure",
    }


@pytest.mark.parametrize(
    "parts",
    [(), ("",), ("a/b",), ("ok", ""), ("é",), ("tab\t",), ("nl\n",), ("\x7f",)],
)
def test_bind_info_rejects_bad_parts(parts: tuple[str, ...]) -> None:
    with pytest.raises(ValueError):
        crypto.bind_info(crypto.Purpose.NOTE, *parts)


def test_bind_info_rejects_non_string_part() -> None:
    with pytest.raises(ValueError):
        crypto.bind_info(crypto.Purpose.NOTE, b"bytes")  # type: ignore[arg-type]


def test_bind_info_rejects_a_plain_string_purpose() -> None:
    with pytest.raises(TypeError):
        crypto.bind_info("report", "1")  # type: ignore[arg-type]


@FEW
@given(
    parts=st.lists(
        st.text(
            alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters="/"),
            min_size=1,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_bind_info_is_injective_over_valid_parts(parts: list[str]) -> None:
    info = crypto.bind_info(crypto.Purpose.SIGNAL, *parts)
    assert info.split(b"/")[3:] == [p.encode("ascii") for p in parts]


def test_text_info_is_refused() -> None:
    text_info = "vertrouwenspunt/v1/message/case-7/key-1"
    with pytest.raises(ValueError):
        crypto.seal(KEY.public_key(), b"x", info=text_info)  # type: ignore[arg-type]
