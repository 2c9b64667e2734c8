from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel

from app.api_types import Ciphertext, KeyVersion
from app.schemas_common import RandomId, Strict


class MailboxMessage(BaseModel):
    id: uuid.UUID
    kind: str
    created_on: date
    ciphertext: Ciphertext


class MailboxOut(BaseModel):
    report_id: uuid.UUID
    created_on: date
    status: str
    reporter_copy: Ciphertext | None
    # The partners the reporter allowed a signal to (the consents stored with the report).
    consents: list[str]
    messages: list[MailboxMessage]


class FollowUpIn(Strict):
    id: RandomId
    inbox_version: KeyVersion
    inbox_ciphertext: Ciphertext
    reply_ciphertext: Ciphertext


class FollowUpOut(BaseModel):
    id: uuid.UUID
