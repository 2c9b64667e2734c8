"""Domain errors. Services raise these; one handler (app.exception_handlers) maps them to HTTP.

Each error carries a stable machine-readable ``code`` and an English message id that is translated
into the caller's language when the response is written.
"""

from __future__ import annotations

from typing import ClassVar


def N_(message: str) -> str:
    """Mark a string for the translation catalogue without translating it yet."""
    return message


class AppError(Exception):
    status_code: ClassVar[int] = 400

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = message


class BadRequest(AppError):
    status_code = 400


class Unauthorized(AppError):
    status_code = 401


class Forbidden(AppError):
    status_code = 403


class NotFound(AppError):
    status_code = 404


class Conflict(AppError):
    status_code = 409


class Gone(AppError):
    status_code = 410


class PayloadTooLarge(AppError):
    status_code = 413


class Unprocessable(AppError):
    status_code = 422


class TooManyRequests(AppError):
    status_code = 429

    def __init__(self, code: str, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(code, message)
        # Seconds the client should wait; the handler sends it as the Retry-After header.
        self.retry_after = retry_after


class ServiceUnavailable(AppError):
    status_code = 503

    def __init__(self, code: str, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(code, message)
        # Seconds the client should wait; the handler sends it as the Retry-After header.
        self.retry_after = retry_after
