"""The exception hierarchy callers rely on."""

from __future__ import annotations

import pytest

import crypto


@pytest.mark.parametrize(
    "error",
    [
        crypto.DecryptionError,
        crypto.KeyFormatError,
        crypto.ReceiptError,
        crypto.ReceiptFormatError,
        crypto.ReceiptTypoError,
        crypto.VerificationError,
    ],
)
def test_every_error_is_a_crypto_error(error: type[Exception]) -> None:
    assert issubclass(error, crypto.CryptoError)


def test_decryption_error_says_nothing_more() -> None:
    assert str(crypto.DecryptionError()) == "decryption failed"
    with pytest.raises(TypeError):
        crypto.DecryptionError("detail")  # type: ignore[call-arg]
