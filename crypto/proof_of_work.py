"""A hashcash-style proof of work that slows down automated submissions.

A solution to `challenge` at `difficulty` d is a decimal ASCII counter
`nonce` such that SHA-256(challenge || ":" || nonce) starts with at least d
zero bits; a client needs about 2**d hashes. Signing, expiry and single use
of challenges are the server's job.
"""

from __future__ import annotations

import hashlib

from .errors import VerificationError

_MAX_DIFFICULTY = 32
_MAX_NONCE_LENGTH = 20  # Enough for any 64-bit counter.
_DIGITS = frozenset("0123456789")


def _leading_zero_bits_at_least(digest: bytes, difficulty: int) -> bool:
    return int.from_bytes(digest, "big") >> (8 * len(digest) - difficulty) == 0


def _digest(challenge: bytes, nonce: str) -> bytes:
    return hashlib.sha256(challenge + b":" + nonce.encode("ascii")).digest()


def _valid_difficulty(difficulty: int) -> bool:
    return isinstance(difficulty, int) and 0 <= difficulty <= _MAX_DIFFICULTY


def check_proof_of_work(challenge: bytes, *, nonce: str, difficulty: int) -> None:
    """Raise `VerificationError` unless `nonce` solves `challenge` at `difficulty`.

    Also raises it for a nonce that is not 1 to 20 ASCII digits and for a
    difficulty outside 0..32.
    """
    if not _valid_difficulty(difficulty):
        raise VerificationError("invalid proof of work")
    # Check the characters ourselves: str.isdigit() accepts non-ASCII digits.
    if not 1 <= len(nonce) <= _MAX_NONCE_LENGTH or not set(nonce) <= _DIGITS:
        raise VerificationError("invalid proof of work")
    if not _leading_zero_bits_at_least(_digest(challenge, nonce), difficulty):
        raise VerificationError("invalid proof of work")


def solve_proof_of_work(challenge: bytes, *, difficulty: int) -> str:
    """Return the smallest counter (as a decimal string) that solves `challenge`.

    For clients and tests; expect about 2**difficulty hashes. `ValueError`
    for a difficulty outside 0..32.
    """
    if not _valid_difficulty(difficulty):
        raise ValueError("difficulty must be between 0 and 32")
    counter = 0
    while True:
        nonce = str(counter)
        if _leading_zero_bits_at_least(_digest(challenge, nonce), difficulty):
            return nonce
        counter += 1
