"""A database that drops its connections costs one request a clear 503, not a 500 or a hang."""

from __future__ import annotations

import psycopg
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import PG_ADMIN_DSN
from tests.reports.helpers import error_code


@pytest.mark.postgresql_only
def test_a_restarted_database_gets_a_503_then_the_service_recovers(
    app: FastAPI, client: TestClient
) -> None:
    database = app.state.database
    assert client.get("/api/v1/partners").status_code == 200
    # What a PostgreSQL restart does to the pool: every open connection is closed under it.
    name = database.engine.url.database
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )

    refused = client.get("/api/v1/partners", headers={"Accept-Language": "nl"})

    assert refused.status_code == 503
    assert error_code(refused) == "unavailable"
    assert refused.headers["Retry-After"] == "5"
    assert "niets opgeslagen" in refused.json()["error"]["message"]
    # SQLAlchemy discarded the broken pool; the next request gets a fresh connection.
    assert client.get("/api/v1/partners").status_code == 200
