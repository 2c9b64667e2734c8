"""While Argon2 runs, the request holds no database connection or transaction.

Otherwise a burst of logins would hold SQLite's write lock (every transaction takes it) and lock
out every submission, or keep PostgreSQL's pooled connections while waiting for a hash slot.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import TotpClock
from tests.factories import admin_with_inbox, reporter


class PoolWatchingHasher:
    """Wraps the real Argon2 hasher and notes how many connections were checked out meanwhile."""

    def __init__(self, app: FastAPI) -> None:
        self.real = app.state.hasher.hasher
        self.pool = app.state.database.engine.pool
        self.seen: list[int] = []

    def hash(self, value: bytes) -> str:
        self.seen.append(self.pool.checkedout())
        result: str = self.real.hash(value)
        return result

    def verify(self, encoded: str, value: bytes) -> None:
        self.seen.append(self.pool.checkedout())
        self.real.verify(encoded, value)

    def needs_rehash(self, encoded: str) -> bool:
        result: bool = self.real.needs_rehash(encoded)
        return result


def test_enrolment_and_login_hash_without_holding_a_connection(
    app: FastAPI, client: TestClient, totp_clock: TotpClock
) -> None:
    watcher = PoolWatchingHasher(app)
    app.state.hasher.hasher = watcher

    admin = admin_with_inbox(app, client, totp_clock)
    admin.client.login(admin.username, admin.passphrase, totp_code=totp_clock.code(admin.seed))
    reporter(client).submit({"text": "na het inloggen"})

    # Enrolment hashes once; the two logins verify once each (the dummy hash comes first).
    assert len(watcher.seen) >= 3
    assert watcher.seen == [0] * len(watcher.seen)
