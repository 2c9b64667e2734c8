from __future__ import annotations

from pydantic import BaseModel

from app.api_types import B64


class PublicInboxKey(BaseModel):
    version: int
    public_key: B64
    key_id: str
