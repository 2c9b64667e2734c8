"""Staff passphrase derivation and private-key wrapping."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

import crypto

SALT = bytes(range(16))
ITERATIONS = 1000  # Far below MIN_PBKDF2_ITERATIONS, to keep tests fast.
WRAP_AAD = b"vertrouwenspunt/v1/staff-private-key"


def derive(passphrase: str, *, salt: bytes = SALT) -> crypto.StaffSecrets:
    return crypto.derive_staff_secrets(passphrase, salt=salt, iterations=ITERATIONS)


def test_minimum_iterations_constant() -> None:
    assert crypto.MIN_PBKDF2_ITERATIONS == 600_000


def test_derivation_follows_the_documented_recipe() -> None:
    master = PBKDF2HMAC(
        algorithm=hashes.SHA256(), length=32, salt=SALT, iterations=ITERATIONS
    ).derive(b"correct horse")

    def expand(info: bytes) -> bytes:
        salt = b"vertrouwenspunt/v1/staff"
        return HKDF(hashes.SHA256(), 32, salt=salt, info=info).derive(master)

    secrets = derive("correct horse")
    assert secrets.wrap_key == expand(b"wrap-key")
    assert secrets.auth_value == expand(b"auth-value")


def test_derivation_is_deterministic_and_separates_outputs() -> None:
    first, second = derive("correct horse"), derive("correct horse")
    assert first == second
    assert len(first.wrap_key) == len(first.auth_value) == 32
    assert first.auth_value != first.wrap_key


def test_salt_iterations_and_passphrase_all_matter() -> None:
    base = derive("correct horse")
    assert derive("correct horse", salt=bytes(16)) != base
    assert derive("correct horsE") != base
    other = crypto.derive_staff_secrets("correct horse", salt=SALT, iterations=999)
    assert other != base


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("caf\u0065\u0301", "caf\u00e9"), ("\ufb01sh", "fish"), ("\uff21BC", "ABC")],
)
def test_passphrase_is_nfkc_normalised(typed: str, stored: str) -> None:
    assert derive(typed) == derive(stored)


def test_secrets_are_hidden_from_repr() -> None:
    secrets = derive("correct horse")
    assert secrets.wrap_key.hex() not in repr(secrets)
    assert repr(secrets.wrap_key) not in repr(secrets)


@pytest.mark.parametrize(
    ("passphrase", "salt", "iterations"),
    [("", SALT, 1), ("x", bytes(15), 1), ("x", SALT, 0), ("x", SALT, -1)],
)
def test_bad_arguments_are_refused(passphrase: str, salt: bytes, iterations: int) -> None:
    with pytest.raises(ValueError):
        crypto.derive_staff_secrets(passphrase, salt=salt, iterations=iterations)


def test_wrap_round_trip(private_key: crypto.PrivateKey) -> None:
    wrap_key = derive("correct horse").wrap_key
    blob = crypto.wrap_private_key(private_key, wrap_key=wrap_key)
    assert len(blob) == 12 + 32 + 16
    unwrapped = crypto.unwrap_private_key(blob, wrap_key=wrap_key)
    assert crypto.private_key_bytes(unwrapped) == crypto.private_key_bytes(private_key)


def test_wraps_are_fresh(private_key: crypto.PrivateKey) -> None:
    wrap_key = derive("correct horse").wrap_key
    first = crypto.wrap_private_key(private_key, wrap_key=wrap_key)
    assert first != crypto.wrap_private_key(private_key, wrap_key=wrap_key)


def test_wrong_passphrase_cannot_unwrap(private_key: crypto.PrivateKey) -> None:
    blob = crypto.wrap_private_key(private_key, wrap_key=derive("correct horse").wrap_key)
    with pytest.raises(crypto.DecryptionError):
        crypto.unwrap_private_key(blob, wrap_key=derive("Correct horse").wrap_key)


def test_auth_value_cannot_unwrap(private_key: crypto.PrivateKey) -> None:
    secrets = derive("correct horse")
    blob = crypto.wrap_private_key(private_key, wrap_key=secrets.wrap_key)
    with pytest.raises(crypto.DecryptionError):
        crypto.unwrap_private_key(blob, wrap_key=secrets.auth_value)


@pytest.mark.parametrize("index", [0, 11, 12, 43, 59])
def test_tampered_wrap_fails(private_key: crypto.PrivateKey, index: int) -> None:
    wrap_key = derive("correct horse").wrap_key
    blob = bytearray(crypto.wrap_private_key(private_key, wrap_key=wrap_key))
    blob[index] ^= 1
    with pytest.raises(crypto.DecryptionError):
        crypto.unwrap_private_key(bytes(blob), wrap_key=wrap_key)


def test_truncated_wrap_fails(private_key: crypto.PrivateKey) -> None:
    wrap_key = derive("correct horse").wrap_key
    blob = crypto.wrap_private_key(private_key, wrap_key=wrap_key)
    for cut in range(len(blob)):
        with pytest.raises(crypto.DecryptionError):
            crypto.unwrap_private_key(blob[:cut], wrap_key=wrap_key)


def test_blob_sealed_for_another_purpose_fails(private_key: crypto.PrivateKey) -> None:
    wrap_key = derive("correct horse").wrap_key
    raw = crypto.private_key_bytes(private_key)
    blob = crypto.aead_seal(wrap_key, raw, aad=b"vertrouwenspunt/v1/totp-seed")
    with pytest.raises(crypto.DecryptionError):
        crypto.unwrap_private_key(blob, wrap_key=wrap_key)


def test_authentic_blob_of_the_wrong_size_fails() -> None:
    wrap_key = derive("correct horse").wrap_key
    blob = crypto.aead_seal(wrap_key, b"not a key", aad=WRAP_AAD)
    with pytest.raises(crypto.DecryptionError) as caught:
        crypto.unwrap_private_key(blob, wrap_key=wrap_key)
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__
