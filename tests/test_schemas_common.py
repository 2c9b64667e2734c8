"""The request-body checks every domain shares: JSON depth and NUL characters, without recursion."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from app.schemas_common import MAX_JSON_DEPTH, Strict, json_too_deep

# Text that looks like structure: brackets, quotes and backslashes inside strings are not nesting.
TRICKY_TEXT = st.text(alphabet='[]{}"\\ab,:\n', max_size=12)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TRICKY_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TRICKY_TEXT, inner, max_size=3),
    max_leaves=30,
)


def depth_of(value: Any) -> int:
    deepest, pending = 0, [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, list | dict):
            deepest = max(deepest, depth + 1)
            children = item.values() if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)
    return deepest


def nested(depth: int, kind: str = "array") -> bytes:
    if kind == "array":
        return b"[" * depth + b"]" * depth
    return b'{"a":' * depth + b"1" + b"}" * depth


@settings(max_examples=400, deadline=None)
@given(value=JSON_VALUES, limit=st.integers(min_value=0, max_value=6), ascii_only=st.booleans())
def test_the_depth_check_agrees_with_the_parsed_value(
    value: Any, limit: int, ascii_only: bool
) -> None:
    raw = json.dumps(value, ensure_ascii=ascii_only).encode()

    assert json_too_deep(raw, limit=limit) == (depth_of(json.loads(raw)) > limit)


@pytest.mark.parametrize("kind", ["array", "object"])
def test_the_limit_is_inclusive_and_holds_for_arrays_and_objects(kind: str) -> None:
    assert not json_too_deep(nested(MAX_JSON_DEPTH, kind))
    assert json_too_deep(nested(MAX_JSON_DEPTH + 1, kind))
    assert json_too_deep(nested(100_000, kind))


def test_brackets_in_strings_are_text_however_many() -> None:
    body = json.dumps({"text": "[" * 50_000 + '\\"{' * 1000, "list": ["]", "[[[", '"[']}).encode()

    assert not json_too_deep(body)


@pytest.mark.parametrize(
    ("raw", "too_deep"),
    [
        (b"[" * 100_000, True),  # never closed: a parser would still descend into every one
        (b'{"a": [' + b"[" * 10, False),  # truncated but shallow: the parser's own error stands
        (b'{"a": "' + b"[" * 100, False),  # an unterminated string: text to the end
        (b"]" + b"[" * 100, False),  # the parser fails at the first byte
    ],
    ids=["unclosed-deep", "unclosed-shallow", "unterminated-string", "closer-first"],
)
def test_invalid_json_is_judged_by_how_deep_a_parser_would_go(raw: bytes, too_deep: bool) -> None:
    assert json_too_deep(raw) is too_deep


class _Body(Strict):
    value: Any


def test_the_nul_check_answers_for_any_nesting_without_recursion() -> None:
    deep: Any = "\x00"
    for _ in range(100_000):
        deep = [deep]

    with pytest.raises(ValidationError, match="NUL"):
        _Body.model_validate({"value": deep})
    assert _Body.model_validate({"value": [[["fine"]]]}).value == [[["fine"]]]
