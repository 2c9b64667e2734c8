from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints, model_validator

from app.api_types import B64, Ciphertext, KeyVersion, PublicKey32, Secret32
from app.schemas_common import Strict

Username = Annotated[str, Field(min_length=3, max_length=64, pattern=r"^[a-z0-9][a-z0-9._-]*$")]
TotpCode = Annotated[str, Field(pattern=r"^[0-9]{6}$")]
RecoveryCode = Annotated[str, Field(min_length=8, max_length=32)]
EnrolmentToken = Annotated[str, Field(min_length=20, max_length=100)]
# crypto.safety_number: six groups of five digits, as the adviser compared them.
SafetyNumber = Annotated[str, Field(pattern=r"^[0-9]{5}( [0-9]{5}){5}$")]


class InviteIn(Strict):
    username: Username
    is_admin: bool = False
    is_vp: bool = True


class MemberOut(BaseModel):
    id: uuid.UUID
    username: str
    is_admin: bool
    is_vp: bool
    status: str
    partner_id: str | None = None
    public_key: B64 | None
    has_inbox_access: bool
    # Holds a wrap of the newest version: granted, so a rotation must include them (T3).
    holds_current_key: bool = False
    # Holds a wrap of any version: removing them needs a rotation.
    holds_inbox_key: bool = False


class InviteOut(BaseModel):
    member: MemberOut
    enrolment_token: str
    enrolment_url: str


class EnrolmentStartIn(Strict):
    token: EnrolmentToken
    public_key: PublicKey32
    wrapped_private_key: Annotated[B64, Field()]
    kdf_salt: B64
    kdf_iterations: int = Field(ge=1, le=10_000_000)
    auth_value: Secret32

    @model_validator(mode="after")
    def _sizes(self) -> EnrolmentStartIn:
        # nonce (12) + 32-byte key + GCM tag (16); a salt of at least 128 bits.
        if len(self.wrapped_private_key) != 60:
            raise ValueError("wrapped_private_key must be 60 bytes")
        if not 16 <= len(self.kdf_salt) <= 64:
            raise ValueError("kdf_salt must be 16 to 64 bytes")
        return self


class EnrolmentStartOut(BaseModel):
    totp_secret: str
    totp_uri: str


class EnrolmentConfirmIn(Strict):
    token: EnrolmentToken
    totp_code: TotpCode


class EnrolmentConfirmOut(BaseModel):
    recovery_codes: list[str]
    # Where this account works: the VP console, or the partner console for a partner's user.
    console: Literal["/staff/", "/partner/"]


class LoginParametersIn(Strict):
    username: Annotated[str, Field(min_length=1, max_length=64)]


class LoginParametersOut(BaseModel):
    kdf: str = "pbkdf2-sha256"
    salt: B64
    iterations: int


# WebAuthn's JSON forms carry binary values as base64url, with or without padding.
def _b64url(max_length: int) -> Any:
    return Annotated[
        str, Field(min_length=1, max_length=max_length, pattern=r"^[A-Za-z0-9_-]+={0,2}$")
    ]


CredentialId = _b64url(1400)  # WebAuthn allows credential ids of up to 1023 bytes
ClientDataJson = _b64url(4096)
AuthenticatorData = _b64url(16384)
AttestationObject = _b64url(16384)
WebAuthnSignature = _b64url(1024)
UserHandle = _b64url(128)
PublicKeyB64 = _b64url(4096)


class AssertionResponseIn(Strict):
    client_data_json: Annotated[ClientDataJson, Field(alias="clientDataJSON")]
    authenticator_data: Annotated[AuthenticatorData, Field(alias="authenticatorData")]
    signature: WebAuthnSignature
    user_handle: Annotated[UserHandle | None, Field(alias="userHandle")] = None


