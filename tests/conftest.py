"""Shared fixtures: real SQLite and PostgreSQL (schema built by the migrations), real Redis.

Every test that asks for ``client`` or ``database`` runs once per database backend. PostgreSQL
and Redis are required under CI=true; elsewhere tests that need them are skipped when unreachable.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import redis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import delete, insert

from app.db import Database
from app.main import create_app
from app.migrate import upgrade
from app.models import Base, Partner, PartnerText
from app.security import rate_limits
from app.settings import Argon2Settings, RateLimitSettings, Settings, get_settings
from app.staff import totp

pytest_plugins = ["tests.fixtures"]

IN_CI = os.environ.get("CI", "").lower() == "true"
PG_ADMIN_DSN = os.environ.get("VP_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_TEST_URL = os.environ.get("VP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
TEST_SECRET = "test-secret-" + "x" * 40
TEST_PBKDF2_ITERATIONS = 1000
# Limits stay on and keyed as in production, but out of the way of tests that are not about them.
# High enough for the OpenAPI fuzz run, which fetches a challenge for every generated write.
GENEROUS_LIMITS = {
    **{name: "100000/minute" for name in RateLimitSettings.rule_names()},
    # The global caps on reporter routes too (strings, so the dict also serves as environment).
    **{name: "100000" for name in RateLimitSettings.cap_names()},
}


def _unavailable(what: str, error: Exception) -> None:
    message = f"{what} is not reachable: {error}"
    if IN_CI:
        pytest.fail(message + " (required under CI=true)")
    pytest.skip(message)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        return
    name = f"vp_test_{os.getpid()}"
    yield fresh_postgres_database(name)
    drop_postgres_database(name)


def fresh_postgres_database(name: str) -> str:
    """Create (or re-create) an empty PostgreSQL database; returns its SQLAlchemy URL."""
    try:
        with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        _unavailable("PostgreSQL", error)
    base = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    return f"{base}/{name}"


def drop_postgres_database(name: str) -> None:
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def migrated(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    upgrade(database.engine)
    with database.engine.connect() as connection:
        seed = [dict(row._mapping) for row in connection.execute(Partner.__table__.select())]
        texts = [dict(row._mapping) for row in connection.execute(PartnerText.__table__.select())]
    database.seed_partners = seed  # type: ignore[attr-defined]
    database.seed_partner_texts = texts  # type: ignore[attr-defined]
    yield database
    database.dispose()


@pytest.fixture
def database(migrated: Database) -> Iterator[Database]:
    yield migrated
    # Each test starts from the freshly migrated state: empty tables and the seeded partners.
    with migrated.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(delete(table))
        connection.execute(insert(Partner.__table__), migrated.seed_partners)  # type: ignore[attr-defined]
        connection.execute(insert(PartnerText.__table__), migrated.seed_partner_texts)  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def redis_url() -> str:
    try:
        redis.Redis.from_url(REDIS_TEST_URL).ping()
    except redis.RedisError as error:
        _unavailable("Redis", error)
    return REDIS_TEST_URL


@pytest.fixture
def redis_client(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


def make_settings(database_url: str, redis_url: str | None, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "environment": "test",
        "secret_key": TEST_SECRET,
        "database_url": database_url,
        "redis_url": redis_url,
        "argon2": Argon2Settings(time_cost=1, memory_cost_kib=8, parallelism=1),
        "proof_of_work": {"difficulty": 4, "puzzles": 4, "ttl_seconds": 600},
        "staff": {"pbkdf2_min_iterations": TEST_PBKDF2_ITERATIONS},
        "rate_limits": GENEROUS_LIMITS,
        # The release timer opens its own database connections at start-up; tests that are not
        # about it release explicitly (tests/signals/test_release.py starts the timer itself).
        "signals": {"release_in_service": False},
    }
    values.update(overrides)
    return Settings.model_validate(values)


@pytest.fixture
def settings(database_url: str, redis_url: str, redis_client: redis.Redis) -> Settings:
    return make_settings(database_url, redis_url)


@pytest.fixture
def app(settings: Settings, database: Database) -> Iterator[FastAPI]:
    application = create_app(settings, database=database)
    rate_limits.reset()
    yield application
    rate_limits.reset()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


class TotpClock:
    """Moves the TOTP clock forward one step at a time, so each login gets a fresh code."""

    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now

    def code(self, seed: str) -> str:
        import pyotp

        self.now += totp.STEP_SECONDS
        return pyotp.TOTP(seed).at(self.now)


@pytest.fixture
def totp_clock(monkeypatch: pytest.MonkeyPatch) -> TotpClock:
    clock = TotpClock()
    monkeypatch.setattr(totp, "clock", clock)
    return clock


@pytest.fixture
def unique() -> str:
    return uuid.uuid4().hex[:8]


ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Deselected rather than skipped: a skip in the report should always mean something is missing.
    dropped = [
        item
        for item in items
        if item.get_closest_marker("postgresql_only")
        and getattr(item, "callspec", None) is not None
        and item.callspec.params.get("database_url") == "sqlite"
    ]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in dropped]


CLI_SECRET = "cli-test-secret-" + "s" * 24  # 40 characters: no InsecureSettingWarning


@pytest.fixture
def cli_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A migrated SQLite file that ``vertrouwenspunt`` commands find through the environment."""
    from app import cli

    path = tmp_path / "cli.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("VP_ENVIRONMENT", "test")
    monkeypatch.setenv("VP_SECRET_KEY", CLI_SECRET)
    get_settings.cache_clear()
    assert cli.main(["migrate"]) == 0
    yield path
    get_settings.cache_clear()
