"""Small pieces of request validation shared by several domains."""

from __future__ import annotations

import re
import uuid
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, model_validator

from app.errors import N_

# The deepest nesting of arrays and objects that a request body may have. Our deepest body (a
# security key's registration with its extension results) nests four levels. Without a bound a
# body of 500 levels ran Python out of stack in the recursive steps after parsing (a 500 instead of
# a 4xx), and 100 000 levels did so in the parser itself (docs/decisions.md).
MAX_JSON_DEPTH = 32
TOO_DEEP = N_("What you sent is nested too deeply to be read.")

_NOT_STRUCTURE = bytes(set(range(256)) - set(b'"[]{}'))
_AS_PARENS = bytes.maketrans(b"[]{}", b"()()")
_STRING = re.compile(rb'"[^"]*+"')


def json_too_deep(raw: bytes, *, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether a JSON text opens more than ``limit`` arrays or objects inside each other.

    It reads the bytes without parsing them and without recursion, in at most ``limit`` passes
    of bytes methods, so it is safe before the parser on any body. It is exact for valid JSON;
    for invalid JSON it never answers "not too deep" where a parser would go deeper than
    twice the limit before finding the error.
    """
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False  # nearly every body: too few brackets to nest deeply, inside strings or not
    # Brackets inside strings are text. Escaped backslashes and quotes go first, then everything
    # but quotes and brackets; '""' is then an empty string or the end of one string and the
    # start of the next (only "," or ":" stood between them), and what is left between quotes
    # is a string's brackets. An unterminated string runs to the end: the parser stops there.
    text = raw.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, _NOT_STRUCTURE)
    text = _STRING.sub(b"", text.replace(b'""', b"")).partition(b'"')[0]
    brackets = text.translate(_AS_PARENS)
    # Each pass removes the innermost pairs: a body nested n deep is free of pairs after n passes.
    for _ in range(limit):
        if b"()" not in brackets:
            break
        brackets = brackets.replace(b"()", b"")
    if b"()" in brackets:
        return True
    # What is left is unmatched: closers first (the parser fails at the first of them, and every
    # pair before it was at most ``limit`` deep), then openers that are never closed.
    return not brackets.startswith(b")") and len(brackets) > limit


def _random_id(value: uuid.UUID) -> uuid.UUID:
    # Ids of rows a reporter causes are random (R3); clients make them so ciphertexts can be bound
    # to them through HPKE info before the first request.
    if value.version != 4:
        raise ValueError("must be a random (version 4) UUID")
    return value


RandomId = Annotated[uuid.UUID, AfterValidator(_random_id)]


def _has_nul(value: Any) -> bool:
    # With an explicit stack rather than recursion: however deeply a value nests, this answers
    # instead of running out of Python's stack (which was a 500).
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)
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
