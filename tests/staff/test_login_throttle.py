"""The per-account delay after failed logins (T7): grows, is capped, resets, reveals no account."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import redis
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.db import Database
from app.main import create_app
from app.models import StaffMember, StaffSession
from app.security import rate_limits
from app.staff import login_throttle
from tests.conftest import TotpClock, make_settings
from tests.factories import Member, enrol, invite_directly
from tests.staff.helpers import count, error_of, one, raw_login


class ThrottleClock:
    """The login throttle's clock, moved by hand so no test waits for a delay to pass."""

    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def throttle_clock(monkeypatch: pytest.MonkeyPatch) -> ThrottleClock:
    clock = ThrottleClock()
    monkeypatch.setattr(login_throttle, "clock", clock)
    return clock


@pytest.fixture
def vera(client: TestClient, app: FastAPI, totp_clock: TotpClock) -> Member:
    return enrol(client, totp_clock, invite_directly(app, "vera", is_admin=False), "vera")


def _wrong(http: httpx.Client, username: str = "vera") -> httpx.Response:
    return raw_login(http, username, "not the passphrase", totp_code="123456")


def _answer(response: httpx.Response) -> tuple[int, Any, str | None]:
    """Everything a client can see of a refusal: status, body and the wait it is told."""
    return response.status_code, response.json(), response.headers.get("retry-after")


def _retry_after(response: httpx.Response) -> int:
    assert error_of(response) == (429, "login_throttled")
    return int(response.headers["retry-after"])


def test_three_failures_are_free_then_the_wait_doubles(
    client: TestClient, vera: Member, throttle_clock: ThrottleClock
) -> None:
    first_three = [error_of(_wrong(client)) for _ in range(3)]
    waits = []
    for _ in range(4):
        waits.append(_retry_after(_wrong(client)))
        throttle_clock.now += waits[-1]
        assert error_of(_wrong(client)) == (401, "login_failed")

    assert first_three == [(401, "login_failed")] * 3
    assert waits == [1, 2, 4, 8]


def test_a_throttled_attempt_is_refused_even_with_the_right_passphrase_and_code(
    client: TestClient,
    app: FastAPI,
    vera: Member,
    totp_clock: TotpClock,
    throttle_clock: ThrottleClock,
) -> None:
    for _ in range(4):
        _wrong(client)
    throttle_clock.now += 1
    _wrong(client)
    sessions_before = count(app, StaffSession)

    right = raw_login(client, "vera", vera.passphrase, totp_code=totp_clock.code(vera.seed))

    assert _retry_after(right) == 2
    assert count(app, StaffSession) == sessions_before
    throttle_clock.now += 2
    again = raw_login(client, "vera", vera.passphrase, totp_code=totp_clock.code(vera.seed))
    assert again.status_code == 200


