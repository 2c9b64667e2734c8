"""The proof of work in Debian's Chromium: the page's worker agrees with crypto/, shows progress.

The service here asks difficulty 12 over 16 puzzles (8 bits each): real searching, yet quick.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page

import crypto
from app.db import Database
from tests.e2e.live_server import live_server
from tests.e2e.test_live_server import _bootstrap_admin, enrol_and_login
from tests.web.conftest import phone_context
from tests.web.test_reporter_pages_in_browser import serious_problems

pytestmark = pytest.mark.browser

POW_ENV = {"VP_PROOF_OF_WORK__DIFFICULTY": "12", "VP_PROOF_OF_WORK__PUZZLES": "16"}
WORKER_PATH = "/static/js/crypto/pow-worker.js"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The service with an adviser who holds the inbox key, ready for reports."""
    directory: Path = tmp_path_factory.mktemp("pow")
    url = f"sqlite:///{directory / 'pow.db'}"
    log = directory / "server.log"
    with live_server(database_url=url, redis_url=None, log_path=log, **POW_ENV) as base:
        database = Database(url)
        with httpx.Client(base_url=base, timeout=30) as http:
            admin, _ = enrol_and_login(http, _bootstrap_admin(database, url), "admin")
            admin.create_inbox_key()
            database.dispose()
            yield base


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = phone_context(browser)
    yield context
    context.close()


@pytest.fixture
def module_page(browser: Browser, server: str) -> Iterator[Page]:
    """A page to import the modules into; its JSON response's CSP forbids scripts, so bypassed."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(server + "/healthz")
    yield page
    context.close()


def solve_in_browser(page: Page, challenge: str, puzzles: int, bits: int, worker: bool) -> Any:
    return page.evaluate(
        """async ([challenge, puzzles, bits, worker]) => {
          const pow = await import("/static/js/crypto/pow.js");
          const seen = [];
          const solution = await pow.solve(
            challenge, puzzles, bits, (done, total) => seen.push([done, total]), { worker });
          return { solution, seen };
        }""",
        [challenge, puzzles, bits, worker],
    )


@pytest.mark.parametrize("worker", [True, False], ids=["worker", "page"])
def test_the_browser_solves_as_crypto_does_and_crypto_accepts_it(
    module_page: Page, worker: bool
) -> None:
    # The known answer of docs/crypto.md, then a challenge shaped like the service's.
    known = solve_in_browser(module_page, "vertrouwenspunt", 4, 8, worker)
    assert known["solution"] == "916.155.519.85"
    assert known["seen"] == [[1, 4], [2, 4], [3, 4], [4, 4]]

    token = "A" * 58
    found = solve_in_browser(module_page, token, 16, 9, worker)["solution"]

    assert found == crypto.solve_proof_of_work(token.encode(), puzzles=16, bits=9)
    crypto.check_proof_of_work(token.encode(), solution=found, puzzles=16, bits=9)


def send_a_report(page: Page) -> None:
    """Through the steps of the JavaScript form, whatever they are, telling it in words."""
    page.locator("#step-next").wait_for()
    while not page.locator("#send").is_visible():
        words = page.locator("fieldset:visible textarea")
        if words.count():
            words.first.fill("Met bewijs van werk.")
        page.locator("#step-next").click()
    page.locator("#send").click()


RECORD_PROGRESS = """() => {
  window.progressSeen = [];
  const box = document.getElementById("report-status");
  new MutationObserver(() => {
    const bar = box.querySelector("progress");
    if (bar) window.progressSeen.push([bar.value, bar.max, bar.getAttribute("aria-label"),
                                       bar.getBoundingClientRect().width]);
  }).observe(box, { subtree: true, childList: true, attributes: true });
}"""


def test_sending_a_report_shows_the_progress_of_the_check_and_then_the_receipt(
    page_with_worker_log: tuple[Page, list[str]], server: str
) -> None:
    page, workers = page_with_worker_log
    page.goto(server + "/nl/report")
    page.evaluate(RECORD_PROGRESS)

    send_a_report(page)

    page.locator("#main .receipt").wait_for(timeout=60_000)
    seen = page.evaluate("window.progressSeen")
    # The bar filled puzzle by puzzle, labelled in the page's language, as wide as the status box.
    assert [value for value, *_ in seen] == list(range(1, 17))
    assert {(total, label) for _, total, label, _ in seen} == {(16, "Veiligheidscheck")}
    assert all(width > 200 for *_, width in seen)
    # Solved by a worker, loaded from the service itself under the page's own CSP: pow.js starts
    # one with the page and a replacement only once a worker has delivered a whole solution.
    deadline = time.monotonic() + 30
    while len(workers) < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert len(workers) == 2 and set(workers) == {server + WORKER_PATH}
    assert serious_problems(page) == []


def test_without_workers_the_page_solves_the_puzzles_itself(
    page_with_worker_log: tuple[Page, list[str]], server: str
) -> None:
    page, workers = page_with_worker_log
    page.add_init_script("delete window.Worker;")
    page.goto(server + "/nl/report")
    page.evaluate(RECORD_PROGRESS)

    send_a_report(page)

    page.locator("#main .receipt").wait_for(timeout=60_000)
    assert [value for value, *_ in page.evaluate("window.progressSeen")] == list(range(1, 17))
    assert workers == []


@pytest.fixture
def page_with_worker_log(context: BrowserContext) -> tuple[Page, list[str]]:
    page = context.new_page()
    workers: list[str] = []
    page.on("worker", lambda worker: workers.append(worker.url))
    return page, workers
