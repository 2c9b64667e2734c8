"""slowapi limits for every anonymous endpoint, keyed per rule R1.

Routes are decorated at import time, so the limiter is a module object; ``configure`` points it at
Redis (shared by all processes) or at process memory, and sets the limit strings from the settings.
"""

from __future__ import annotations

from collections.abc import Callable

from limits.storage import storage_from_string
from limits.strategies import STRATEGIES
from slowapi import Limiter
from starlette.requests import Request

from app.settings import RateLimitSettings, Settings


def _client_key(request: Request) -> str:
    key: str = request.app.state.client_keyer.key(request)
    return key


limiter = Limiter(
    key_func=_client_key,
    storage_uri="memory://",
    key_prefix="vp",
    strategy="moving-window",
    # If Redis is briefly unreachable, limits keep working per process instead of failing requests.
    in_memory_fallback_enabled=True,
)
_active = {"limits": RateLimitSettings()}


def configure(settings: Settings) -> None:
    uri = settings.redis_url or "memory://"
    # slowapi fixes its storage in __init__; routes are already bound to this instance, so the
    # storage and strategy are replaced in place (the two attributes its __init__ sets).
    limiter._storage = storage_from_string(uri)
    limiter._limiter = STRATEGIES["moving-window"](limiter._storage)
    limiter._storage_dead = False
    limiter.enabled = settings.rate_limits.enabled
    _active["limits"] = settings.rate_limits


def reset() -> None:
    limiter.reset()


def rule(name: str) -> Callable[[], str]:
    """A limit that reads its current value from the settings, e.g. ``rule("submit")``."""

    def current() -> str:
        value: str = getattr(_active["limits"], name)
        return value

    return current
