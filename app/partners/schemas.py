from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from app.api_types import B64, PublicKey32
from app.schemas_common import Strict
from app.staff.schemas import MemberOut, Username

PartnerId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9-]+$")]
PartnerKind = Literal["police", "care", "municipality"]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Description = Annotated[str, Field(max_length=2000)]
EnrolmentToken = Annotated[str, Field(min_length=20, max_length=100)]
# The shape of a code in app.i18n.LANGUAGES; the service checks that it is one of them.
LanguageCode = Annotated[
    str, Field(min_length=2, max_length=8, pattern=r"^[a-z]{2,3}([_-][A-Za-z]{2})?$")
]


class PublicPartner(BaseModel):
    id: str
    name: str
    kind: str
    description: str
    # The language name and description are in: English or Dutch when the asked one has none.
    language: str
    # False: the partner has no key yet, so a consent to it is refused.
    connected: bool


class PartnerTextIn(Strict):
    name: Name
    description: Description = ""


class PartnerTextOut(BaseModel):
    name: str
    description: str


# A text per language; null removes a translation (the Dutch one cannot be removed).
TextsIn = Annotated[dict[LanguageCode, PartnerTextIn | None], Field(max_length=20)]


class PartnerIn(Strict):
    id: PartnerId
    name: Name
    kind: PartnerKind
    description: Description = ""
    texts: TextsIn = {}


class PartnerUpdate(Strict):
    name: Name | None = None
    kind: PartnerKind | None = None
    description: Description | None = None
    active: bool | None = None
    texts: TextsIn | None = None


class PartnerKeyOut(BaseModel):
    id: uuid.UUID
    key_id: str
    public_key: B64
    fingerprint: str
    created_at: datetime
    retired_at: datetime | None
    current: bool


class PartnerOut(BaseModel):
    id: str
    name: str
    kind: str
    description: str
    active: bool
    # Every reporter language, Dutch first; null where reporters see a fallback instead.
    texts: dict[str, PartnerTextOut | None]
    keys: list[PartnerKeyOut]


class EnrolmentOut(BaseModel):
    enrolment_token: str
    expires_in_hours: int


class KeyRegistrationIn(Strict):
    enrolment_token: EnrolmentToken
    public_key: PublicKey32
    # A label for the API token issued with the key, not a secret.
    token_name: Annotated[str, Field(min_length=1, max_length=100)] = "registered with its key"  # noqa: S105
    # The partner console registers keys too, and needs no API token: it uses its user's session.
    issue_token: bool = True


class KeyRegistrationOut(BaseModel):
    partner_id: str
    key: PartnerKeyOut
    # An API token for the system that registered the key, shown only this once.
    api_token: str | None


class TokenIn(Strict):
    name: Annotated[str, Field(min_length=1, max_length=100)]


class TokenOut(BaseModel):
    id: uuid.UUID
    name: str
    created_at: datetime
    last_used_on: date | None
    revoked_at: datetime | None


class NewTokenOut(BaseModel):
    token: TokenOut
    api_token: str


class PartnerUserIn(Strict):
    username: Username


class PartnerUserOut(BaseModel):
    member: MemberOut
    enrolment_token: str
    enrolment_url: str
