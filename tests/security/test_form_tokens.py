"""One-use form tokens of the pages without JavaScript, and the report id and receipt they make."""

from __future__ import annotations

import base64
import re
import time
import uuid

import pytest
import redis

import crypto
from app.security.form_tokens import (
    EXPIRY_BUCKET_SECONDS,
    FormTokenExpired,
    FormTokenInvalid,
    FormTokens,
)
from app.security.spent_store import SpentStore

KEY = bytes(range(32))


def tokens(store: SpentStore | None = None, key: bytes = KEY, ttl: int = 3600) -> FormTokens:
    return FormTokens(key=key, ttl_seconds=ttl, spent=store or SpentStore(None))


def test_a_token_is_accepted_once() -> None:
    forms = tokens()
    token = forms.issue()

    forms.verify(token)
    with pytest.raises(FormTokenInvalid):
        forms.verify(token)
    assert forms.spend(forms.check(token)) is False


def test_tokens_from_another_key_or_tampered_or_garbage_are_invalid_not_expired() -> None:
    token = tokens().issue()
    raw = bytearray(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    raw[12] ^= 1
    tampered = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    for bad in (tampered, "", "x" * 500, "é" * 10, token[:-2], token + "AA", "!!!!"):
        with pytest.raises(FormTokenInvalid) as refused:
            tokens().check(bad)
        assert not isinstance(refused.value, FormTokenExpired)
    with pytest.raises(FormTokenInvalid):
        tokens(key=bytes(32)).check(token)


def test_expiry_is_rounded_up_to_the_hour_and_then_the_token_is_expired(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    forms = tokens(ttl=600)
    before = int(time.time())
    checked = forms.check(forms.issue())

    assert checked.expires_at % EXPIRY_BUCKET_SECONDS == 0
    assert before + 600 <= checked.expires_at <= before + 600 + EXPIRY_BUCKET_SECONDS
    token = forms.issue()
    monkeypatch.setattr(time, "time", lambda: float(checked.expires_at))
    with pytest.raises(FormTokenExpired):
        forms.check(token)


def test_a_token_makes_the_same_report_id_and_receipt_every_time() -> None:
    forms = tokens()
    token = forms.check(forms.issue())
    made = forms.report_from(token)

    assert forms.report_from(token) == made
    assert tokens().report_from(tokens().check(forms.issue())) != made
    assert made.report_id.version == 4 and made.report_id.variant == uuid.RFC_4122
    assert re.fullmatch(r"\d{5}( \d{5}){5}", made.receipt)
    assert crypto.format_receipt(made.receipt) == made.receipt


def test_the_report_needs_the_server_key_not_just_the_token() -> None:
    token = tokens().issue()
    theirs = FormTokens(key=bytes(32), ttl_seconds=3600, spent=SpentStore(None))
    # A service with another key cannot even check it; forcing the check still yields another
    # report id and receipt, so the token in the page's HTML is worthless on its own.
    checked = tokens().check(token)
    assert theirs.report_from(checked) != tokens().report_from(checked)


def test_the_spent_marker_names_neither_the_token_nor_its_random_part(
    redis_client: redis.Redis,
) -> None:
    forms = tokens(SpentStore(redis_client))
    token = forms.issue()
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    random_part = raw[9:25]
    forms.verify(token)

    [key] = redis_client.keys("*")
    assert random_part not in key and raw not in key and token.encode() not in key
    assert len(key) == len(b"vp:pow-spent:") + 16
    # Set with the token's own (hourly) expiry plus the constant allowance, never "now + TTL".
    assert redis_client.expiretime(key) == forms.check(token).expires_at + 60
