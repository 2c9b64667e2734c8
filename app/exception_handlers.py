"""The one place where errors become HTTP responses: a code for machines, a message for people.

Validation errors never echo the input back: a wrong field could hold report text. An error on a
reporter route is not logged when it happens: it goes to the hourly log with the date only, its
exception class and code locations, and nothing of the request (R3, app.hourly_log).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from slowapi.errors import RateLimitExceeded
from sqlalchemy.exc import IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.access_log import is_staff_route, route_template
from app.errors import N_, AppError
from app.hourly_log import HourlyLog, mark_logged
from app.i18n import negotiate, translate
from app.web.rendering import error_page, is_page

logger = logging.getLogger("vertrouwenspunt.errors")

INVALID_REQUEST = N_("Some of what you sent is missing or not in the right form.")
CONFLICT = N_("This was already received, or changed at the same moment. Reload and check.")
RATE_LIMITED = N_("Too many attempts. Wait a while and try again.")
INTERNAL = N_("Something went wrong on our side. Nothing was saved. Try again later.")
UNAVAILABLE = N_("The service is busy or briefly unavailable. Nothing was saved. Try again soon.")
HTTP_MESSAGES = {
    404: ("not_found", N_("This address does not exist.")),
    405: ("method_not_allowed", N_("This action is not possible here.")),
    415: ("unsupported_media_type", N_("Send this as JSON.")),
}


def request_language(request: Request) -> str:
    return negotiate(request.headers.get("accept-language"), request.query_params.get("lang"))


def error_response(
    request: Request, status: int, code: str, message: str, **extra: object
) -> Response:
    if is_page(request):
        # A reporter who lands on an error sees a page in their language, not JSON.
        return error_page(request, status, message)
    body: dict[str, object] = {
        "code": code,
        "message": translate(message, request_language(request)),
    }
    body.update(extra)
    return JSONResponse({"error": body}, status_code=status)


async def _app_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, AppError)  # noqa: S101 - registered for AppError only
    response = error_response(request, exc.status_code, exc.code, exc.message)
    retry_after = getattr(exc, "retry_after", None)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def _schema_location(err: Any) -> tuple[Any, ...]:
    location = tuple(err.get("loc", ()))
    # The name of an unknown field is the client's own text, so only where it was is reported.
    if err.get("type") == "extra_forbidden":
        return location[:-1]
    return location


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)  # noqa: S101 - registered for it only
    fields = [
        {"location": [str(part) for part in _schema_location(err)], "type": err.get("type", "")}
        for err in exc.errors()
    ]
    return error_response(request, 422, "invalid_request", INVALID_REQUEST, fields=fields)


async def _conflict(request: Request, exc: Exception) -> Response:
    # Two requests raced for the same unique value (say, one report sent twice at once). The unit
    # of work was rolled back, so nothing was half-written; the loser gets a clear 409.
    return error_response(request, 409, "conflict", CONFLICT)


async def _rate_limited(request: Request, exc: Exception) -> Response:
    return error_response(request, 429, "rate_limited", RATE_LIMITED)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)  # noqa: S101 - registered for it only
    code, message = HTTP_MESSAGES.get(exc.status_code, ("http_error", INVALID_REQUEST))
    return error_response(request, exc.status_code, code, message)


def _on_staff_route(request: Request) -> bool:
    return is_staff_route(route_template(request.scope))


def _hourly(request: Request) -> HourlyLog:
    hourly: HourlyLog = request.app.state.hourly_log
    return hourly


async def _database_unavailable(request: Request, exc: Exception) -> Response:
    # The database went away (a restart drops pooled connections) or stayed locked past the busy
    # timeout. The unit of work was rolled back; retrying is the right thing for the client.
    if _on_staff_route(request):
        logger.warning("database unavailable: %s", type(exc).__name__)
    else:
        _hourly(request).error("database unavailable", exc, level=logging.WARNING)
    response = error_response(request, 503, "unavailable", UNAVAILABLE)
    response.headers["Retry-After"] = "5"
    return response


async def _unexpected(request: Request, exc: Exception) -> Response:
    # Starlette re-raises the exception after this response, and uvicorn would log it again with
    # the time and the message; app.access_log.ConnectionErrorFilter drops that copy (mark_logged).
    if _on_staff_route(request):
        # Staff actions are audited with times anyway; their tracebacks stay whole for debugging.
        logger.error("unhandled %s", type(exc).__name__, exc_info=exc)
        mark_logged(exc)
    else:
        _hourly(request).error("unhandled", exc)
    return error_response(request, 500, "internal_error", INTERNAL)


def install(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(RateLimitExceeded, _rate_limited)
    app.add_exception_handler(IntegrityError, _conflict)
    app.add_exception_handler(OperationalError, _database_unavailable)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
