"""Refuse request bodies over the configured size with 413 before the application reads them."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import N_
from app.i18n import negotiate, translate

TOO_LARGE = N_("What you sent is too large.")


class _TooLarge(Exception):
    pass


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, send)
            return
        received = 0
        exceeded = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    exceeded = True
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if exceeded and not started:
                # FastAPI turns any error while reading the body into its own 400; that answer
                # is dropped so the client gets the 413 below instead.
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except Exception:
            if not exceeded or started:
                raise
        if exceeded and not started:
            await self._refuse(scope, send)

    @staticmethod
    async def _refuse(scope: Scope, send: Send) -> None:
        headers = dict(scope["headers"])
        # The same choice as every other error: ?lang= first, then Accept-Language.
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        language = negotiate(
            headers.get(b"accept-language", b"").decode("latin-1"),
            (query.get("lang") or [None])[0],
        )
        body = json.dumps(
            {"error": {"code": "payload_too_large", "message": translate(TOO_LARGE, language)}}
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
