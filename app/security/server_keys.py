"""Per-purpose keys derived from the one server secret: two purposes never share a key.

Each keyed hash of a bearer secret (mailbox credential, session, recovery code, enrolment token)
and each server-side seal (TOTP seeds) uses its own key, so a value computed for one purpose is
useless for another.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from crypto import hkdf

_SALT = b"vertrouwenspunt/v1/server-key"


@dataclass(frozen=True)
class ServerKeys:
    mailbox: bytes
    session: bytes
    recovery: bytes
    enrolment: bytes
    totp: bytes
    proof_of_work: bytes
    login_salt: bytes
    audit: bytes
    api_token: bytes
    form: bytes
    # The root of the per-period keys that hash staff and partner addresses for rate limits.
    rate_limit: bytes
    # Seals, in a queued signal, which report's mailbox hears of its release (R5).
    signal_notice: bytes

    @classmethod
    def from_secret(cls, secret: str) -> ServerKeys:
        return cls(
            **{
                f.name: hkdf(secret.encode(), salt=_SALT, info=f.name.encode(), length=32)
                for f in fields(cls)
            }
        )
