from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class AuditRecord(BaseModel):
    seq: int
    created_at: str
    actor_kind: str
    actor_id: str | None
    action: str
    # Only on entries written before case references were sealed; it names no report any more.
    case_ref: str | None
    # Hex of ``{case, detail}`` sealed to inbox key version ``case_inbox_version`` (R5): only an
    # adviser's console opens it, with info ``vertrouwenspunt/v1/audit-case/<seq>/inbox-v<N>``.
    case_sealed: str | None
    case_inbox_version: int | None
    signal_ref: str | None
    detail: dict[str, Any]
    prev_hash: str
    entry_hash: str


class AuditPage(BaseModel):
    entries: list[AuditRecord]
    # Pass as ``after`` for the next page; None when this was the last.
    next_after: int | None


class Problem(BaseModel):
    seq: int
    reason: str


class Head(BaseModel):
    seq: int
    entry_hash: str


class Verification(BaseModel):
    intact: bool
    problems: list[Problem]
    # Write this down outside the service now and then: `verify-audit --anchor` checks it later.
    head: Head | None
