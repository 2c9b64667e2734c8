from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from app.api_types import B64, Ciphertext, KeyVersion
from app.cases.schemas import Label
from app.partners.schemas import PartnerId
from app.schemas_common import RandomId, Strict

Urgency = Literal["normal", "urgent", "acute"]
# A month, an ISO week or a quarter: never a day or a time of day (DESIGN: depersonalisation).
Period = Annotated[
    str, Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2]|W(0[1-9]|[1-4][0-9]|5[0-3])|Q[1-4])$")
]
KeyId = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
# The published exceptions to confidentiality (DESIGN: consent and routing).
Exception_ = Literal["acute_danger", "suspected_minor", "legal_duty"]


class DeliveryIn(Strict):
    id: RandomId
    partner_id: PartnerId
    key_id: KeyId
    ciphertext: Ciphertext


class NoticeIn(Strict):
    """The reporter is told in their mailbox that a signal went out under an exception."""

    id: RandomId
    inbox_ciphertext: Ciphertext
    reply_ciphertext: Ciphertext


class OverrideIn(Strict):
    exception: Exception_
    # The written reason, sealed to the inbox key: it may hold details, so it is never stored
    # in plaintext; the team and the audit log keep it.
    reason: Ciphertext
    notice: NoticeIn | None = None


class SignalIn(Strict):
    id: RandomId
    # Checked for consent, then forgotten: the signal row does not keep it (R5).
    report_id: uuid.UUID
    category: Label
    urgency: Urgency
    period: Period
    inbox_version: KeyVersion
    team_ciphertext: Ciphertext
    deliveries: Annotated[list[DeliveryIn], Field(min_length=1, max_length=20)]
    override: OverrideIn | None = None

    @model_validator(mode="after")
    def _distinct(self) -> SignalIn:
        partners = [d.partner_id for d in self.deliveries]
        ids = [d.id for d in self.deliveries] + [self.id]
        if len(set(partners)) != len(partners) or len(set(ids)) != len(ids):
            raise ValueError("each partner and each id only once")
        return self


class DeliveryCreated(BaseModel):
    id: uuid.UUID
    partner_id: str


class SignalCreated(BaseModel):
    id: uuid.UUID
    deliveries: list[DeliveryCreated]
    overridden: list[str]
    notice_id: uuid.UUID | None
    # "queued": it goes out with the next batch, at ``queued_until`` ("HH:MM" in the
    # organisation's time zone). "sent_now": an override for acute danger, released at once.
    release: Literal["queued", "sent_now"]
    queued_until: str | None


class RecipientKey(BaseModel):
    key_id: str
    public_key: B64
    fingerprint: str


class Recipient(BaseModel):
    id: str
    name: str
    kind: str
    key: RecipientKey | None


class DeliveryStatus(BaseModel):
    id: uuid.UUID
    partner_id: str
    status: str
    acknowledged_on: date | None
    feedback: int


class TeamSignal(BaseModel):
    id: uuid.UUID
    # "queued" until its release, "held" when the release found its partner inactive or its key
    # retired (``held`` says which), "sent" after. Partners see a signal only once it is sent.
    status: Literal["sent", "queued", "held"]
    queued_until: str | None
    held: str | None
    # The day it was sent; none while it waits.
    created_on: date | None
    category: str
    urgency: str
    period: str
    inbox_version: int
    team_ciphertext: B64
    deliveries: list[DeliveryStatus]


class FeedbackOut(BaseModel):
    id: uuid.UUID
    delivery_id: uuid.UUID
    partner_id: str
    created_on: date
    inbox_version: int
    ciphertext: B64


class PartnerSignal(BaseModel):
    """A signal as its partner sees it; ``id`` is this partner's own id for it."""

    id: uuid.UUID
    created_on: date
    category: str
    urgency: str
    period: str
    status: str
    acknowledged_on: date | None
    key_id: str


class PartnerSignalDetail(PartnerSignal):
    ciphertext: B64


class FeedbackIn(Strict):
    id: RandomId
    inbox_version: KeyVersion
    ciphertext: Ciphertext


class FeedbackCreated(BaseModel):
    id: uuid.UUID
