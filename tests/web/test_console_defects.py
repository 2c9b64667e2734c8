"""Small console defects, as an adviser would notice them: a placeholder left in a sentence, a
passphrase of 13 characters told to use at least 12, inbox words broken in the middle.

The console runs in English here (it follows the browser's language); the administrator and
adviser come from the administration pages' fixture.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from client import ReporterClient
from tests.web.test_admin_console import PASSPHRASE, Desk, desk, log_in

pytestmark = pytest.mark.browser
__all__ = ["desk"]  # the module-scoped fixture, used here with this module's server

# Every word of every inbox cell, with the number of lines its letters are drawn on.
WORD_LINES = """() => {
  const found = [];
  for (const cell of document.querySelectorAll("table.cases td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        found.push([match[0], tops.size]);
      }
    }
  }
  return found;
}"""


@pytest.fixture
def wide(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    yield context
    context.close()


def as_admin(context: BrowserContext, desk: Desk) -> Page:
    page = context.new_page()
    log_in(page, desk.base, "admin", PASSPHRASE, desk.recovery_codes.pop())
    return page


def test_the_invitation_names_the_new_adviser_in_every_sentence(
    desk: Desk, wide: BrowserContext
) -> None:
    page = as_admin(wide, desk)
    page.goto(desk.base + "/staff/#team")
    page.locator("#invite-username").fill("nadia")
    page.get_by_role("button", name="Make the invitation").click()

    result = page.locator(".invite-result")
    expect(result).to_contain_text("After nadia has set up their account")
    assert "{" not in result.inner_text()


def test_a_passphrase_is_called_short_only_when_it_is(desk: Desk, wide: BrowserContext) -> None:
    token = desk.admin.invite(f"enrol-{uuid.uuid4().hex[:6]}")
    page = wide.new_page()
    page.goto(f"{desk.base}/staff/enrol#{token}")
    problems = page.locator("#enrol-problems")

    def refused(passphrase: str) -> str:
        page.get_by_label("Passphrase", exact=True).fill(passphrase)
        page.get_by_label("Passphrase again").fill(passphrase)
        page.get_by_role("button", name="Make my key").click()
        expect(problems).to_be_visible()
        text = problems.inner_text()
        page.get_by_label("Passphrase", exact=True).fill("")
        expect(page.locator("#strength-text")).to_have_text("")
        return text

    # Thirteen characters, guessable: the length is fine, so it is not the reason given.
    thirteen = refused("aaaaaaaaaaaaa")
    assert "too easy to guess" in thirteen and "at least 12" not in thirteen
    # Eleven characters, however random, are too short, and that is what is said.
    assert "too short. Use at least 12 characters" in refused("Xq7#Lm2!pZ9")


@pytest.mark.parametrize("width", [1280, 360])
def test_inbox_cells_wrap_between_words_never_inside_one(
    desk: Desk, browser: Browser, width: int
) -> None:
    with httpx.Client(base_url=desk.base, timeout=30) as http:
        sent = ReporterClient(http).submit({"text": f"Een klant bedreigde me ({uuid.uuid4()})."})
    desk.admin.update_case(sent.report_id, status="in_progress")
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(desk.base + "/staff/")
        page.get_by_label("Gebruikersnaam").fill("admin")
        page.get_by_label("Wachtzin").fill(PASSPHRASE)
        page.get_by_label("Code uit je authenticator-app").fill(desk.recovery_codes.pop())
        page.get_by_role("button", name="Inloggen").click()
        row = page.locator(f'table.cases tr[data-case="{sent.report_id}"]')
        expect(row).to_contain_text("In behandeling", timeout=30_000)

        broken = [word for word, lines in page.evaluate(WORD_LINES) if lines > 1]
        assert broken == []
    finally:
        context.close()
