"""Run the service: apply migrations, then serve with uvicorn configured not to log addresses."""

from __future__ import annotations

import logging

import uvicorn
from fastapi import FastAPI

from app.access_log import configure_logging
from app.db import Database
from app.main import create_app
from app.migrate import upgrade
from app.settings import get_settings

logger = logging.getLogger("vertrouwenspunt")
WORKER_HEALTHCHECK_SECONDS = 60


def worker_app() -> FastAPI:
    """The application of one worker process (``VP_WORKERS`` > 1): each sets up its own logging."""
    configure_logging(get_settings().log_level)
    return create_app()


def main() -> None:
    settings = get_settings()
    configure_logging(settings.log_level)
    database = Database(settings.database_url)
    upgrade(database.engine)
    logger.info(
        "serving on %s (database: %s, %d process(es))",
        settings.base_url,
        database.dialect,
        settings.workers,
    )
    if settings.workers > 1:
        database.dispose()
        app: FastAPI | str = "app.server:worker_app"
    else:
        app = create_app(settings, database=database)
    uvicorn.run(
        app,
        factory=settings.workers > 1,
        workers=settings.workers,
        host=settings.host,
        port=settings.port,
        # uvicorn's access log prints client addresses (R1); app.access_log replaces it.
        access_log=False,
        # Forwarding headers are interpreted only by app.security.client_key, and only from
        # configured trusted proxies; uvicorn would otherwise trust 127.0.0.1 by default.
        proxy_headers=False,
        forwarded_allow_ips="",
        server_header=False,
        log_config=None,
        # A worker answers the supervisor's health check only once it has imported the service;
        # on a busy machine that took longer than uvicorn's 5 seconds, and the supervisor then
        # killed and restarted every worker, forever.
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
    )


if __name__ == "__main__":
    main()
