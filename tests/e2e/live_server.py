"""Run the real service (``python -m app.server``, as operators do) in a subprocess for a test."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.conftest import GENEROUS_LIMITS, ROOT, TEST_PBKDF2_ITERATIONS, TEST_SECRET

# On a machine busy with other tests, importing the service in a new process has taken 18 seconds.
STARTUP_SECONDS = 90


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def live_server(
    *, database_url: str, redis_url: str | None, log_path: Path, **extra_env: str
) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        "VP_ENVIRONMENT": "test",
        "VP_SECRET_KEY": TEST_SECRET,
        "DATABASE_URL": database_url,
        "VP_PORT": str(port),
        "VP_BASE_URL": f"http://127.0.0.1:{port}",
        # Log everything the service can log, so the privacy scan sees the most.
        "VP_LOG_LEVEL": "DEBUG",
        "VP_ARGON2__TIME_COST": "1",
        "VP_ARGON2__MEMORY_COST_KIB": "1024",
        "VP_PROOF_OF_WORK__DIFFICULTY": "4",
        "VP_STAFF__PBKDF2_MIN_ITERATIONS": str(TEST_PBKDF2_ITERATIONS),
        **{f"VP_RATE_LIMITS__{name.upper()}": limit for name, limit in GENEROUS_LIMITS.items()},
        **extra_env,
    }
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "app.server"], cwd=ROOT, env=env, stdout=log, stderr=log
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while True:
                try:
                    if httpx.get(base_url + "/healthz", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("server did not start:\n" + log_path.read_text())
                time.sleep(0.1)
            yield base_url
        finally:
            process.terminate()
            process.wait(timeout=STARTUP_SECONDS)
