"""Running a coroutine from a synchronous test."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import anyio

T = TypeVar("T")


def run_async(function: Callable[..., Awaitable[T]], *args: object) -> T:
    """``anyio.run`` in a thread of its own: a browser test earlier in the session leaves
    Playwright's event loop running in the main thread, where a second loop may not start."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(anyio.run, function, *args).result()
