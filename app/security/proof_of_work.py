"""Stateless, signed proof-of-work challenges for anonymous writes (T6).

A challenge is ``version | expiry | log2(puzzles) | bits | random`` plus a MAC, so issuing one
stores nothing. Each is accepted once: its random part is remembered in the spent store until it
expires.
The solution travels in the ``X-Proof-Of-Work`` header as ``<challenge>:<n_0>.<n_1>…``, one counter
per puzzle (crypto.proof_of_work).

The difficulty d keeps one meaning everywhere: log2 of the hashes a client needs in all. It is
split into ``2**p`` puzzles of ``d - p`` bits, with ``p = min(log2 puzzles, d)``: below
``log2 puzzles`` there are fewer puzzles of zero bits, so difficulty 0 is one puzzle that any
counter solves, which is what the one-use form tokens of the no-JavaScript pages (``token:0``) use.

Checking and spending are two steps. ``check`` needs no state and changes none, so a bogus, expired
or unsolved proof is refused before anything is counted (and cannot lock anyone out); ``spend``
marks a solved challenge as used.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import secrets
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Header

from app.errors import N_, Forbidden
from app.security.spent_store import SpentStore
from crypto import VerificationError, check_proof_of_work, keyed_hash

# The settings allow at most 2**6 puzzles; each counter has at most 20 digits and a separator.
MAX_PUZZLES_LOG2 = 6
_TOKEN_LENGTH = 58
HEADER = "X-Proof-Of-Work"
PowHeader = Annotated[
    str | None,
    Header(
        alias=HEADER,
        max_length=_TOKEN_LENGTH + (2**MAX_PUZZLES_LOG2) * 21,
        description="<challenge>:<n_0>.<n_1>…, one counter per puzzle",
    ),
]
# Version 2: many small puzzles instead of one (crypto.proof_of_work).
_VERSION = 2
_LAYOUT = struct.Struct(">BQBB16s")
_MAC_LEN = 16
# Expiry is rounded up to the full hour, so that neither the challenge nor its spent marker in
# Redis tells the moment of issue (and so of the reporter's action) more finely than the hourly
# counts of the log do (R3). A no-JavaScript form token marks when its form was opened, for hours.
EXPIRY_BUCKET_SECONDS = 3600
# A spent marker outlives its challenge by this constant, so a Redis clock a little ahead of the
# service's cannot drop a marker while the challenge still verifies.
_CLOCK_SKEW_SECONDS = 60

POW_MISSING = N_(
    "This request needs a solved proof-of-work challenge. Reload the page and try again."
)
POW_INVALID = N_("The proof-of-work challenge is invalid, expired or already used. Try again.")


@dataclass(frozen=True)
class Challenge:
    token: str
    difficulty: int
    puzzles: int
    bits: int
    expires_at: int


@dataclass(frozen=True)
class Solved:
    """A challenge whose signature, expiry and solution were checked, not yet spent."""

    random_part: bytes
    expires_at: int


def _invalid() -> Forbidden:
    return Forbidden("proof_of_work_invalid", POW_INVALID)


class ProofOfWork:
    def __init__(
        self,
        *,
        key: bytes,
        floor: int,
        ttl_seconds: int,
        spent: SpentStore,
        difficulty: Callable[[], int] | None = None,
        puzzles_log2: int = 0,
    ) -> None:
        if not 0 <= puzzles_log2 <= MAX_PUZZLES_LOG2:
            raise ValueError("puzzles_log2 must be between 0 and 6")
        self.key = key
        self.floor = floor
        self.puzzles_log2 = puzzles_log2
        self.ttl_seconds = ttl_seconds
        self.spent = spent
        self.current_difficulty = difficulty or (lambda: floor)

    def _mac(self, payload: bytes) -> bytes:
        return keyed_hash(self.key, payload, purpose="proof-of-work-challenge")[:_MAC_LEN]

    def issue(self) -> Challenge:
        difficulty = max(self.floor, self.current_difficulty())
        # Never more puzzles than hashes: each puzzle asks at least one (zero bits).
        puzzles_log2 = min(self.puzzles_log2, difficulty)
        bits = difficulty - puzzles_log2
        earliest = int(time.time()) + self.ttl_seconds
        expires_at = -(-earliest // EXPIRY_BUCKET_SECONDS) * EXPIRY_BUCKET_SECONDS
        payload = _LAYOUT.pack(_VERSION, expires_at, puzzles_log2, bits, secrets.token_bytes(16))
        token = base64.urlsafe_b64encode(payload + self._mac(payload)).rstrip(b"=").decode()
        return Challenge(
            token=token,
            difficulty=difficulty,
            puzzles=2**puzzles_log2,
            bits=bits,
            expires_at=expires_at,
        )

    def check(self, header_value: str | None) -> Solved:
        """Check signature, expiry and solution, or raise Forbidden. Reads and writes nothing.

        The challenge is solved at the difficulty it was issued with, so a rise of the adaptive
        difficulty does not void challenges being solved; never below the floor, so lowering the
        configured floor is the only way an easier challenge counts.
        """
        if not header_value:
            raise Forbidden("proof_of_work_required", POW_MISSING)
        token, _, solution = header_value.partition(":")
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        except (binascii.Error, ValueError):
            raise _invalid() from None
        if len(raw) != _LAYOUT.size + _MAC_LEN:
            raise _invalid()
        payload, mac = raw[: _LAYOUT.size], raw[_LAYOUT.size :]
        if not hmac.compare_digest(mac, self._mac(payload)):
            raise _invalid()
        version, expires_at, puzzles_log2, bits, random_part = _LAYOUT.unpack(payload)
        if (
            version != _VERSION
            or expires_at <= int(time.time())
            or puzzles_log2 > MAX_PUZZLES_LOG2
            or puzzles_log2 + bits < self.floor
        ):
            raise _invalid()
        try:
            # k puzzles cost the server k hashes; nothing is hashed for a malformed solution.
            check_proof_of_work(
                token.encode(), solution=solution, puzzles=2**puzzles_log2, bits=bits
            )
        except VerificationError:
            raise _invalid() from None
        return Solved(random_part=random_part, expires_at=expires_at)

    def spend(self, solved: Solved) -> None:
        """Mark a checked challenge as used; Forbidden when it had been used before."""
        expires_at = solved.expires_at + _CLOCK_SKEW_SECONDS
        if not self.spent.spend_until(solved.random_part, expires_at):
            raise _invalid()

    def verify(self, header_value: str | None) -> None:
        """Check and spend in one step (the one-use form tokens of the no-JavaScript pages)."""
        self.spend(self.check(header_value))
