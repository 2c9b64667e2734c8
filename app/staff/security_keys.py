"""Security keys (FIDO2/WebAuthn) as an alternative second factor to TOTP.

A member who is logged in may register keys; at login, an assertion from one of them takes the
place of the TOTP or recovery code (app.staff.service.complete_login). TOTP stays on every
account.

Challenges are stateless, like proof-of-work challenges (app.security.proof_of_work): a challenge
is ``version | ceremony | expiry | 16 random bytes`` plus a MAC over that *and* what it is bound
to (the member for a registration, the username for a login). The authenticator signs it inside
clientDataJSON, so the server reads it back from there, checks the MAC, the ceremony, the binding
and the expiry, and spends the random part in the spent store (Redis when configured, so every
process agrees; process memory otherwise). Issuing one stores nothing.

Login options never tell whether a username exists or has keys: without real keys, the allowed
credentials are made up from a keyed hash of the username, the same every time.

These functions touch the database but never commit (the route's unit of work does).
"""

from __future__ import annotations

import binascii
import functools
import hmac
import json
import secrets
import struct
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, encode_cbor, options_to_json_dict
from webauthn.helpers.structs import (
    AttestationConveyancePreference,
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from app.errors import N_, Conflict, NotFound, Unprocessable
from app.models import StaffMember, StaffSecurityKey
from app.models.base import today
from app.schemas_common import json_too_deep
from app.security.spent_store import SpentStore
from app.settings import Settings
from app.staff import schemas
from app.staff.service import find_active
from crypto import hkdf, keyed_hash

KEY_INVALID = N_("The security key could not be added. Try again, or use another key.")
KEY_TAKEN = N_("This security key is already registered.")
TOO_MANY_KEYS = N_("You already have the most security keys allowed. Remove one first.")
KEY_NOT_FOUND = N_("This security key does not exist.")

MAX_KEYS_PER_MEMBER = 10
CHALLENGE_TTL_SECONDS = 120
# How long the browser waits for a touch of the key; the challenge outlives it.
TIMEOUT_MS = 60_000
FAKE_CREDENTIAL_ID_BYTES = 64

_REGISTER = 1
_LOGIN = 2
_VERSION = 1
_LAYOUT = struct.Struct(">BBQ16s")
_MAC_LEN = 16
# As app.security.server_keys derives its keys; a ``webauthn`` field there would equal this one.
_SERVER_KEY_SALT = b"vertrouwenspunt/v1/server-key"
_NOBODY = uuid.UUID(int=0)

# Injectable, as app.staff.totp.clock is, so tests can let a challenge expire without sleeping.
clock = time.time

# What complete_login calls: (session, member or None, whether to record the use) -> accepted.
SecondFactorCheck = Callable[[Session, StaffMember | None, bool], bool]


@dataclass(frozen=True)
class RelyingParty:
    id: str
    origin: str
    name: str


def relying_party(settings: Settings) -> RelyingParty:
    """The RP id is the host of ``base_url``; the origin is its scheme, host and port."""
    parts = urlsplit(settings.base_url)
    host = (parts.hostname or "").lower()
    default_port = {"http": 80, "https": 443}.get(parts.scheme)
    shown = f"[{host}]" if ":" in host else host
    netloc = shown if parts.port in (None, default_port) else f"{shown}:{parts.port}"
    return RelyingParty(
        id=host, origin=f"{parts.scheme}://{netloc}", name=settings.staff.totp_issuer
    )


class Challenges:
    """Signed, single-use, short-lived WebAuthn challenges bound to a member or a username."""

    def __init__(self, *, key: bytes, spent: SpentStore, ttl_seconds: int) -> None:
        self.key = key
        self.spent = spent
        self.ttl_seconds = ttl_seconds

    def _mac(self, payload: bytes, binding: bytes) -> bytes:
        return keyed_hash(self.key, payload + binding, purpose="webauthn-challenge")[:_MAC_LEN]

    def issue(self, ceremony: int, binding: bytes) -> bytes:
        expires_at = int(clock()) + self.ttl_seconds
        payload = _LAYOUT.pack(_VERSION, ceremony, expires_at, secrets.token_bytes(16))
        return payload + self._mac(payload, binding)

    def redeem(self, challenge: bytes | None, ceremony: int, binding: bytes) -> bool:
        """True once for a genuine, unexpired challenge of this ceremony and binding."""
        if challenge is None or len(challenge) != _LAYOUT.size + _MAC_LEN:
            return False
        payload, mac = challenge[: _LAYOUT.size], challenge[_LAYOUT.size :]
        if not hmac.compare_digest(mac, self._mac(payload, binding)):
            return False
        version, kind, expires_at, random_part = _LAYOUT.unpack(payload)
        remaining = expires_at - int(clock())
        if version != _VERSION or kind != ceremony or remaining <= 0:
            return False
        return self.spent.spend(b"webauthn/" + random_part, remaining + 1)


@dataclass(frozen=True)
class WebAuthn:
    rp: RelyingParty
    key: bytes
    challenges: Challenges

    @classmethod
    def of(cls, state: Any) -> WebAuthn:
        """From the application's state: its settings and the spent store challenges share."""
        settings: Settings = state.settings
        key = hkdf(
            settings.secret_key.get_secret_value().encode(),
            salt=_SERVER_KEY_SALT,
            info=b"webauthn",
            length=32,
        )
        spent: SpentStore = state.proof_of_work.spent
        challenges = Challenges(key=key, spent=spent, ttl_seconds=CHALLENGE_TTL_SECONDS)
        return cls(rp=relying_party(settings), key=key, challenges=challenges)

    def fake_credential_ids(self, username: str) -> list[bytes]:
        """One or two stable, made-up credential ids for a username without keys."""
        seed = keyed_hash(self.key, username.encode(), purpose="webauthn-fake-credentials")
        ids = []
        for index in range(1 + seed[0] % 2):
            parts = [
                keyed_hash(self.key, seed + bytes([index, part]), purpose="webauthn-fake-id")
                for part in range(2)
            ]
            ids.append(b"".join(parts)[:FAKE_CREDENTIAL_ID_BYTES])
        return ids


def _member_binding(member_id: uuid.UUID) -> bytes:
    return b"member\x00" + member_id.bytes


def _login_binding(username: str) -> bytes:
    return b"login\x00" + username.encode()


def _challenge_in(client_data_json: str) -> bytes | None:
    """The challenge the authenticator signed, read back from clientDataJSON."""
    try:
        raw = base64url_to_bytes(client_data_json)
        # Nested a few thousand deep, it would run the parser out of Python's stack (a 500).
        if json_too_deep(raw):
            return None
        client_data = json.loads(raw)
        challenge = client_data["challenge"] if isinstance(client_data, dict) else None
        return base64url_to_bytes(challenge) if isinstance(challenge, str) else None
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None


def keys_of(session: Session, member_id: uuid.UUID) -> list[StaffSecurityKey]:
    return list(
        session.scalars(
            select(StaffSecurityKey)
            .where(StaffSecurityKey.member_id == member_id)
            .order_by(StaffSecurityKey.created_on, StaffSecurityKey.id)
        )
    )


def registration_options(
    session: Session, *, webauthn: WebAuthn, member: StaffMember
) -> dict[str, Any]:
    options = generate_registration_options(
        rp_id=webauthn.rp.id,
        rp_name=webauthn.rp.name,
        user_name=member.username,
        user_id=member.id.bytes,
        challenge=webauthn.challenges.issue(_REGISTER, _member_binding(member.id)),
        timeout=TIMEOUT_MS,
        attestation=AttestationConveyancePreference.NONE,
        # A second factor next to the passphrase: no discoverable credential, no PIN or biometric.
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.DISCOURAGED,
            user_verification=UserVerificationRequirement.DISCOURAGED,
        ),
        exclude_credentials=[
            PublicKeyCredentialDescriptor(id=k.credential_id) for k in keys_of(session, member.id)
        ],
    )
    return options_to_json_dict(options)


