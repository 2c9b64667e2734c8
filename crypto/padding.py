"""Length hiding: plaintexts are padded to size buckets before they are sealed.

Format: 4-byte big-endian length of the real data || data || zero bytes up to
the bucket. Up to 1 MiB the buckets are powers of two (at least 1 KiB), which
hides short texts completely among each other; above 1 MiB they follow Padmé
(Nikitin et al., "Reducing Metadata Leakage from Encrypted Files and
Communication with PURBs", PETS 2019), which leaks O(log log n) bits of the
length at no more than about 12 % overhead (about 3 % in our range).
"""

from __future__ import annotations

from .errors import DecryptionError

_HEADER_LENGTH = 4
_MIN_BUCKET = 1024
_POWER_OF_TWO_LIMIT = 1 << 20  # 1 MiB

MAX_PLAINTEXT = 64 << 20  # 64 MiB
# An envelope is HPKE enc (32 bytes, an X25519 public key) || AES-GCM
# ciphertext, which is as long as its padded plaintext plus a 16-byte tag.
ENVELOPE_OVERHEAD = 32 + 16


def _padme(length: int) -> int:
    # Padmé, Algorithm 1 of the PURBs paper: keep the top
    # floor(log2(E)) + 1 bits of the length and round the rest up, where
    # E = floor(log2(length)).
    exponent = length.bit_length() - 1
    kept_bits = exponent.bit_length()
    mask = (1 << (exponent - kept_bits)) - 1
    return (length + mask) & ~mask


def padded_size(n: int) -> int:
    """Return the bucket (total padded length) for `n` bytes of data.

    `ValueError` if `n` is negative or above `MAX_PLAINTEXT`.
    """
    if n < 0 or n > MAX_PLAINTEXT:
        raise ValueError("plaintext length out of range")
    total = n + _HEADER_LENGTH
    if total <= _POWER_OF_TWO_LIMIT:
        return max(_MIN_BUCKET, 1 << (total - 1).bit_length())
    return _padme(total)


def is_padded_length(n: int) -> bool:
    """Tell whether `n` is a length that `padded_size` can return."""
    if n < _HEADER_LENGTH:
        return False
    # padded_size is non-decreasing and returns the smallest bucket that holds
    # its input, so `n` is a bucket exactly when it is the bucket of n - 4
    # (capped at the maximum, whose bucket lies above MAX_PLAINTEXT + 4).
    return padded_size(min(n - _HEADER_LENGTH, MAX_PLAINTEXT)) == n


def is_valid_envelope_length(n: int) -> bool:
    """Tell whether `n` is the length of some envelope made by `seal`.

    The server uses this to refuse uploads that cannot be our ciphertext,
    such as plaintext sent by a broken or malicious client.
    """
    return is_padded_length(n - ENVELOPE_OVERHEAD)


def pad(data: bytes) -> bytes:
    """Prefix `data` with its length and pad it with zeros to its bucket.

    `ValueError` if `data` is longer than `MAX_PLAINTEXT`.
    """
    size = padded_size(len(data))
    header = len(data).to_bytes(_HEADER_LENGTH, "big")
    return header + data + bytes(size - _HEADER_LENGTH - len(data))


def unpad(padded: bytes) -> bytes:
    """Undo `pad`; raise `DecryptionError` for anything `pad` cannot have produced.

    This runs only on plaintext already authenticated by AES-GCM, so the
    data-dependent early exits below reveal nothing an attacker controls.
    """
    if not is_padded_length(len(padded)):
        raise DecryptionError
    length = int.from_bytes(padded[:_HEADER_LENGTH], "big")
    # Refuse non-canonical padding (a larger bucket than needed) too: only
    # one encoding per plaintext keeps the length leak exactly as documented.
    if length > MAX_PLAINTEXT or padded_size(length) != len(padded):
        raise DecryptionError
    end = _HEADER_LENGTH + length
    if padded[end:] != bytes(len(padded) - end):
        raise DecryptionError
    return padded[_HEADER_LENGTH:end]
