"""The exception hierarchy of the crypto package.

Callers catch `CryptoError` (or one of its subclasses) and never learn more
than the class: messages are fixed so that nothing about keys, plaintexts or
the failing step reaches a log line or an HTTP response (fail closed, STYLE 4).
"""

from __future__ import annotations


class CryptoError(Exception):
    """Base class of every error raised on purpose by `crypto`."""


class DecryptionError(CryptoError):
    """A ciphertext could not be opened: wrong key, wrong binding, tampering or garbage.

    The message is always "decryption failed" so that a padding oracle or a
    "which check failed" oracle cannot be built from it.
    """

    def __init__(self) -> None:
        super().__init__("decryption failed")


class KeyFormatError(CryptoError):
    """Raw key bytes have the wrong length or encode an unusable key."""


class ReceiptError(CryptoError):
    """A receipt typed by a reporter could not be accepted."""


class ReceiptFormatError(ReceiptError):
    """The receipt has the wrong length or a character outside the alphabet."""


class ReceiptTypoError(ReceiptError):
    """The receipt has the right shape but its check symbol does not match: a typo."""


class VerificationError(CryptoError):
    """A secret did not match its stored hash, or a proof of work was not valid."""
