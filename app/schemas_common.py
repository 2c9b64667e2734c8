"""Small pieces of request validation shared by several domains."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, model_validator


def _random_id(value: uuid.UUID) -> uuid.UUID:
    # Ids of rows a reporter causes are random (R3); clients make them so ciphertexts can be bound
    # to them through HPKE info before the first request.
    if value.version != 4:
        raise ValueError("must be a random (version 4) UUID")
    return value


RandomId = Annotated[uuid.UUID, AfterValidator(_random_id)]


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


class Strict(BaseModel):
    """Base of every request body: unknown fields and NUL characters are refused.

    PostgreSQL text cannot hold NUL, and no field of ours has a use for it, so it is rejected
    here as bad input rather than failing later in the database.
    """

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        if _has_nul(data):
            raise ValueError("text must not contain NUL characters")
        return data
