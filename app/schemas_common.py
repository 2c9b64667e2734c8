"""Small pieces of request validation shared by several domains."""

from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict


def _random_id(value: uuid.UUID) -> uuid.UUID:
    # Ids of rows a reporter causes are random (R3); clients make them so ciphertexts can be bound
    # to them through HPKE info before the first request.
    if value.version != 4:
        raise ValueError("must be a random (version 4) UUID")
    return value


RandomId = Annotated[uuid.UUID, AfterValidator(_random_id)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")
