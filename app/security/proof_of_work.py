"""Stateless, signed proof-of-work challenges for anonymous writes (T6).

A challenge is ``version | expiry | difficulty | random`` plus a MAC, so issuing one stores nothing.
Each is accepted once: its random part is remembered in the spent store until it expires.
The solution travels in the ``X-Proof-Of-Work`` header as ``<challenge>:<nonce>``.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import secrets
import struct
import time
from dataclasses import dataclass
from typing import Annotated

from fastapi import Header

from app.errors import N_, Forbidden
from app.security.spent_store import SpentStore
from crypto import VerificationError, check_proof_of_work, keyed_hash

HEADER = "X-Proof-Of-Work"
PowHeader = Annotated[
    str | None,
    Header(alias=HEADER, max_length=200, description="<challenge>:<nonce>"),
]
_VERSION = 1
_LAYOUT = struct.Struct(">BQB16s")
_MAC_LEN = 16

POW_MISSING = N_(
    "This request needs a solved proof-of-work challenge. Reload the page and try again."
)
POW_INVALID = N_("The proof-of-work challenge is invalid, expired or already used. Try again.")


@dataclass(frozen=True)
class Challenge:
    token: str
    difficulty: int
    expires_at: int


class ProofOfWork:
    def __init__(self, *, key: bytes, difficulty: int, ttl_seconds: int, spent: SpentStore) -> None:
        self.key = key
        self.difficulty = difficulty
        self.ttl_seconds = ttl_seconds
        self.spent = spent

    def _mac(self, payload: bytes) -> bytes:
        return keyed_hash(self.key, payload, purpose="proof-of-work-challenge")[:_MAC_LEN]

    def issue(self) -> Challenge:
        expires_at = int(time.time()) + self.ttl_seconds
        payload = _LAYOUT.pack(_VERSION, expires_at, self.difficulty, secrets.token_bytes(16))
        token = base64.urlsafe_b64encode(payload + self._mac(payload)).rstrip(b"=").decode()
        return Challenge(token=token, difficulty=self.difficulty, expires_at=expires_at)

    def verify(self, header_value: str | None) -> None:
        """Check and spend a solved challenge; raise Forbidden otherwise. Stores nothing else."""
        if not header_value:
            raise Forbidden("proof_of_work_required", POW_MISSING)
        token, _, nonce = header_value.partition(":")
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        except (binascii.Error, ValueError):
            raise Forbidden("proof_of_work_invalid", POW_INVALID) from None
        if len(raw) != _LAYOUT.size + _MAC_LEN:
            raise Forbidden("proof_of_work_invalid", POW_INVALID)
        payload, mac = raw[: _LAYOUT.size], raw[_LAYOUT.size :]
        if not hmac.compare_digest(mac, self._mac(payload)):
            raise Forbidden("proof_of_work_invalid", POW_INVALID)
        version, expires_at, difficulty, random_part = _LAYOUT.unpack(payload)
        remaining = expires_at - int(time.time())
        if version != _VERSION or remaining <= 0 or difficulty < self.difficulty:
            raise Forbidden("proof_of_work_invalid", POW_INVALID)
        try:
            check_proof_of_work(token.encode(), nonce=nonce, difficulty=difficulty)
        except VerificationError:
            raise Forbidden("proof_of_work_invalid", POW_INVALID) from None
        if not self.spent.spend(random_part, remaining + 1):
            raise Forbidden("proof_of_work_invalid", POW_INVALID)
