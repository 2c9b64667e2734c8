"""Every reporter page in every language, in Debian's Chromium on a 360 px phone.

One browser context and one page serve the whole walk, so eleven languages stay affordable: for each
page, axe-core finds nothing serious, nothing scrolls sideways, nothing is kept in the browser, and
only the service itself is asked for anything.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from app.i18n import available_languages
from app.web.rendering import LANGUAGE_NAMES
from tests.web.conftest import phone_context
from tests.web.test_reporter_pages_in_browser import serious_problems

pytestmark = pytest.mark.browser

# Every reporter page a GET reaches, and an error page (a mistyped address).
PAGES = ("", "danger", "report", "report?about=other", "mailbox", "no-such-page")


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = phone_context(browser)
    yield context
    context.close()


@pytest.fixture(scope="module")
def tab(phone: BrowserContext) -> Page:
    return phone.new_page()


def test_every_reporter_page_in_every_language_is_accessible_narrow_and_keeps_nothing(
    phone: BrowserContext, tab: Page, web_server: str
) -> None:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(web_server))
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    problems: dict[str, list[str]] = {}
    too_wide: dict[str, int] = {}
    kept: dict[str, object] = {}
    for language in available_languages():
        for path in PAGES:
            where = f"/{language}/{path}"
            tab.goto(web_server + where)
            tab.wait_for_load_state("networkidle")
            assert tab.evaluate("document.documentElement.lang") == language
            serious = serious_problems(tab)
            if serious:
                problems[where] = serious
            width = tab.evaluate("document.documentElement.scrollWidth")
            if width > 360:
                too_wide[where] = width
            stored = tab.evaluate(
                "({local: localStorage.length, session: sessionStorage.length,"
                " cookie: document.cookie})"
            )
            if stored != {"local": 0, "session": 0, "cookie": ""}:
                kept[where] = stored
    assert problems == {}
    assert too_wide == {}
    assert kept == {}
    assert phone.cookies() == []
    assert requests and [url for url in requests if not url.startswith(origin)] == []


def test_every_step_of_both_form_paths_in_every_language_is_accessible_and_narrow(
    tab: Page, web_server: str
) -> None:
    """The JavaScript form shows one step at a time: each step is checked, on both paths."""
    problems: dict[str, list[str]] = {}
    too_wide: dict[str, int] = {}
    steps_seen: dict[str, int] = {}
    for language in available_languages():
        for about in ("self", "other"):
            tab.goto(f"{web_server}/{language}/report?about={about}")
            tab.locator("#step-next").wait_for()
            steps = tab.locator("#report-form fieldset").count()
            for step in range(steps):
                where = f"/{language}/report?about={about} step {step + 1}"
                expect(tab.locator("#report-form fieldset").nth(step)).to_be_visible()
                serious = serious_problems(tab)
                if serious:
                    problems[where] = serious
                width = tab.evaluate("document.documentElement.scrollWidth")
                if width > 360:
                    too_wide[where] = width
                if step < steps - 1:
                    tab.locator("#step-next").click()
            steps_seen[f"{language}/{about}"] = steps
    assert problems == {}
    assert too_wide == {}
    # Every language walks the same steps: a missing fieldset would show up here.
    assert len(set(steps_seen.values())) == 2, steps_seen


def test_the_language_switch_is_one_line_that_opens_into_every_language(
    tab: Page, web_server: str
) -> None:
    tab.goto(web_server + "/nl/mailbox")
    switch = tab.locator("nav.languages summary")
    # Closed, the switch takes one line; it says "language" in the page's language.
    box = switch.bounding_box()
    assert box and box["height"] < 60 and box["width"] <= 328
    expect(switch).to_contain_text("Taal: Nederlands")
    links = tab.locator("nav.languages a")
    expect(links.first).to_be_hidden()

    switch.click()
    expect(links).to_have_count(len(available_languages()))
    for index, language in enumerate(available_languages()):
        link = links.nth(index)
        expect(link).to_be_visible()
        expect(link).to_have_text(LANGUAGE_NAMES[language])
        target = link.bounding_box()
        assert target and target["height"] >= 44, language  # a thumb can hit it
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    assert tab.locator("nav.languages a[aria-current=page]").inner_text() == "Nederlands"

    # Choosing a language keeps the reporter on the same page.
    tab.get_by_role("link", name="ไทย").click()
    tab.wait_for_url("**/th/mailbox")
    assert tab.evaluate("document.documentElement.lang") == "th"


def test_the_language_switch_works_without_javascript(browser: Browser, web_server: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(web_server + "/ru/report")
        page.locator("nav.languages summary").click()
        page.get_by_role("link", name="Polski").click()
        page.wait_for_url("**/pl/report")
        expect(page.locator("html")).to_have_attribute("lang", "pl")
    finally:
        context.close()


def thai_fonts() -> set[str]:
    listed = subprocess.run(
        ["fc-list", ":lang=th", "family"], capture_output=True, text=True, check=False
    ).stdout
    return {family.strip() for line in listed.splitlines() for family in line.split(",")}


def test_thai_is_drawn_with_a_font_that_has_thai_letters(
    phone: BrowserContext, tab: Page, web_server: str
) -> None:
    fonts = thai_fonts()
    if not fonts:
        pytest.fail("no font for Thai on this machine: apt-get install fonts-thai-tlwg (.ci/run)")
    tab.goto(web_server + "/th/")
    session = phone.new_cdp_session(tab)
    session.send("DOM.enable")
    session.send("CSS.enable")
    document = session.send("DOM.getDocument")
    quick_exit = session.send(
        "DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": "#quick-exit"}
    )
    used = session.send("CSS.getPlatformFontsForNode", {"nodeId": quick_exit["nodeId"]})["fonts"]
    families = {font["familyName"] for font in used}
    # "ออกทันที" is all Thai: Chromium found a Thai font through the page's font stack.
    assert families & fonts, families
