"""Two logins at the same moment with one TOTP code or recovery code: exactly one gets in (T7).

The two requests run in two threads against one application and meet at a barrier right before
they are sent, so their transactions overlap; on PostgreSQL that is real parallelism, and only the
row lock in app.staff.service.complete_login keeps the second from consuming the code again.
Many rounds, because one round may not happen to interleave.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import redis
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.db import Database
from app.main import create_app
from app.models import RecoveryCode
from app.security import rate_limits
from crypto import derive_staff_secrets
from tests.conftest import TEST_PBKDF2_ITERATIONS, TotpClock, make_settings
from tests.factories import Member, enrol, invite_directly
from tests.staff.helpers import BASE, b64, rows

ROUNDS = 20


@pytest.fixture
def http(
    database: Database, database_url: str, redis_url: str, redis_client: redis.Redis
) -> Iterator[tuple[FastAPI, TestClient]]:
    # Enough recovery codes for every round, and no throttle in the way: each round's loser is
    # a counted failure, which is right, but not what this test is about.
    settings = make_settings(
        database_url,
        redis_url,
        staff={"pbkdf2_min_iterations": TEST_PBKDF2_ITERATIONS, "recovery_codes": ROUNDS},
        login_throttle={"free_failures": 10 * ROUNDS},
    )
    app = create_app(settings, database=database)
    rate_limits.reset()
    with TestClient(app, base_url="http://testserver") as client:
        yield app, client
    rate_limits.reset()


@pytest.fixture
def vera(http: tuple[FastAPI, TestClient], totp_clock: TotpClock) -> Member:
    app, client = http
    return enrol(client, totp_clock, invite_directly(app, "vera", is_admin=False), "vera")


def _auth_value(client: TestClient, member: Member) -> str:
    params = client.post(f"{BASE}/login/parameters", json={"username": member.username}).json()
    secrets_ = derive_staff_secrets(
        member.passphrase, salt=base64.b64decode(params["salt"]), iterations=params["iterations"]
    )
    return b64(secrets_.auth_value)


def _race(client: TestClient, body: dict[str, Any]) -> list[int]:
    """Send the same login twice at the same moment; the status codes, in any order."""
    barrier = threading.Barrier(2)

    def attempt() -> int:
        barrier.wait(timeout=30)
        return client.post(f"{BASE}/login", json=body).status_code

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(attempt) for _ in range(2)]
        return sorted(future.result(timeout=60) for future in futures)


def test_one_totp_code_used_twice_at_once_lets_in_only_one(
    http: tuple[FastAPI, TestClient], vera: Member, totp_clock: TotpClock
) -> None:
    _app, client = http
    auth_value = _auth_value(client, vera)

    outcomes = []
    for _ in range(ROUNDS):
        body = {
            "username": "vera",
            "auth_value": auth_value,
            "totp_code": totp_clock.code(vera.seed),
        }
        outcomes.append(_race(client, body))

    assert outcomes == [[200, 401]] * ROUNDS


def test_one_recovery_code_used_twice_at_once_lets_in_only_one(
    http: tuple[FastAPI, TestClient], vera: Member
) -> None:
    app, client = http
    auth_value = _auth_value(client, vera)
    assert len(vera.recovery_codes) == ROUNDS

    outcomes = [
        _race(client, {"username": "vera", "auth_value": auth_value, "recovery_code": code})
        for code in vera.recovery_codes
    ]

    assert outcomes == [[200, 401]] * ROUNDS
    assert all(row["used_at"] is not None for row in rows(app, RecoveryCode))
