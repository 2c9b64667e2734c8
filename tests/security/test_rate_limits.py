"""Per-address limits for staff and partner routes only, keyed without storing an address (R1, T2).

Reporter routes have none: they are covered by tests/security/test_reporter_guard.py.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.db import Database
from tests.conftest import GENEROUS_LIMITS, TotpClock, make_settings
from tests.factories import admin_with_inbox
from tests.reports.helpers import client_with, error_code, row_counts
from tests.signals.helpers import BELLE, enrolled_partner

IPV4 = re.compile(rb"\b\d{1,3}(?:\.\d{1,3}){3}\b")
UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
# Behind a staff session (VP or admin): Argon2-hashed login, TOTP and CSRF stand in front of them.
STAFF_PREFIXES = ("/api/v1/staff", "/api/v1/cases", "/api/v1/signals", "/api/v1/admin")
UNLIMITED = {"/healthz", "/api/v1/openapi.json"}
# Everything a reporter's browser or the reporter client calls: no per-address state at all (R1).
REPORTER_ROUTES = {
    "/api/v1/proof-of-work",
    "/api/v1/reports",
    "/api/v1/mailbox",
    "/api/v1/mailbox/messages",
    "/api/v1/partners",
    "/api/v1/inbox-key",
    "/",
    "/{lang}/",
    "/{lang}/danger",
    "/{lang}/report",
    "/{lang}/mailbox",
}
# Anonymous until they show a token or log in: a partner's system and the console shells.
LIMITED_ROUTES = {
    "/api/v1/partner-keys",
    "/api/v1/partner/signals",
    "/api/v1/partner/signals/{delivery_id}",
    "/api/v1/partner/signals/{delivery_id}/acknowledgement",
    "/api/v1/partner/signals/{delivery_id}/feedback",
    "/staff/",
    "/staff/enrol",
    "/partner/",
}


def tight(database: Database, database_url: str, redis_url: str, **limits: str) -> Any:
    settings = make_settings(database_url, redis_url, rate_limits={**GENEROUS_LIMITS, **limits})
    return client_with(database, settings)


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


def test_reporter_routes_have_no_per_address_limit_and_the_others_do(app: FastAPI) -> None:
    limiter = app.state.limiter
    limited = set(limiter._route_limits) | set(limiter._dynamic_route_limits)
    endpoints = anonymous_endpoints(app)

    assert {path for path, _ in endpoints} == REPORTER_ROUTES | LIMITED_ROUTES
    assert [path for path, name in endpoints if path in REPORTER_ROUTES and name in limited] == []
    assert [
        path for path, name in endpoints if path in LIMITED_ROUTES and name not in limited
    ] == []


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/v1/reports"),
        ("POST", "/api/v1/mailbox/messages"),
        ("DELETE", "/api/v1/mailbox"),
    ],
)
def test_every_reporter_write_needs_proof_of_work(
    client: TestClient, app: FastAPI, method: str, path: str
) -> None:
    # Checked first: not even the credential or the body is looked at without a proof.
    response = client.request(method, path, headers={"X-Mailbox-Credential": "A" * 43 + "="})
    assert response.status_code == 403, response.text
    assert error_code(response) == "proof_of_work_required"
    assert row_counts(app)["reports"] == 0


def test_staff_login_limit_counts_an_ipv6_64_together_and_two_64s_apart(
    database: Database, database_url: str, redis_url: str, redis_client: redis.Redis
) -> None:
    def attempt(address: str) -> int:
        http = TestClient(app, client=(address, 50000))
        response = http.post("/api/v1/staff/login/parameters", json={"username": "someone"})
        return response.status_code

    with tight(database, database_url, redis_url, login="2/minute") as (app, _http):
        # One subscriber's /64 counts once, whichever of its addresses it uses.
        same_64 = [attempt(f"2001:db8:1:1::{n}") for n in ("a", "b", "c")]
        other_64 = attempt("2001:db8:1:2::a")
        ipv4 = [attempt("192.0.2.1"), attempt("192.0.2.1"), attempt("192.0.2.2")]

    assert same_64 == [200, 200, 429]
    assert other_64 == 200
    assert ipv4 == [200, 200, 200]


def test_limiter_keys_never_name_an_object_id(
    database: Database,
    database_url: str,
    redis_url: str,
    redis_client: redis.Redis,
    totp_clock: TotpClock,
) -> None:
    with tight(database, database_url, redis_url) as (app, http):
        partner = enrolled_partner(admin_with_inbox(app, http, totp_clock), http, BELLE)
        delivery_id = uuid.uuid4()
        auth = {"Authorization": f"Bearer {partner.api_token}"}
        for suffix in ("", "/acknowledgement"):
            method = "POST" if suffix else "GET"
            response = http.request(
                method, f"/api/v1/partner/signals/{delivery_id}{suffix}", headers=auth
            )
            assert response.status_code == 404, response.text

        # Read before the limiter is reset on the way out.
        keys = [key for key in redis_client.scan_iter() if b"LIMITS" in key]
    route_keys = [key for key in keys if b"partner_fetch" in key or b"partner_acknowledge" in key]

    # The limit was counted, under the route's name, and no key holds the id (or any id).
    assert len(route_keys) == 2, keys
    named = [key for key in keys if UUID.search(key) or delivery_id.hex.encode() in key.lower()]
    assert named == []


def test_limits_count_in_fixed_windows_without_a_time_per_hit(
    database: Database, database_url: str, redis_url: str, redis_client: redis.Redis
) -> None:
    with tight(database, database_url, redis_url) as (_app, http):
        for _ in range(3):
            http.post("/api/v1/staff/login/parameters", json={"username": "someone"})
        [key] = [key for key in redis_client.scan_iter() if b"LIMITS" in key]

        # A moving window keeps a list with the time of every hit; a fixed window one number.
        assert redis_client.type(key) == b"string"
        assert redis_client.get(key) == b"3"


def test_redis_holds_no_client_address_and_no_hashing_secret(
    database: Database, database_url: str, redis_url: str, redis_client: redis.Redis
) -> None:
    settings = make_settings(
        database_url, redis_url, rate_limits=GENEROUS_LIMITS, trusted_proxies=["127.0.0.1/32"]
    )
    forwarded = {"X-Forwarded-For": "203.0.113.7, 2001:db8::7", "X-Real-IP": "198.51.100.9"}
    with client_with(database, settings) as (app, _http):
        http = TestClient(app, client=("127.0.0.1", 50000))
        http.post("/api/v1/staff/login/parameters", json={"username": "x"}, headers=forwarded)
        http.get("/staff/", headers=forwarded)
        stored = list(_everything_in(redis_client))

    assert any(b"LIMITS" in key for key, _ in stored), "staff limits are kept in Redis"
    assert not any(key.startswith(b"vp:rl-secret") for key, _ in stored)
    for key, values in stored:
        for blob in (key, *values):
            assert b"testclient" not in blob.lower()
            assert IPV4.search(blob) is None, (key, blob)
            assert b"2001:db8" not in blob.lower()


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