def test_a_throttled_attempt_costs_no_hash_and_does_not_push_the_wait(
    client: TestClient,
    app: FastAPI,
    vera: Member,
    throttle_clock: ThrottleClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for _ in range(3):
        _wrong(client)
    hashed = []
    verify = app.state.hasher.verify

    async def counting_verify(encoded: str | None, value: bytes) -> bool:
        hashed.append(value)
        return bool(await verify(encoded, value))

    monkeypatch.setattr(app.state.hasher, "verify", counting_verify)

    refused = [_retry_after(_wrong(client)) for _ in range(5)]

    assert refused == [1] * 5
    assert hashed == []
    throttle_clock.now += 1
    assert error_of(_wrong(client)) == (401, "login_failed")
    assert len(hashed) == 1


def test_the_wait_never_grows_past_the_cap(
    database: Database,
    database_url: str,
    redis_url: str,
    redis_client: redis.Redis,
    totp_clock: TotpClock,
    throttle_clock: ThrottleClock,
) -> None:
    settings = make_settings(database_url, redis_url, login_throttle={"cap_seconds": 5})
    app = create_app(settings, database=database)
    rate_limits.reset()
    with TestClient(app, base_url="http://testserver") as http:
        vera = enrol(http, totp_clock, invite_directly(app, "vera", is_admin=False), "vera")
        for _ in range(3):
            _wrong(http)
        waits = []
        for _ in range(6):
            waits.append(_retry_after(_wrong(http)))
            throttle_clock.now += waits[-1]
            _wrong(http)
        # Even after a long run of failures the owner gets in once the capped wait is over.
        throttle_clock.now += 5
        right = raw_login(http, "vera", vera.passphrase, totp_code=totp_clock.code(vera.seed))
    rate_limits.reset()

    assert waits == [1, 2, 4, 5, 5, 5]
    assert right.status_code == 200


def test_a_successful_login_resets_the_count(
    client: TestClient,
    app: FastAPI,
    vera: Member,
    totp_clock: TotpClock,
    throttle_clock: ThrottleClock,
) -> None:
    for _ in range(3):
        _wrong(client)
    throttle_clock.now += 1
    assert raw_login(
        client, "vera", vera.passphrase, totp_code=totp_clock.code(vera.seed)
    ).is_success

    after_success = [error_of(_wrong(client)) for _ in range(3)]

    assert after_success == [(401, "login_failed")] * 3
    assert _retry_after(_wrong(client)) == 1


def test_a_success_leaves_no_failures_on_the_row(
    client: TestClient,
    app: FastAPI,
    vera: Member,
    totp_clock: TotpClock,
    throttle_clock: ThrottleClock,
) -> None:
    _wrong(client)
    assert one(app, StaffMember, StaffMember.username == "vera")["login_failures"] == 1

    raw_login(client, "vera", vera.passphrase, totp_code=totp_clock.code(vera.seed))

    row = one(app, StaffMember, StaffMember.username == "vera")
    assert (row["login_failures"], row["login_failed_at"]) == (0, None)


def test_failures_are_forgotten_after_a_quiet_day(
    client: TestClient, app: FastAPI, vera: Member, throttle_clock: ThrottleClock
) -> None:
    for _ in range(6):
        _wrong(client)
        throttle_clock.now += 60
    throttle_clock.now += app.state.settings.login_throttle.forget_after_seconds

    fresh = [error_of(_wrong(client)) for _ in range(3)]

    assert fresh == [(401, "login_failed")] * 3
    assert _retry_after(_wrong(client)) == 1


def _story(http: httpx.Client, clock: ThrottleClock, username: str) -> list[tuple[Any, ...]]:
    """The same run of wrong attempts, waits and retries, as an attacker would probe a name."""
    seen = []
    for step in range(9):
        seen.append(_answer(_wrong(http, username)))
        if step in (4, 6):
            clock.now += 1
    clock.now += 2
    seen.append(_answer(_wrong(http, username)))
    return seen


@pytest.fixture(params=["redis", "memory"])
def http_either_store(
    request: pytest.FixtureRequest,
    database: Database,
    database_url: str,
    redis_url: str,
    redis_client: redis.Redis,
) -> Iterator[tuple[FastAPI, TestClient]]:
    """Unknown names are throttled in Redis when it is configured, in memory otherwise."""
    store = redis_url if request.param == "redis" else None
    app = create_app(make_settings(database_url, store), database=database)
    rate_limits.reset()
    with TestClient(app, base_url="http://testserver") as http:
        yield app, http
    rate_limits.reset()


def test_unknown_and_known_usernames_get_the_same_answers(
    http_either_store: tuple[FastAPI, TestClient],
    totp_clock: TotpClock,
    throttle_clock: ThrottleClock,
) -> None:
    app, http = http_either_store
    enrol(http, totp_clock, invite_directly(app, "vera", is_admin=False), "vera")
    invite_directly(app, "invited-only", is_admin=False)

    known = _story(http, throttle_clock, "vera")
    unknown = _story(http, throttle_clock, "nobody")
    not_active = _story(http, throttle_clock, "invited-only")

    assert known == unknown == not_active
    assert [(status, wait) for status, _body, wait in known] == [
        *[(401, None)] * 3,
        (429, "1"),
        (429, "1"),
        (401, None),
        (429, "2"),
        (429, "1"),
        (429, "1"),
        (401, None),
    ]


def test_unknown_names_are_kept_only_as_keyed_hashes_in_redis(
    client: TestClient,
    app: FastAPI,
    redis_client: redis.Redis,
    throttle_clock: ThrottleClock,
) -> None:
    _wrong(client, "someone-typed-this")

    keys = [k for k in redis_client.keys("*") if k.startswith(b"vp:login-throttle:")]
    dump = b"".join(keys + [redis_client.get(k) or b"" for k in keys])
    assert len(keys) == 1
    assert b"someone-typed-this" not in dump
