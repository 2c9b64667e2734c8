"""The reporter's language reaches the advisers' case view, sealed inside the report.

A report sent with JavaScript from the Bulgarian pages shows "Taal van de melder: Bulgaars" in a
Dutch console; a language code the browser does not know, or none at all, shows nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import phone_context
from tests.web.test_report_steps_in_browser import adviser  # noqa: F401  (the module's adviser)
from tests.web.test_staff_console import Adviser, log_in

pytestmark = pytest.mark.browser

WORDS = "Клиентът не плати и ме заплаши."


@pytest.fixture
def bulgarian_phone(browser: Browser) -> Iterator[Page]:
    context = phone_context(browser, locale="bg-BG")
    yield context.new_page()
    context.close()


def report_from_the_bulgarian_pages(page: Page, base: str) -> None:
    page.goto(base + "/bg/report")
    expect(page.locator("html")).to_have_attribute("lang", "bg")
    threats = page.locator('input[name="what"][value="threats"]')
    words = page.locator('textarea[name="text"]')
    # Through the steps with the form's own Next button, whatever its Bulgarian label.
    next_button = page.locator("#step-next")
    while True:
        if threats.is_visible():
            threats.check()
        if words.is_visible():
            words.fill(WORDS)
        if not next_button.is_visible():
            break
        next_button.click()
    page.locator('#report-form button[type="submit"]').click()
    page.locator("#main .receipt").wait_for(timeout=60_000)


def test_a_report_from_the_bulgarian_pages_shows_its_language_in_the_case(
    browser: Browser,
    bulgarian_phone: Page,
    web_server: str,
    adviser: Adviser,  # noqa: F811
) -> None:
    report_from_the_bulgarian_pages(bulgarian_phone, web_server)

    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    try:
        console = desk.new_page()
        log_in(console, web_server, adviser, code=adviser.recovery_codes.pop())
        console.locator("table.cases tbody tr").first.get_by_role("link").click()
        report = console.locator(".report")
        expect(report.locator(".report-text")).to_have_text(WORDS)
        language = report.locator("dt", has_text="Taal van de melder")
        expect(language).to_be_visible()
        expect(language.locator("xpath=following-sibling::dd[1]")).to_have_text("Bulgaars")
    finally:
        desk.close()


def test_only_a_language_the_browser_knows_is_named(module_page: Page) -> None:
    names = module_page.evaluate(
        """async () => {
          const { languageName } = await import("/static/js/console/views/case.js");
          const codes = ["ro", "bg", "pt-BR", "xx", "", null, 7, "<b>ro</b>", "ro; DROP"];
          return codes.map(languageName);
        }"""
    )

    # Named in the console's language (Dutch here); anything else is not shown at all.
    assert names[:2] == ["Roemeens", "Bulgaars"]
    assert "Portugees" in names[2]  # "pt-BR", the tag the pages use; CLDR words the region
    assert names[3:] == [None] * 6
