"""Field types shared by the JSON API: binary values travel as standard base64.

``Ciphertext`` refuses anything that is not shaped like our HPKE envelope (enc, padded body, tag):
the server stores opaque bytes and will not be handed plaintext by mistake (STYLE 14).
"""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema

from crypto import is_valid_envelope_length

MAX_CIPHERTEXT_BYTES = 12 * 1024 * 1024


def _decode(value: Any) -> bytes:
    if isinstance(value, bytes):
        return value
    if not isinstance(value, str):
        raise ValueError("expected a base64 string")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("not valid base64") from None


def _encode(value: bytes) -> str:
    return base64.b64encode(value).decode()


def _envelope(value: Any) -> bytes:
    raw = _decode(value)
    if len(raw) > MAX_CIPHERTEXT_BYTES or not is_valid_envelope_length(len(raw)):
        raise ValueError("not a sealed, padded envelope of an accepted size")
    return raw


def _key(value: Any) -> bytes:
    raw = _decode(value)
    if len(raw) != 32:
        raise ValueError("a public key is 32 bytes")
    return raw


_AS_STRING = PlainSerializer(_encode, return_type=str)

B64 = Annotated[
    bytes,
    BeforeValidator(_decode),
    _AS_STRING,
    WithJsonSchema({"type": "string", "format": "byte", "maxLength": 4096}),
]
Ciphertext = Annotated[
    bytes,
    BeforeValidator(_envelope),
    _AS_STRING,
    WithJsonSchema({"type": "string", "format": "byte", "description": "base64 HPKE envelope"}),
]
PublicKey32 = Annotated[
    bytes,
    BeforeValidator(_key),
    _AS_STRING,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[A-Za-z0-9+/]{43}=$",
            "description": "base64 of 32 bytes",
        }
    ),
]
Secret32 = PublicKey32
KeyVersion = Annotated[int, Field(ge=1, le=1_000_000)]
