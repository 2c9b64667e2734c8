"""Signals tests release the queue themselves: the service's own timer stays off, so that a test
running across a release time never sees a signal go out by itself."""

from __future__ import annotations

import pytest
import redis

from app.settings import Settings
from tests.conftest import make_settings


@pytest.fixture
def settings(database_url: str, redis_url: str, redis_client: redis.Redis) -> Settings:
    return make_settings(database_url, redis_url, signals={"release_in_service": False})
