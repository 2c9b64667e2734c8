from __future__ import annotations

from pydantic import BaseModel


class PublicPartner(BaseModel):
    id: str
    name: str
    kind: str
    description: str
