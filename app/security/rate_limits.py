"""Per-address slowapi limits for staff and partner routes; reporter routes have none (R1).

Routes are decorated at import time, so the limiter is a module object; ``configure`` points it at
Redis (shared by all processes) or at process memory, and sets the limit strings from the settings.

Fixed windows: a counter per window, where a moving window would keep the time of every hit.
Counters are keyed by the route's endpoint name, never by the URL, so an object id in a path (a
delivery id) never becomes part of a Redis key. Reporter routes are guarded by
``app.security.reporter_guard`` instead.
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


_STRATEGY = "fixed-window"
limiter = Limiter(
    key_func=_client_key,
    storage_uri="memory://",
    key_prefix="vp",
    strategy=_STRATEGY,
    key_style="endpoint",
    # If Redis is briefly unreachable, limits keep working per process instead of failing requests.
    in_memory_fallback_enabled=True,
)
_active = {"limits": RateLimitSettings()}


def configure(settings: Settings) -> None:
    uri = settings.redis_url or "memory://"
    # slowapi fixes its storage in __init__; routes are already bound to this instance, so the
    # storage and strategy are replaced in place (the two attributes its __init__ sets).
    limiter._storage = storage_from_string(uri)
    limiter._limiter = STRATEGIES[_STRATEGY](limiter._storage)
    limiter._storage_dead = False
    limiter.enabled = settings.rate_limits.enabled
    _active["limits"] = settings.rate_limits


def reset() -> None:
    limiter.reset()


def rule(name: str) -> Callable[[], str]:
    """A limit that reads its current value from the settings, e.g. ``rule("login")``."""

    def current() -> str:
        value: str = getattr(_active["limits"], name)
        return value

    return current