def register(
    session: Session,
    *,
    webauthn: WebAuthn,
    member: StaffMember,
    name: str,
    credential: schemas.RegistrationCredentialIn,
) -> StaffSecurityKey:
    """Verify a new key's attestation ("none" is enough: any key the member owns will do)."""
    held = session.scalar(
        select(func.count())
        .select_from(StaffSecurityKey)
        .where(StaffSecurityKey.member_id == member.id)
    )
    if (held or 0) >= MAX_KEYS_PER_MEMBER:
        raise Conflict("security_key_limit", TOO_MANY_KEYS)
    challenge = _challenge_in(credential.response.client_data_json)
    if challenge is None or not webauthn.challenges.redeem(
        challenge, _REGISTER, _member_binding(member.id)
    ):
        raise Unprocessable("security_key_invalid", KEY_INVALID)
    try:
        verified = verify_registration_response(
            credential=credential.model_dump(by_alias=True, exclude_none=True),
            expected_challenge=challenge,
            expected_rp_id=webauthn.rp.id,
            expected_origin=webauthn.rp.origin,
            require_user_verification=False,
        )
    except Exception:  # noqa: BLE001 - whatever is wrong with it, the key is not added
        raise Unprocessable("security_key_invalid", KEY_INVALID) from None
    taken = session.scalars(
        select(StaffSecurityKey.id).where(StaffSecurityKey.credential_id == verified.credential_id)
    ).first()
    if taken is not None:
        raise Conflict("security_key_taken", KEY_TAKEN)
    key = StaffSecurityKey(
        id=uuid.uuid4(),
        member_id=member.id,
        credential_id=verified.credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        name=name,
    )
    session.add(key)
    session.flush()
    return key


