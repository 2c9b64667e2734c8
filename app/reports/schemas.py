from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, model_validator

from app.api_types import Ciphertext, KeyVersion, PublicKey32, Secret32
from app.partners.schemas import PartnerId
from app.schemas_common import RandomId, Strict


class ChallengeOut(BaseModel):
    challenge: str
    # log2 of the hashes asked in all: `puzzles` puzzles of `bits` leading zero bits each.
    difficulty: int
    puzzles: int
    bits: int
    expires_at: int


class ReportIn(Strict):
    id: RandomId
    inbox_version: KeyVersion
    ciphertext: Ciphertext
    reporter_copy: Ciphertext | None = None
    reply_public_key: PublicKey32 | None = None
    mailbox_credential: Secret32 | None = None
    consents: Annotated[list[PartnerId], Field(max_length=50)] = []

    @model_validator(mode="after")
    def _mailbox_complete(self) -> ReportIn:
        if (self.reply_public_key is None) != (self.mailbox_credential is None):
            raise ValueError("reply_public_key and mailbox_credential go together")
        if self.reporter_copy is not None and self.reply_public_key is None:
            raise ValueError("reporter_copy needs a reply_public_key")
        if len(set(self.consents)) != len(self.consents):
            raise ValueError("consents must not repeat")
        return self


class ReportReceived(BaseModel):
    received: bool = True
    mailbox: bool
    acknowledge_within_days: int = 7
