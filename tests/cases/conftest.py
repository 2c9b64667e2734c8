"""Fixtures for the triage tests: an adviser who holds the inbox key."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import TotpClock
from tests.factories import Member, admin_with_inbox


@pytest.fixture
def admin(client: TestClient, app: FastAPI, totp_clock: TotpClock) -> Member:
    return admin_with_inbox(app, client, totp_clock)
