"""Fixtures built from tests/factories.py, shared by every test package (registered in conftest)."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import TotpClock
from tests.factories import Member, admin_with_inbox


@pytest.fixture
def admin(client: TestClient, app: FastAPI, totp_clock: TotpClock) -> Member:
    """The first administrator, also an adviser, logged in, with inbox key version 1."""
    return admin_with_inbox(app, client, totp_clock)
