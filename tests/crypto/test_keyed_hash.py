"""Keyed hashes of bearer secrets."""

from __future__ import annotations

import hashlib
import hmac

import pytest

import crypto

KEY = b"k" * 32


def test_matches_the_documented_construction() -> None:
    expected = hmac.new(
        KEY, b"vertrouwenspunt/v1/mailbox-credential\x00value", hashlib.sha256
    ).digest()
    assert crypto.keyed_hash(KEY, b"value", purpose="mailbox-credential") == expected


def test_purposes_and_keys_separate_hashes() -> None:
    base = crypto.keyed_hash(KEY, b"token", purpose="session")
    assert len(base) == 32
    assert base == crypto.keyed_hash(KEY, b"token", purpose="session")
    assert base != crypto.keyed_hash(KEY, b"token", purpose="recovery-code")
    assert base != crypto.keyed_hash(b"j" * 32, b"token", purpose="session")
    assert base != crypto.keyed_hash(KEY, b"token2", purpose="session")


def test_longer_keys_are_accepted() -> None:
    assert len(crypto.keyed_hash(b"k" * 64, b"", purpose="rate-limit")) == 32


def test_short_key_is_refused() -> None:
    with pytest.raises(ValueError):
        crypto.keyed_hash(b"k" * 31, b"value", purpose="session")


@pytest.mark.parametrize("purpose", ["", "a\x00b", "caf\u00e9", "tab\t"])
def test_bad_purpose_is_refused(purpose: str) -> None:
    with pytest.raises(ValueError):
        crypto.keyed_hash(KEY, b"value", purpose=purpose)


def test_keyed_hash_equal() -> None:
    digest = crypto.keyed_hash(KEY, b"value", purpose="session")
    assert crypto.keyed_hash_equal(digest, bytes(digest))
    assert not crypto.keyed_hash_equal(digest, bytes(32))
    assert not crypto.keyed_hash_equal(digest, digest[:31])
