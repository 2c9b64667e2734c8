"""Argon2id hashing of the staff authentication value."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, Type

import crypto


@pytest.fixture
def hasher(fast_params: crypto.Argon2Params) -> crypto.SecretHasher:
    return crypto.SecretHasher(fast_params)


def test_hash_is_argon2id_with_the_given_parameters(
    hasher: crypto.SecretHasher,
) -> None:
    encoded = hasher.hash(b"auth value")
    assert encoded.startswith("$argon2id$v=19$m=8,t=1,p=1$")


def test_hashes_are_salted(hasher: crypto.SecretHasher) -> None:
    assert hasher.hash(b"auth value") != hasher.hash(b"auth value")


def test_verify_accepts_the_right_value(hasher: crypto.SecretHasher) -> None:
    hasher.verify(hasher.hash(b"auth value"), b"auth value")  # does not raise


def test_verify_rejects_the_wrong_value(hasher: crypto.SecretHasher) -> None:
    with pytest.raises(crypto.VerificationError) as caught:
        hasher.verify(hasher.hash(b"auth value"), b"auth valuE")
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


def _malformed(encoded: str) -> list[str]:
    return [
        "",
        "garbage",
        "$argon2id$v=19$m=8,t=1,p=1$",
        encoded[:-5],
        encoded.replace("$v=19$", "$v=99$"),
    ]


def test_verify_rejects_malformed_hashes(hasher: crypto.SecretHasher) -> None:
    for bad in _malformed(hasher.hash(b"auth value")):
        with pytest.raises(crypto.VerificationError):
            hasher.verify(bad, b"auth value")


def test_verify_rejects_other_argon2_variants(hasher: crypto.SecretHasher) -> None:
    # Even with the right value: a row rewritten to Argon2i must not pass.
    weaker = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.I)
    with pytest.raises(crypto.VerificationError):
        hasher.verify(weaker.hash(b"auth value"), b"auth value")


def test_needs_rehash_when_parameters_change(fast_params: crypto.Argon2Params) -> None:
    old = crypto.SecretHasher(fast_params)
    encoded = old.hash(b"auth value")
    assert not old.needs_rehash(encoded)
    for params in [
        crypto.Argon2Params(time_cost=2, memory_cost_kib=8, parallelism=1),
        crypto.Argon2Params(time_cost=1, memory_cost_kib=16, parallelism=1),
        crypto.Argon2Params(time_cost=1, memory_cost_kib=16, parallelism=2),
    ]:
        assert crypto.SecretHasher(params).needs_rehash(encoded)


def test_needs_rehash_for_unusable_hashes(hasher: crypto.SecretHasher) -> None:
    weaker = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.I)
    assert hasher.needs_rehash(weaker.hash(b"auth value"))
    assert hasher.needs_rehash("garbage")
    assert hasher.needs_rehash("$argon2id$nonsense")


@pytest.mark.parametrize(
    ("time_cost", "memory_cost_kib", "parallelism"),
    [(0, 8, 1), (1, 8, 0), (1, 7, 1), (1, 8, 2)],
)
def test_params_below_the_argon2_minimum_are_refused(
    time_cost: int, memory_cost_kib: int, parallelism: int
) -> None:
    with pytest.raises(ValueError):
        crypto.Argon2Params(
            time_cost=time_cost,
            memory_cost_kib=memory_cost_kib,
            parallelism=parallelism,
        )
