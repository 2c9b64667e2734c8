"""A hashcash-style proof of work made of many small puzzles, to slow down automated submissions.

A challenge asks for `puzzles` k solutions at `bits` b each. Puzzle i (0 <= i < k) is solved by a
decimal ASCII counter n_i such that

    SHA-256("vertrouwenspunt/proof-of-work/v2:" || challenge || ":" || i || ":" || n_i)

starts with at least b zero bits (i written in decimal too). The solution is the k counters in
order, joined by ".": "n_0.n_1.…". A client needs about k * 2**b hashes in all, and a checker k.

Why many small puzzles rather than one of k * 2**b: the work of one puzzle is geometric, so its
spread is as large as its mean (one reporter in twenty waited three times the mean); the sum of
k of them has a coefficient of variation of about 1/sqrt(k) (docs/decisions.md). Signing, expiry
and single use of challenges are the server's job.
"""

from __future__ import annotations

from hashlib import sha256

from .errors import VerificationError

# The label keeps these hashes apart from any other use of SHA-256 over a challenge (the single
# puzzle of version 1 hashed `challenge || ":" || n`).
_LABEL = b"vertrouwenspunt/proof-of-work/v2:"
_MAX_BITS = 32
_MAX_PUZZLES = 256
_MAX_NONCE_LENGTH = 20  # Enough for any 64-bit counter.
_SEPARATOR = "."
_DIGITS = frozenset("0123456789")

# The longest solution the check reads, for bounding a header before it is parsed.
MAX_SOLUTION_LENGTH = _MAX_PUZZLES * (_MAX_NONCE_LENGTH + 1) - 1


def _leading_zero_bits_at_least(digest: bytes, bits: int) -> bool:
    return int.from_bytes(digest[:4], "big") >> (32 - bits) == 0


def _prefix(challenge: bytes, index: int) -> bytes:
    return _LABEL + challenge + b":" + str(index).encode("ascii") + b":"


def _valid(puzzles: int, bits: int) -> bool:
    return (
        isinstance(puzzles, int)
        and isinstance(bits, int)
        and 1 <= puzzles <= _MAX_PUZZLES
        and 0 <= bits <= _MAX_BITS
    )


def _well_formed(nonce: str) -> bool:
    # Check the characters ourselves: str.isdigit() accepts non-ASCII digits.
    return 1 <= len(nonce) <= _MAX_NONCE_LENGTH and set(nonce) <= _DIGITS


def check_proof_of_work(challenge: bytes, *, solution: str, puzzles: int, bits: int) -> None:
    """Raise `VerificationError` unless `solution` solves all `puzzles` of `challenge` at `bits`.

    Also raises it for a solution that is not exactly `puzzles` counters of 1 to 20 ASCII digits
    joined by ".", and for `puzzles` outside 1..256 or `bits` outside 0..32. Costs at most one
    SHA-256 per puzzle, and none for a malformed solution.
    """
    if not _valid(puzzles, bits) or len(solution) > MAX_SOLUTION_LENGTH:
        raise VerificationError("invalid proof of work")
    nonces = solution.split(_SEPARATOR)
    if len(nonces) != puzzles or not all(_well_formed(nonce) for nonce in nonces):
        raise VerificationError("invalid proof of work")
    for index, nonce in enumerate(nonces):
        digest = sha256(_prefix(challenge, index) + nonce.encode("ascii")).digest()
        if not _leading_zero_bits_at_least(digest, bits):
            raise VerificationError("invalid proof of work")


def solve_proof_of_work(challenge: bytes, *, puzzles: int, bits: int) -> str:
    """Return the solution: for each puzzle the smallest counter that solves it, joined by ".".

    For clients and tests; expect about `puzzles * 2**bits` hashes. `ValueError` for `puzzles`
    outside 1..256 or `bits` outside 0..32.
    """
    if not _valid(puzzles, bits):
        raise ValueError("puzzles must be between 1 and 256 and bits between 0 and 32")
    return _SEPARATOR.join(_solve_one(_prefix(challenge, i), bits) for i in range(puzzles))


def _solve_one(prefix: bytes, bits: int) -> str:
    # The prefix is hashed once; each counter continues from a copy of that state.
    start = sha256(prefix)
    counter = 0
    while True:
        nonce = str(counter).encode("ascii")
        attempt = start.copy()
        attempt.update(nonce)
        if _leading_zero_bits_at_least(attempt.digest(), bits):
            return nonce.decode("ascii")
        counter += 1
