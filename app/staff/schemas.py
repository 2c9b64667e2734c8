from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import BaseModel, Field, model_validator

from app.api_types import B64, Ciphertext, KeyVersion, PublicKey32, Secret32
from app.schemas_common import Strict

Username = Annotated[str, Field(min_length=3, max_length=64, pattern=r"^[a-z0-9][a-z0-9._-]*$")]
TotpCode = Annotated[str, Field(pattern=r"^[0-9]{6}$")]
RecoveryCode = Annotated[str, Field(min_length=8, max_length=32)]
EnrolmentToken = Annotated[str, Field(min_length=20, max_length=100)]


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


class LoginParametersIn(Strict):
    username: Annotated[str, Field(min_length=1, max_length=64)]


class LoginParametersOut(BaseModel):
    kdf: str = "pbkdf2-sha256"
    salt: B64
    iterations: int


class LoginIn(Strict):
    username: Annotated[str, Field(min_length=1, max_length=64)]
    auth_value: Secret32
    totp_code: TotpCode | None = None
    recovery_code: RecoveryCode | None = None

    @model_validator(mode="after")
    def _one_factor(self) -> LoginIn:
        if (self.totp_code is None) == (self.recovery_code is None):
            raise ValueError("give either totp_code or recovery_code")
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


class NewInboxKeyIn(Strict):
    version: KeyVersion
    public_key: PublicKey32
    wraps: Annotated[list[WrapForMember], Field(min_length=1, max_length=200)]


class WrapOfVersion(Strict):
    version: KeyVersion
    wrapped_key: Ciphertext


class GrantAccessIn(Strict):
    wraps: Annotated[list[WrapOfVersion], Field(min_length=1, max_length=1000)]


class RemovalIn(Strict):
    inbox_key: NewInboxKeyIn
