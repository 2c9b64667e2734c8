"""The service's own access log: per request for staff and partners only, counts for the rest.

uvicorn's access log is switched off (app.server) because it prints the client's address (R1, T2).
Staff and partner requests are logged with method, route template, status and duration, and the
time the log formatter adds: their actions are audited with times anyway. Every other request
(reporter API and pages, static files, health checks, unmatched paths) is only counted per hour
in app.hourly_log, since its time of day could be matched to the report it created (R3). Which
routes are staff routes is an explicit allow-list of route templates: a new route, or a path that
matches none, is counted, never logged (fail closed).
"""

from __future__ import annotations

import logging
import time
from typing import TextIO

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.hourly_log import HourlyLog, process_log, was_logged
from app.hourly_log import logger as hourly_logger

logger = logging.getLogger("vertrouwenspunt.access")

# Route templates (not paths: a template never holds an id) of the staff and partner surfaces:
# the VP and admin API, the partner API and key enrolment, and the two console shells.
STAFF_ROUTE_PREFIXES = (
    "/api/v1/staff",
    "/api/v1/cases",
    "/api/v1/signals",
    "/api/v1/admin",
    "/api/v1/partner",
    "/api/v1/partner-keys",
    "/staff",
    "/partner",
)
UNMATCHED = "<unmatched>"
UNTIMED_FORMAT = "%(levelname)s %(name)s %(message)s"


def route_template(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str) and path:
        return path
    # A mounted application (the static files) sets no route, only its mount point.
    if scope.get("endpoint") is not None and scope.get("root_path"):
        return f"{scope['root_path']}/{{path}}"
    return UNMATCHED


def is_staff_route(template: str) -> bool:
    # Whole path segments only: "/api/v1/partners" (read by reporter pages) is no partner route.
    return any(template == p or template.startswith(p + "/") for p in STAFF_ROUTE_PREFIXES)


class AccessLogMiddleware:
    def __init__(self, app: ASGIApp, *, hourly: HourlyLog) -> None:
        self.app = app
        self.hourly = hourly

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            template = route_template(scope)
            if is_staff_route(template):
                logger.info(
                    "%s %s %d %.1fms",
                    scope["method"],
                    template,
                    status,
                    (time.perf_counter() - started) * 1000,
                )
            else:
                self.hourly.count(scope["method"], template, status)


class ConnectionErrorFilter(logging.Filter):
    """Keep uvicorn's per-connection records out of the timed log.

    uvicorn logs "Exception in ASGI application" with the traceback (whose last line is the
    exception's message) and "Invalid HTTP request received." at the moment a request fails; the
    request may be a reporter's. An exception the service has logged itself is dropped; any other
    record from uvicorn's protocol code becomes a dated line of the hourly log (R3).
    """

    def __init__(self, hourly: HourlyLog) -> None:
        super().__init__()
        self.hourly = hourly

    def filter(self, record: logging.LogRecord) -> bool:
        if "uvicorn/protocols/" not in record.pathname.replace("\\", "/"):
            return True
        exc = record.exc_info[1] if record.exc_info else None
        if exc is None or not was_logged(exc):
            # The format string without its arguments, which could name the client.
            self.hourly.error(f"uvicorn: {str(record.msg).strip()}", exc, level=record.levelno)
        return False


def configure_logging(
    level: str, *, stream: TextIO | None = None, hourly: HourlyLog = process_log
) -> None:
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        force=True,
        stream=stream,
    )
    # uvicorn.access would print "ADDRESS:PORT - request line"; it is off and stays silent here too.
    logging.getLogger("uvicorn.access").disabled = True
    uvicorn_errors = logging.getLogger("uvicorn.error")
    for old in [f for f in uvicorn_errors.filters if isinstance(f, ConnectionErrorFilter)]:
        uvicorn_errors.removeFilter(old)
    uvicorn_errors.addFilter(ConnectionErrorFilter(hourly))
    # slowapi's warning on a refused request names the limiter key (a hash of the address) at the
    # moment of the request (R1, R3); the 429 is counted by the access log instead.
    logging.getLogger("slowapi").setLevel(logging.ERROR)
    # The hourly lines name their hour or date; the formatter must not add the time they were
    # written (R3).
    for handler in list(hourly_logger.handlers):
        hourly_logger.removeHandler(handler)
    untimed = logging.StreamHandler(stream)
    untimed.setFormatter(logging.Formatter(UNTIMED_FORMAT))
    hourly_logger.addHandler(untimed)
    hourly_logger.setLevel(level)