def remove(session: Session, *, member: StaffMember, key_id: uuid.UUID) -> StaffSecurityKey:
    key = session.get(StaffSecurityKey, key_id)
    if key is None or key.member_id != member.id:
        raise NotFound("security_key_not_found", KEY_NOT_FOUND)
    session.delete(key)
    session.flush()
    return key


def login_options(session: Session, *, webauthn: WebAuthn, username: str) -> dict[str, Any]:
    """Options for navigator.credentials.get(); the same shape whether or not the user exists."""
    member = find_active(session, username)
    ids = [k.credential_id for k in keys_of(session, member.id if member else _NOBODY)]
    if not ids:
        ids = webauthn.fake_credential_ids(username)
    options = generate_authentication_options(
        rp_id=webauthn.rp.id,
        challenge=webauthn.challenges.issue(_LOGIN, _login_binding(username)),
        timeout=TIMEOUT_MS,
        allow_credentials=[PublicKeyCredentialDescriptor(id=i) for i in ids],
        user_verification=UserVerificationRequirement.DISCOURAGED,
    )
    return options_to_json_dict(options)


@functools.cache
def _stand_in_public_key() -> bytes:
    """A COSE key nobody holds: an unknown credential is checked against it, at the same cost."""
    numbers = ec.generate_private_key(ec.SECP256R1()).public_key().public_numbers()
    return encode_cbor(
        {
            1: 2,  # kty: EC2
            3: -7,  # alg: ES256
            -1: 1,  # crv: P-256
            -2: numbers.x.to_bytes(32, "big"),
            -3: numbers.y.to_bytes(32, "big"),
        }
    )


def login_check(
    state: Any, username: str, assertion: schemas.SecurityKeyAssertionIn
) -> SecondFactorCheck:
    """The second-factor check for complete_login: an assertion from one of the member's keys.

    The challenge is spent whatever else is wrong (it was presented once); the signature counter
    and the date of use are recorded only when ``record`` is true (the whole login succeeds), as
    TOTP steps are.
    """
    webauthn = WebAuthn.of(state)

    def check(session: Session, member: StaffMember | None, record: bool) -> bool:
        challenge = _challenge_in(assertion.response.client_data_json)
        fresh = webauthn.challenges.redeem(challenge, _LOGIN, _login_binding(username))
        try:
            raw_id = base64url_to_bytes(assertion.raw_id)
        except (binascii.Error, ValueError):
            raw_id = b""
        key = None
        if member is not None:
            key = session.scalars(
                select(StaffSecurityKey).where(
                    StaffSecurityKey.member_id == member.id,
                    StaffSecurityKey.credential_id == raw_id,
                )
            ).first()
        try:
            verified = verify_authentication_response(
                credential=assertion.model_dump(by_alias=True, exclude_none=True),
                expected_challenge=challenge or b"",
                expected_rp_id=webauthn.rp.id,
                expected_origin=webauthn.rp.origin,
                credential_public_key=key.public_key if key else _stand_in_public_key(),
                credential_current_sign_count=key.sign_count if key else 0,
                require_user_verification=False,
            )
        except Exception:  # noqa: BLE001 - any fault in the assertion is a failed login
            return False
        if not fresh or key is None:
            return False
        if record:
            key.sign_count = verified.new_sign_count
            key.last_used_on = today()
        return True

    return check
