"""The route class of every router: a sync endpoint commits its unit of work in its own thread.

FastAPI closes a route's dependencies (and so would commit the session) only after it has
serialised the response, and for a sync endpoint that serialisation waits for a thread-pool slot.
A request holding a transaction must never wait for a slot: on SQLite every transaction holds the
write lock, so a burst of requests can fill every slot with threads waiting for that lock while
the holder waits for a slot (the benchmark's login burst did exactly this); on PostgreSQL the same
happens with pooled connections. So the commit, or the rollback, happens in the worker thread that
ran the endpoint, right after it returns. Async endpoints keep the session dependency's commit:
they serialise on the event loop and never wait for a slot in between.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

from app.db import commit


def _in_thread_unit_of_work(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(endpoint)
    def run(*args: Any, **kwargs: Any) -> Any:
        sessions = [value for value in kwargs.values() if isinstance(value, Session)]
        try:
            result = endpoint(*args, **kwargs)
            for session in sessions:
                commit(session)
        except BaseException:
            for session in sessions:
                session.rollback()
            raise
        return result

    return run


class UnitOfWorkRoute(APIRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if not inspect.iscoroutinefunction(inspect.unwrap(endpoint)):
            endpoint = _in_thread_unit_of_work(endpoint)
        super().__init__(path, endpoint, **kwargs)
