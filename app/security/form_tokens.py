"""One-use tokens for the forms of the pages without JavaScript, and the report a token makes.

Those pages cannot solve proof of work (T6), so each rendered form carries a signed token that is
accepted once: ``version | expiry | 16 random bytes`` plus a MAC, in base64url. Issuing stores
nothing. The expiry is rounded up to the full hour (R3), like a proof-of-work challenge's.

A spent token is remembered in the spent store under a keyed hash of the whole token, never under
its random part: someone who seizes the server holds the form key, and with a random part taken
from Redis could rebuild the token, and from the token the report's receipt.

A report form's token also determines, through HKDF keyed with a server key, the id of the report
and its receipt. Reloading the receipt page makes the browser post the same form again; the token
is then spent, but the server can derive the same report id, find the report it stored under it
and show the same receipt, without ever storing the receipt (R1). Without the server key the token
alone (it sits in the form's HTML) tells nothing about the receipt.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import secrets
import struct
import time
import uuid
from dataclasses import dataclass

from app.errors import N_, Forbidden
from app.security.spent_store import SpentStore
from crypto import hkdf, keyed_hash, receipt_from_seed

_VERSION = 1
_LAYOUT = struct.Struct(">BQ16s")
_MAC_LEN = 16
_TOKEN_LEN = _LAYOUT.size + _MAC_LEN
_MAX_TOKEN_CHARS = 64
# The same hour buckets as proof-of-work challenges, for the same reason (R3).
EXPIRY_BUCKET_SECONDS = 3600
# A spent marker outlives its token by this constant, so a Redis clock a little ahead of the
# service's cannot drop a marker while the token still verifies.
_CLOCK_SKEW_SECONDS = 60
# As long as a proof-of-work challenge's random part, so that a Redis dump cannot tell form
# markers from challenge markers by their length.
_MARKER_LEN = 16
_SALT = b"vertrouwenspunt/v1/form-token"

FORM_TOKEN_INVALID = N_("This form is too old or was already sent. Open the page again.")


class FormTokenInvalid(Forbidden):
    """Not a token this service issued (or not one of this version)."""

    def __init__(self) -> None:
        super().__init__("form_token_invalid", FORM_TOKEN_INVALID)


class FormTokenExpired(FormTokenInvalid):
    """A genuine token whose time is up: the form was open too long."""


@dataclass(frozen=True)
class FormToken:
    """A token whose signature and expiry were checked; not yet spent."""

    raw: bytes
    expires_at: int


@dataclass(frozen=True)
class FromToken:
    """The report id and receipt that a report form's token determines."""

    report_id: uuid.UUID
    receipt: str


class FormTokens:
    def __init__(self, *, key: bytes, ttl_seconds: int, spent: SpentStore) -> None:
        # One derived key per use (STYLE 8): signing, marking spent, deriving the report.
        self._mac_key = hkdf(key, salt=_SALT, info=b"mac")
        self._marker_key = hkdf(key, salt=_SALT, info=b"spent-marker")
        self._report_key = hkdf(key, salt=_SALT, info=b"report")
        self.ttl_seconds = ttl_seconds
        self.spent = spent

    def _mac(self, payload: bytes) -> bytes:
        return keyed_hash(self._mac_key, payload, purpose="form-token")[:_MAC_LEN]

    def issue(self) -> str:
        earliest = int(time.time()) + self.ttl_seconds
        expires_at = -(-earliest // EXPIRY_BUCKET_SECONDS) * EXPIRY_BUCKET_SECONDS
        payload = _LAYOUT.pack(_VERSION, expires_at, secrets.token_bytes(16))
        return base64.urlsafe_b64encode(payload + self._mac(payload)).rstrip(b"=").decode()

    def check(self, token: str | None) -> FormToken:
        """Check signature and expiry, or raise FormTokenInvalid. Reads and writes nothing."""
        if not token or len(token) > _MAX_TOKEN_CHARS or not token.isascii():
            raise FormTokenInvalid()
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        except (binascii.Error, ValueError):
            raise FormTokenInvalid() from None
        if len(raw) != _TOKEN_LEN:
            raise FormTokenInvalid()
        payload, mac = raw[: _LAYOUT.size], raw[_LAYOUT.size :]
        if not hmac.compare_digest(mac, self._mac(payload)):
            raise FormTokenInvalid()
        version, expires_at, _random = _LAYOUT.unpack(payload)
        if version != _VERSION:
            raise FormTokenInvalid()
        if expires_at <= int(time.time()):
            raise FormTokenExpired()
        return FormToken(raw=raw, expires_at=expires_at)

    def spend(self, token: FormToken) -> bool:
        """Mark a checked token as used; False when it had been used before."""
        marker = keyed_hash(self._marker_key, token.raw, purpose="form-token-spent")
        return self.spent.spend_until(marker[:_MARKER_LEN], token.expires_at + _CLOCK_SKEW_SECONDS)

    def verify(self, token: str | None) -> None:
        """Check and spend in one step, or raise FormTokenInvalid (mailbox forms)."""
        if not self.spend(self.check(token)):
            raise FormTokenInvalid()

    def report_from(self, token: FormToken) -> FromToken:
        """The report id and receipt of the report sent with this form: the same every time.

        HKDF-Extract with the server key as salt is HMAC under that key, so the token alone
        yields nothing; each output has its own label.
        """
        id_bytes = bytearray(hkdf(token.raw, salt=self._report_key, info=b"report-id", length=16))
        # RFC 9562 version 4 and variant bits, as every other report id has.
        id_bytes[6] = (id_bytes[6] & 0x0F) | 0x40
        id_bytes[8] = (id_bytes[8] & 0x3F) | 0x80
        seed = hkdf(token.raw, salt=self._report_key, info=b"receipt-seed", length=32)
        return FromToken(
            report_id=uuid.UUID(bytes=bytes(id_bytes)), receipt=receipt_from_seed(seed)
        )
