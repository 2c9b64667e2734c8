"""Rate limits on every anonymous route, keyed without ever storing an address (R1, T2, T6)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.db import Database
from tests.conftest import GENEROUS_LIMITS, TotpClock, make_settings
from tests.factories import admin_with_inbox, reporter
from tests.reports.helpers import (
    client_with,
    credential_header,
    error_code,
    pow_header,
    report_body,
    row_counts,
)

IPV4 = re.compile(rb"\b\d{1,3}(?:\.\d{1,3}){3}\b")
IPV6 = re.compile(rb"\b[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\b", re.IGNORECASE)
# Behind a staff session (VP or admin): Argon2-hashed login, TOTP and CSRF stand in front of them.
STAFF_PREFIXES = ("/api/v1/staff", "/api/v1/cases", "/api/v1/signals", "/api/v1/admin")
UNLIMITED = {"/healthz", "/api/v1/openapi.json"}


def tight(database: Database, database_url: str, redis_url: str, **limits: str) -> Any:
    settings = make_settings(database_url, redis_url, rate_limits={**GENEROUS_LIMITS, **limits})
    return client_with(database, settings)


@pytest.fixture
def tight_submit(
    database: Database, database_url: str, redis_url: str, redis_client: redis.Redis
) -> Iterator[tuple[FastAPI, TestClient]]:
    with tight(database, database_url, redis_url, submit="2/minute") as pair:
        yield pair


def anonymous_endpoints(app: FastAPI) -> list[tuple[str, str]]:
    """(path, "module.function") of every route reachable without a staff login."""
    found = []
    for route in app.routes:
        # FastAPI 0.16x keeps included routers as one route each; their candidates carry the
        # full path and the endpoint function.
        candidates = (
            route.effective_candidates() if hasattr(route, "effective_candidates") else [route]
        )
        for candidate in candidates:
            path, endpoint = candidate.path, getattr(candidate, "endpoint", None)
            if path in UNLIMITED or path.startswith(STAFF_PREFIXES) or endpoint is None:
                continue
            found.append((path, f"{endpoint.__module__}.{endpoint.__name__}"))
    return found


def test_third_submit_in_a_minute_is_rate_limited(
    tight_submit: tuple[FastAPI, TestClient], totp_clock: TotpClock
) -> None:
    app, http = tight_submit
    admin_with_inbox(app, http, totp_clock)
    sender = reporter(http)
    sender.submit({"text": "1"})
    sender.submit({"text": "2"})

    response = http.post("/api/v1/reports", json=report_body(http)[0], headers=pow_header(http))

    assert response.status_code == 429
    assert error_code(response) == "rate_limited"
    assert row_counts(app)["reports"] == 2


def test_rate_limit_is_checked_before_the_challenge_is_spent(
    tight_submit: tuple[FastAPI, TestClient], totp_clock: TotpClock, redis_client: redis.Redis
) -> None:
    app, http = tight_submit
    admin_with_inbox(app, http, totp_clock)
    reporter(http).submit({"text": "1"})
    reporter(http).submit({"text": "2"})
    solution = pow_header(http)
    body = report_body(http)[0]

    refused = http.post("/api/v1/reports", json=body, headers=solution)
    assert refused.status_code == 429
    assert len(list(redis_client.scan_iter(match="vp:pow-spent:*"))) == 2
    app.state.limiter.reset()  # only the LIMITS:* keys
    accepted = http.post("/api/v1/reports", json=body, headers=solution)

    # The challenge survived the 429 and still counts once the limit has passed.
    assert accepted.status_code == 201
    assert row_counts(app)["reports"] == 3


def test_mailbox_reads_are_rate_limited(
    database: Database,
    database_url: str,
    redis_url: str,
    redis_client: redis.Redis,
    totp_clock: TotpClock,
) -> None:
    with tight(database, database_url, redis_url, mailbox_read="3/minute") as (app, http):
        admin_with_inbox(app, http, totp_clock)
        headers = {"X-Mailbox-Credential": "A" * 43 + "="}
        statuses = [http.get("/api/v1/mailbox", headers=headers).status_code for _ in range(4)]
    # Guessing receipts costs one request each; the fourth guess in a minute is refused.
    assert statuses == [401, 401, 401, 429]


def test_every_anonymous_route_has_a_rate_limit(app: FastAPI) -> None:
    limiter = app.state.limiter
    limited = set(limiter._route_limits) | set(limiter._dynamic_route_limits)
    endpoints = anonymous_endpoints(app)

    assert {path for path, _ in endpoints} == {
        "/api/v1/proof-of-work",
        "/api/v1/reports",
        "/api/v1/mailbox",
        "/api/v1/mailbox/messages",
        "/api/v1/partners",
        "/api/v1/inbox-key",
        # A partner's system registering its key with a one-time token, then using its API token.
        "/api/v1/partner-keys",
        "/api/v1/partner/signals",
        "/api/v1/partner/signals/{delivery_id}",
        "/api/v1/partner/signals/{delivery_id}/acknowledgement",
        "/api/v1/partner/signals/{delivery_id}/feedback",
        # The reporter pages.
        "/",
        "/{lang}/",
        "/{lang}/danger",
        "/{lang}/report",
        "/{lang}/mailbox",
        # The console shells (no data in them: it comes from the API after login).
        "/staff/",
        "/staff/enrol",
        "/partner/",
    }
    assert [name for _, name in endpoints if name not in limited] == []


def test_redis_holds_no_client_address(
    client: TestClient, app: FastAPI, redis_client: redis.Redis, totp_clock: TotpClock
) -> None:
    admin_with_inbox(app, client, totp_clock)
    sent = reporter(client).submit({"text": "x"})
    assert sent.receipt is not None
    forwarded = {"X-Forwarded-For": "203.0.113.7, 2001:db8::7", "X-Real-IP": "198.51.100.9"}
    client.get("/api/v1/partners", headers=forwarded)
    client.get("/api/v1/mailbox", headers={**credential_header(sent.receipt), **forwarded})

    stored = list(_everything_in(redis_client))

    assert any(key.startswith(b"vp:rl-secret:") for key, _ in stored)
    assert any(b"LIMITS" in key for key, _ in stored), "rate limits are kept in Redis"
    for key, values in stored:
        for blob in (key, *values):
            assert b"testclient" not in blob.lower()
            assert IPV4.search(blob) is None, (key, blob)
            assert b"2001:db8" not in blob.lower()


def test_rate_limit_hashing_secret_expires(
    client: TestClient, redis_client: redis.Redis, settings: Any
) -> None:
    client.get("/api/v1/partners")
    keys = list(redis_client.scan_iter(match="vp:rl-secret:*"))
    assert len(keys) == 1
    ttl = redis_client.ttl(keys[0])
    assert 0 < ttl <= 2 * settings.rate_limits.secret_rotation_seconds


def _everything_in(client: redis.Redis) -> Iterator[tuple[bytes, list[bytes]]]:
    for key in client.scan_iter():
        kind = client.type(key)
        if kind == b"string":
            values = [client.get(key) or b""]
        elif kind == b"list":
            values = list(client.lrange(key, 0, -1))
        elif kind == b"zset":
            values = [member for member, _ in client.zrange(key, 0, -1, withscores=True)]
        elif kind == b"hash":
            values = [part for pair in client.hgetall(key).items() for part in pair]
        elif kind == b"set":
            values = list(client.smembers(key))
        else:
            raise AssertionError(f"unexpected Redis type {kind!r} for {key!r}")
        yield key, [v if isinstance(v, bytes) else str(v).encode() for v in values]
