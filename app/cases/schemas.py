from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, field_validator

from app.api_types import B64, Ciphertext, KeyVersion
from app.cases.taxonomy import CATEGORY_IDS
from app.schemas_common import RandomId, Strict

Status = Literal["new", "in_progress", "waiting", "closed"]


def _known_label(label: str) -> str:
    if label not in CATEGORY_IDS:
        raise ValueError("unknown label")
    return label


# A label filter is refused like an unknown status, instead of quietly matching nothing.
Label = Annotated[str, Field(max_length=64), AfterValidator(_known_label)]


class CaseSummary(BaseModel):
    id: uuid.UUID
    created_on: date
    status: str
    labels: list[str]
    assignee_id: uuid.UUID | None
    one_way: bool
    acknowledged_on: date | None
    # None for a one-way report: without a mailbox there is nobody to acknowledge to.
    acknowledge_due: date | None
    feedback_due: date
    acknowledge_overdue: bool
    feedback_overdue: bool
    consents: list[str]
    # The reporter's messages since the team's last reply.
    unanswered: int


class CasePage(BaseModel):
    items: list[CaseSummary]
    next_cursor: str | None


class ThreadMessage(BaseModel):
    id: uuid.UUID
    seq: int
    kind: str
    created_on: date
    inbox_version: int | None
    ciphertext: Ciphertext | None
    author_id: uuid.UUID | None


class NoteOut(BaseModel):
    id: uuid.UUID
    author_id: uuid.UUID | None
    inbox_version: int
    ciphertext: Ciphertext


class CaseDetail(CaseSummary):
    inbox_version: int
    ciphertext: Ciphertext
    reply_public_key: B64 | None
    messages: list[ThreadMessage]
    notes: list[NoteOut]


class CaseUpdate(Strict):
    status: Status | None = None
    labels: Annotated[list[str], Field(max_length=len(CATEGORY_IDS))] | None = None
    assignee_id: uuid.UUID | None = None
    unassign: bool = False

    @field_validator("labels")
    @classmethod
    def _known_labels(cls, labels: list[str] | None) -> list[str] | None:
        if labels is None:
            return None
        unknown = set(labels) - set(CATEGORY_IDS)
        if unknown:
            raise ValueError("unknown label: " + ", ".join(sorted(unknown)))
        return sorted(set(labels))


class ReplyIn(Strict):
    id: RandomId
    inbox_version: KeyVersion
    inbox_ciphertext: Ciphertext
    reply_ciphertext: Ciphertext


class NoteIn(Strict):
    id: RandomId
    inbox_version: KeyVersion
    ciphertext: Ciphertext


class Created(BaseModel):
    id: uuid.UUID


class Tombstone(BaseModel):
    """A report its reporter erased: only the day, and its id sealed to the inbox key."""

    id: uuid.UUID
    erased_on: date
    inbox_version: int
    case_ref: Ciphertext
