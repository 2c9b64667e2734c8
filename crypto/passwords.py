"""Argon2id hashing of the staff authentication value (RFC 9106).

The value hashed is `StaffSecrets.auth_value`, never the passphrase. Cost
parameters are arguments so the application reads them from settings and
tests can make them cheap.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher, Type
from argon2 import exceptions as argon2_exceptions

from .errors import VerificationError

_ARGON2ID_PREFIX = "$argon2id$"


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost: passes, memory in KiB and lanes."""

    time_cost: int
    memory_cost_kib: int
    parallelism: int

    def __post_init__(self) -> None:
        # RFC 9106 §3.1: at least one pass and lane, and 8 KiB per lane.
        if self.time_cost < 1 or self.parallelism < 1:
            raise ValueError("time_cost and parallelism must be at least 1")
        if self.memory_cost_kib < 8 * self.parallelism:
            raise ValueError("memory_cost_kib must be at least 8 * parallelism")


class SecretHasher:
    """Hash and verify secrets with Argon2id at fixed cost parameters."""

    def __init__(self, params: Argon2Params) -> None:
        self._hasher = PasswordHasher(
            time_cost=params.time_cost,
            memory_cost=params.memory_cost_kib,
            parallelism=params.parallelism,
            hash_len=32,
            salt_len=16,
            type=Type.ID,
        )

    def hash(self, value: bytes) -> str:
        """Return the PHC-encoded Argon2id hash of `value` with a fresh random salt."""
        return self._hasher.hash(value)

    def verify(self, encoded: str, value: bytes) -> None:
        """Raise `VerificationError` unless `value` matches `encoded`.

        Malformed hashes and hashes of another Argon2 variant fail the same
        way, so a tampered row cannot downgrade the check.
        """
        if not encoded.startswith(_ARGON2ID_PREFIX):
            raise VerificationError("secret does not match")
        try:
            self._hasher.verify(encoded, value)
        except (
            argon2_exceptions.VerifyMismatchError,
            argon2_exceptions.VerificationError,
            argon2_exceptions.InvalidHashError,
        ):
            raise VerificationError("secret does not match") from None

    def needs_rehash(self, encoded: str) -> bool:
        """Tell whether `encoded` should be replaced: other parameters, or unusable."""
        if not encoded.startswith(_ARGON2ID_PREFIX):
            return True
        try:
            return self._hasher.check_needs_rehash(encoded)
        except argon2_exceptions.InvalidHashError:
            return True
