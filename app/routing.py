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
from collections.abc import Callable, Coroutine
from typing import Any

import anyio.to_thread
from fastapi import Request, Response
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

from app.db import commit
from app.errors import BadRequest
from app.schemas_common import TOO_DEEP, json_too_deep

# Bodies up to this size are checked for depth on the event loop; larger ones in a thread, so a
# body of many megabytes cannot hold up every other request while it is read.
_DEPTH_CHECK_INLINE_BYTES = 256 * 1024


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


def _parsed_as_json(request: Request) -> bool:
    # The same rule as FastAPI's: no content type, application/json or application/*+json.
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return (
        not content_type
        or content_type == "application/json"
        or (content_type.startswith("application/") and content_type.endswith("+json"))
    )


async def _refuse_deep_json(request: Request) -> None:
    """A body nested deeper than MAX_JSON_DEPTH is refused before the parser ever sees it.

    The parser, pydantic and our own checks walk nested values by recursion; a limit here, checked
    without recursion, keeps every one of them far from Python's stack limit.
    """
    body = await request.body()
    if len(body) <= _DEPTH_CHECK_INLINE_BYTES:
        too_deep = json_too_deep(body)
    else:
        too_deep = await anyio.to_thread.run_sync(json_too_deep, body)
    if too_deep:
        raise BadRequest("json_too_deep", TOO_DEEP)


class UnitOfWorkRoute(APIRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if not inspect.iscoroutinefunction(inspect.unwrap(endpoint)):
            endpoint = _in_thread_unit_of_work(endpoint)
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if self.body_field is None:
            return handler  # FastAPI reads no body for this route, so there is nothing to parse

        async def depth_checked(request: Request) -> Response:
            if _parsed_as_json(request):
                await _refuse_deep_json(request)
            return await handler(request)

        return depth_checked