class SecurityKeyAssertionIn(Strict):
    """What navigator.credentials.get() returned, in its JSON form (PublicKeyCredential.toJSON)."""

    id: CredentialId
    raw_id: Annotated[CredentialId, Field(alias="rawId")]
    type: Literal["public-key"]
    response: AssertionResponseIn
    authenticator_attachment: Annotated[
        str | None, Field(alias="authenticatorAttachment", max_length=32)
    ] = None
    client_extension_results: Annotated[
        dict[str, Any] | None, Field(alias="clientExtensionResults", max_length=16)
    ] = None


class LoginIn(Strict):
    username: Annotated[str, Field(min_length=1, max_length=64)]
    auth_value: Secret32
    totp_code: TotpCode | None = None
    recovery_code: RecoveryCode | None = None
    security_key: SecurityKeyAssertionIn | None = None

    @model_validator(mode="after")
    def _one_factor(self) -> LoginIn:
        given = [self.totp_code, self.recovery_code, self.security_key]
        if sum(factor is not None for factor in given) != 1:
            raise ValueError("give exactly one of totp_code, recovery_code or security_key")
        return self


class InboxKeyAccess(BaseModel):
    version: int
    public_key: B64
    wrapped_key: B64 | None


class SessionOut(BaseModel):
    member: MemberOut
    csrf_token: str
    wrapped_private_key: B64
    kdf_salt: B64
    kdf_iterations: int
    inbox_keys: list[InboxKeyAccess]


class WrapForMember(Strict):
    member_id: uuid.UUID
    wrapped_key: Ciphertext
    # The number the maker compared; required for every member but the maker (app.inbox_keys).
    safety_number: SafetyNumber | None = None


class NewInboxKeyIn(Strict):
    version: KeyVersion
    public_key: PublicKey32
    wraps: Annotated[list[WrapForMember], Field(min_length=1, max_length=200)]


class WrapOfVersion(Strict):
    version: KeyVersion
    wrapped_key: Ciphertext


class GrantAccessIn(Strict):
    wraps: Annotated[list[WrapOfVersion], Field(min_length=1, max_length=1000)]
    safety_number: SafetyNumber


class RemovalIn(Strict):
    # The rotation, made in a key holder's browser; needed when the member holds an inbox key.
    inbox_key: NewInboxKeyIn | None = None


class PartnerKeyVerificationIn(Strict):
    partner_id: Annotated[str, Field(min_length=1, max_length=64)]
    key_id: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
    safety_number: SafetyNumber


SecurityKeyName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)
]


class AttestationResponseIn(Strict):
    client_data_json: Annotated[ClientDataJson, Field(alias="clientDataJSON")]
    attestation_object: Annotated[AttestationObject, Field(alias="attestationObject")]
    # Sent by browsers' toJSON(); accepted and not stored.
    transports: Annotated[
        list[Annotated[str, Field(max_length=32)]] | None, Field(max_length=8)
    ] = None
    authenticator_data: Annotated[AuthenticatorData | None, Field(alias="authenticatorData")] = None
    public_key: Annotated[PublicKeyB64 | None, Field(alias="publicKey")] = None
    public_key_algorithm: Annotated[
        int | None, Field(alias="publicKeyAlgorithm", ge=-(2**31), lt=2**31)
    ] = None


class RegistrationCredentialIn(Strict):
    """What navigator.credentials.create() returned, in its JSON form."""

    id: CredentialId
    raw_id: Annotated[CredentialId, Field(alias="rawId")]
    type: Literal["public-key"]
    response: AttestationResponseIn
    authenticator_attachment: Annotated[
        str | None, Field(alias="authenticatorAttachment", max_length=32)
    ] = None
    client_extension_results: Annotated[
        dict[str, Any] | None, Field(alias="clientExtensionResults", max_length=16)
    ] = None


class SecurityKeyIn(Strict):
    name: SecurityKeyName
    credential: RegistrationCredentialIn


class SecurityKeyOut(BaseModel):
    id: uuid.UUID
    name: str
    created_on: date
    last_used_on: date | None


class SecurityKeyLoginOptionsIn(Strict):
    username: Annotated[str, Field(min_length=1, max_length=64)]
