"""Debian's Chromium, driven by Playwright, against the real service in a subprocess."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests.conftest import IN_CI
from tests.e2e.live_server import live_server

CHROMIUM = "/usr/bin/chromium"
# The quick exit leaves for this neutral site on the internet. This machine has no internet, so
# Playwright answers that one outside address (the only thing mocked: it lies outside the project).
NEUTRAL = "https://www.weeronline.nl/"
# As root in a container Chromium needs --no-sandbox; the rest keep it off the (closed) network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if IN_CI:
            pytest.fail(message + "; required under CI=true")
        pytest.skip(message)
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


# Each running server's database URL, for tests that prepare data in it directly.
SERVER_DATABASES: dict[str, str] = {}


@pytest.fixture(scope="module")
def web_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The service on a fresh SQLite file, for pages and modules the browser loads."""
    directory: Path = tmp_path_factory.mktemp("web")
    url = f"sqlite:///{directory / 'web.db'}"
    with live_server(database_url=url, redis_url=None, log_path=directory / "server.log") as base:
        SERVER_DATABASES[base] = url
        yield base
        SERVER_DATABASES.pop(base, None)


@pytest.fixture
def module_page(browser: Browser, web_server: str) -> Iterator[Page]:
    """A page to import the service's ES modules into, to test the modules on their own.

    It shows a JSON response, whose CSP (the API's) forbids any script; these tests are about the
    modules' results, so the context bypasses it. The pages' own CSP has tests of its own.
    """
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(web_server + "/healthz")
    yield page
    context.close()


def phone_context(browser: Browser, *, javascript: bool = True, **options: Any) -> BrowserContext:
    """A small phone (360 px wide), with JavaScript on or off, whose quick exit can land."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, java_script_enabled=javascript, **options
    )
    context.route(
        f"{NEUTRAL}**", lambda route: route.fulfill(body="Het weer", content_type="text/html")
    )
    return context
