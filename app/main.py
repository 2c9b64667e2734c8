"""create_app(): settings, shared services, middleware, routers and the one error handler."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI, Request
from redis import Redis
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool
from starlette.staticfiles import StaticFiles

from app import exception_handlers, hourly_log
from app.access_log import AccessLogMiddleware
from app.audit.routes import router as audit_router
from app.cases.routes import router as cases_router
from app.consoles.routes import router as consoles_router
from app.db import Database
from app.errors import N_, ServiceUnavailable
from app.figures.routes import router as figures_router
from app.inbox_keys.routes import router as inbox_keys_router
from app.mailbox.routes import router as mailbox_router
from app.partners.routes import admin_router as partners_admin_router
from app.partners.routes import router as partners_router
from app.reports.routes import router as reports_router
from app.retention import schedule as retention_schedule
from app.security import rate_limits
from app.security.body_limit import BodyLimitMiddleware
from app.security.client_key import ClientKeyer
from app.security.form_tokens import FormTokens
from app.security.headers import SecurityHeadersMiddleware
from app.security.reporter_guard import ReporterGuard
from app.security.server_keys import ServerKeys
from app.security.spent_store import SpentStore
from app.settings import Settings, get_settings
from app.signals import schedule as signals_schedule
from app.signals.routes import partner_router as partner_signals_router
from app.signals.routes import router as signals_router
from app.staff.hashing import BoundedHasher
from app.staff.login_throttle import UnknownNames
from app.staff.routes import router as staff_router
from app.staff.webauthn_routes import router as security_keys_router
from app.web.attachments import PicturePool
from app.web.routes import router as web_router

WEB_STATIC = Path(__file__).parent / "web" / "static"
NOT_READY = N_("The service is starting or its database is unreachable.")


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    limiter = anyio.to_thread.current_default_thread_limiter()
    limiter.total_tokens = app.state.settings.worker_threads
    retention = retention_schedule.start(app.state.database, app.state.settings)
    signals = signals_schedule.start(app.state.database, app.state.settings)
    # Reporter requests are counted per hour and written by this timer, never per request (R3).
    hourly = hourly_log.start(app.state.hourly_log)
    yield
    await signals_schedule.stop(signals)
    await retention_schedule.stop(retention)
    await hourly_log.stop(app.state.hourly_log, hourly)
    app.state.database.dispose()
    if app.state.redis is not None:
        app.state.redis.close()


def create_app(
    settings: Settings | None = None,
    *,
    database: Database | None = None,
    hourly: hourly_log.HourlyLog | None = None,
) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="Vertrouwenspunt API",
        version="1",
        summary="Anonymous, end-to-end encrypted reporting for sex workers.",
        # The interactive docs pages load scripts from a CDN; only the description is served.
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        lifespan=_lifespan,
    )
    redis = Redis.from_url(settings.redis_url) if settings.redis_url else None
    keys = ServerKeys.from_secret(settings.secret_key.get_secret_value())
    app.state.settings = settings
    app.state.hourly_log = hourly or hourly_log.process_log
    app.state.database = database or Database(settings.database_url)
    app.state.database.use_audit_key(keys.audit)
    app.state.redis = redis
    app.state.keys = keys
    app.state.hasher = BoundedHasher(settings.argon2)
    app.state.unknown_logins = UnknownNames.of(settings, redis)
    # Staff and partner routes only: reporter routes keep no per-address state (R1).
    app.state.client_keyer = ClientKeyer(
        root=keys.rate_limit,
        rotation_seconds=settings.rate_limits.secret_rotation_seconds,
        trusted_proxies=settings.trusted_proxies,
    )
    spent = SpentStore(redis)
    # Without Redis, spent markers live in this process only and die with it. Challenge and form
    # keys that are random per start make everything issued before a restart worthless after it,
    # so nothing spent can be replayed. With Redis the markers survive and every process must
    # verify what another issued, so the keys come from the server secret.
    pow_key = keys.proof_of_work if redis is not None else secrets.token_bytes(32)
    form_key = keys.form if redis is not None else secrets.token_bytes(32)
    app.state.reporter_guard = ReporterGuard.build(settings, key=pow_key, spent=spent)
    app.state.proof_of_work = app.state.reporter_guard.proof_of_work
    # The no-JavaScript form cannot do proof of work; each rendered form carries a one-use token
    # (its own key, so it is worthless as an API challenge) and the no-JavaScript cap applies.
    app.state.form_tokens = FormTokens(
        key=form_key, ttl_seconds=settings.report_form.token_minutes * 60, spent=spent
    )
    # Pictures posted without JavaScript are decoded here to clean them, a bounded few at a time.
    app.state.pictures = PicturePool(
        max_decodes=settings.pictures.max_concurrent_decodes,
        max_total_pixels=settings.pictures.max_total_pixels,
    )
    rate_limits.configure(settings)
    app.state.limiter = rate_limits.limiter

    exception_handlers.install(app)
    for router in (
        reports_router,
        mailbox_router,
        partners_router,
        partners_admin_router,
        signals_router,
        partner_signals_router,
        inbox_keys_router,
        staff_router,
        security_keys_router,
        cases_router,
        audit_router,
        figures_router,
        consoles_router,
        # Last: its "/{lang}/..." pages must never shadow an API path.
        web_router,
    ):
        app.include_router(router)
    # The browser's own code (ES modules, styles): served by the service itself, never a CDN (R2).
    app.mount("/static", StaticFiles(directory=WEB_STATIC), name="static")

    @app.get("/healthz", tags=["health"])
    async def healthz(request: Request) -> dict[str, str]:
        database: Database = request.app.state.database

        def ping() -> None:
            with database.engine.connect() as connection:
                connection.execute(text("SELECT 1"))

        try:
            await run_in_threadpool(ping)
        except Exception:  # noqa: BLE001 - any database failure means "not ready"
            raise ServiceUnavailable("not_ready", NOT_READY) from None
        return {"status": "ok"}

    # Added innermost first: the access log wraps everything, so even refusals are counted.
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_bytes)
    app.add_middleware(
        SecurityHeadersMiddleware,
        https=settings.base_url.startswith("https://"),
        onion_location=settings.onion_location,
    )
    app.add_middleware(AccessLogMiddleware, hourly=app.state.hourly_log)
    return app
