"""Security headers on every response (pure ASGI, so it also covers errors and 404s)."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The API serves JSON only; pages will add their own narrower policies.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

BASE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    # Nothing the service returns may be kept by a browser or proxy cache (T2, T5).
    "Cache-Control": "no-store",
    "Content-Security-Policy": API_CSP,
}


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, https: bool, onion_location: str | None) -> None:
        self.app = app
        self.extra = dict(BASE_HEADERS)
        if https:
            self.extra["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
        self.onion_location = onion_location

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.extra.items():
                    headers.setdefault(name, value)
                if self.onion_location:
                    headers["Onion-Location"] = self.onion_location + scope["path"]
                # Starlette sets no Server header; uvicorn's is disabled in app.server.
            await send(message)

        await self.app(scope, receive, send_with_headers)
