"""Fixtures built from tests/factories.py, shared by every test package (registered in conftest)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from client import kdf
from tests.conftest import TEST_PBKDF2_ITERATIONS, TotpClock
from tests.factories import Member, admin_with_inbox


@pytest.fixture(scope="session", autouse=True)
def cheap_client_kdf() -> Iterator[None]:
    """The Python clients' KDF floor (client.kdf), lowered in this process for speed.

    Only this process's module attribute changes, never anything a server answers; the floor's
    own tests put the published minimum back (tests/client/test_kdf_floor.py). The browser
    console has no such switch: its tests use the full 600 000 iterations.
    """
    with pytest.MonkeyPatch.context() as patch:
        # Session-wide, so that module-scoped fixtures that enrol staff get it too.
        patch.setattr(kdf, "MIN_ITERATIONS", TEST_PBKDF2_ITERATIONS)
        yield


@pytest.fixture
def admin(client: TestClient, app: FastAPI, totp_clock: TotpClock) -> Member:
    """The first administrator, also an adviser, logged in, with inbox key version 1."""
    return admin_with_inbox(app, client, totp_clock)
