"""TOTP (RFC 6238) second factor; seeds are sealed at rest and each code is accepted once."""

from __future__ import annotations

import hmac
import time
import uuid

import pyotp

from crypto import aead_open, aead_seal

STEP_SECONDS = 30
# The clock is injectable so tests can move through TOTP steps without sleeping.
clock = time.time


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, *, username: str, issuer: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=issuer)


def matching_step(secret: str, code: str, *, now: float | None = None) -> int | None:
    """The time step whose code equals ``code`` (one step of clock drift either way), else None."""
    moment = clock() if now is None else now
    current = int(moment // STEP_SECONDS)
    totp = pyotp.TOTP(secret)
    found = None
    # All three candidates are always compared, so timing does not say which one matched.
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.at(step * STEP_SECONDS).encode(), code.encode()):
            found = step
    return found


def seal_secret(secret: str, *, key: bytes, member_id: uuid.UUID) -> bytes:
    return aead_seal(key, secret.encode(), aad=b"totp-seed/" + member_id.bytes)


def open_secret(sealed: bytes, *, key: bytes, member_id: uuid.UUID) -> str:
    return aead_open(key, sealed, aad=b"totp-seed/" + member_id.bytes).decode()
