"""The report form's steps on a small phone, with JavaScript on and off, and both ways in.

"It happened to me" and "I am worried about someone else" lead to their own questions; both are
sealed the same way, and the advisers' console shows which way was used, what was seen, and where
the pictures were cleaned.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from app.db import Database
from tests.e2e.test_live_server import _bootstrap_admin
from tests.web.conftest import SERVER_DATABASES, phone_context
from tests.web.pictures import photo_with_gps
from tests.web.test_reporter_pages_in_browser import serious_problems
from tests.web.test_staff_console import Adviser, enrol_in_browser, log_in, ready_inbox

pytestmark = pytest.mark.browser

SELF_STEPS = 8
OTHER_STEPS = 6


@pytest.fixture(scope="module")
def adviser(browser: Browser, web_server: str) -> Adviser:
    """This module's first adviser, enrolled in the browser, who has made the inbox key."""
    database = Database(SERVER_DATABASES[web_server])
    token = _bootstrap_admin(database, SERVER_DATABASES[web_server])
    database.dispose()
    context = browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        adviser = enrol_in_browser(page, web_server, token, "admin")
        log_in(page, web_server, adviser)
        ready_inbox(page)
        return adviser
    finally:
        context.close()


@pytest.fixture
def ready(web_server: str, adviser: Adviser) -> str:
    return web_server


def phone(browser: Browser, javascript: bool = True) -> BrowserContext:
    return phone_context(browser, javascript=javascript)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = phone(browser)
    yield context.new_page()
    context.close()


@pytest.fixture
def plain(browser: Browser) -> Iterator[Page]:
    """A phone with JavaScript off (Tor Browser "Safest")."""
    context = phone(browser, javascript=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def scriptless(browser: Browser) -> Iterator[Page]:
    """The pages as they are without JavaScript, for axe-core, which needs script to run.

    The service's own scripts are not served, so the page stays as the server rendered it.
    """
    context = phone(browser)
    context.route("**/static/js/**", lambda route: route.abort())
    yield context.new_page()
    context.close()


def step_count(page: Page) -> str:
    return page.locator("fieldset:visible legend .step-count").inner_text()


def next_step(page: Page, times: int = 1) -> None:
    for _ in range(times):
        page.get_by_role("button", name="Volgende").click()


def test_the_landing_page_offers_both_ways_in_and_welcomes_everyone(
    page: Page, plain: Page, ready: str
) -> None:
    for phone_page in (page, plain):
        phone_page.goto(ready + "/nl/")
        assert phone_page.get_by_text("mannen, trans en non-binaire mensen").is_visible()
        phone_page.get_by_role("link", name="Ik maak me zorgen om iemand anders").click()
        phone_page.wait_for_url("**/nl/report?about=other")
        assert phone_page.get_by_text("Wat heb je gezien?").is_visible()
        assert phone_page.locator('input[name="what"]').count() == 0
        phone_page.goto(ready + "/nl/")
        phone_page.get_by_role("link", name="Het is mij overkomen").click()
        phone_page.wait_for_url("**/nl/report?about=self")
        assert phone_page.get_by_text("Wat wil je dat er gebeurt?").is_visible()
        assert phone_page.locator('input[name="what"]').count() > 0
        assert phone_page.locator('input[name="seen"]').count() == 0


def test_the_step_counter_the_intro_once_and_no_history(page: Page, ready: str) -> None:
    page.goto(ready + "/nl/report")
    length = page.evaluate("history.length")
    intro = page.locator("#report-intro")
    note = page.locator(".quick-exit-note").first
    languages = page.locator("header nav")
    assert step_count(page) == f"Stap 1 van {SELF_STEPS}"
    assert intro.is_visible() and note.is_visible() and languages.is_visible()

    next_step(page)
    assert step_count(page) == f"Stap 2 van {SELF_STEPS}"
    # Read out with the question: the focus is on the legend, which holds the counter.
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.startswith(f"Stap 2 van {SELF_STEPS}") and "Wat is er gebeurd?" in focused
    assert not intro.is_visible() and not note.is_visible() and not languages.is_visible()
    assert page.locator("#quick-exit").is_visible()

    next_step(page, SELF_STEPS - 2)
    assert step_count(page) == f"Stap {SELF_STEPS} van {SELF_STEPS}"
    assert page.get_by_role("button", name="Melding versturen").is_visible()
    for _ in range(SELF_STEPS - 1):
        page.get_by_role("button", name="Terug").click()
    assert step_count(page) == f"Stap 1 van {SELF_STEPS}"
    assert intro.is_visible() and note.is_visible() and languages.is_visible()
    assert page.evaluate("history.length") == length
    # The intro is on the page once, not above every step.
    assert page.get_by_text("Alleen wat er is gebeurd is nodig").count() == 1


def test_nothing_filled_in_is_shown_on_the_step_that_needs_it(page: Page, ready: str) -> None:
    for about, legend, message in (
        (
            "self",
            "Wat is er gebeurd?",
            "Kies wat er is gebeurd, of vertel het in je eigen woorden.",
        ),
        (
            "other",
            "Wat heb je gezien?",
            "Kies wat je hebt gezien, of vertel het in je eigen woorden.",
        ),
    ):
        page.goto(f"{ready}/nl/report?about={about}")
        total = SELF_STEPS if about == "self" else OTHER_STEPS
        next_step(page, total - 1)
        page.get_by_role("button", name="Melding versturen").click()

        shown = page.locator("fieldset:visible")
        expect(shown.locator(".step-problem")).to_have_text(message)
        assert legend in shown.locator("legend").inner_text()
        assert page.evaluate("document.activeElement.textContent") == message
        assert serious_problems(page) == []


def test_a_failure_to_send_is_shown_on_the_last_step(page: Page, ready: str) -> None:
    page.route(
        "**/api/v1/reports",
        lambda route: route.fulfill(
            status=503,
            content_type="application/json",
            body='{"error": {"code": "busy", "message": "Het is nu te druk."}}',
        ),
    )
    page.goto(ready + "/nl/report")
    next_step(page)
    page.get_by_label("Bedreiging").check()
    next_step(page, SELF_STEPS - 2)
    page.get_by_role("button", name="Melding versturen").click()

    status = page.locator("#report-status")
    expect(status).to_contain_text("Versturen is niet gelukt", timeout=60_000)
    expect(status).to_contain_text("Het is nu te druk.")
    assert step_count(page) == f"Stap {SELF_STEPS} van {SELF_STEPS}"
    # Right above the buttons of the last step, where the reporter is looking.
    below = page.evaluate("document.getElementById('report-status').nextElementSibling.className")
    assert "step-nav" in below or "weaker" in below
    assert page.get_by_role("button", name="Melding versturen").is_enabled()


def test_talking_is_offered_once_and_the_categories_use_plain_words(page: Page, ready: str) -> None:
    page.goto(ready + "/nl/report")
    assert page.locator('input[name="wants"][value="talk"]').count() == 1
    assert page.locator('input[name="what"][value="just_talk"]').count() == 0
    next_step(page)
    what = page.locator("fieldset:visible")
    groups = what.locator('[role="group"]')
    assert groups.count() == 4
    text = what.inner_text()
    for jargon in ("exploitant", "geldezel", "uitstapprogramma"):
        assert jargon not in text
    assert "controleurs van de gemeente (handhaving)" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert serious_problems(page) == []


def test_a_thumbnail_shows_the_cleaned_picture_and_goes_when_removed(
    page: Page, ready: str
) -> None:
    page.goto(ready + "/nl/report")
    next_step(page, 5)
    page.get_by_label("Foto's, screenshots of documenten").set_input_files(
        {"name": "IMG_1.jpg", "mimeType": "image/jpeg", "buffer": photo_with_gps()}
    )
    thumbnail = page.get_by_role("img", name="Plaatje 1")
    expect(thumbnail).to_be_visible(timeout=30_000)
    source = thumbnail.get_attribute("src") or ""
    # From memory: an object URL, which the form's CSP allows for pictures (and only there).
    assert source.startswith("blob:")
    assert thumbnail.evaluate("img => img.naturalWidth") == 64
    assert serious_problems(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_role("button", name="Plaatje 1 weghalen").click()
    expect(page.locator("#attachment-list img")).to_have_count(0)
    # The object URL was revoked with it: the picture no longer loads anywhere in this page.
    loads = """(url) => new Promise((done) => {
      const image = new Image();
      image.onload = () => done(true);
      image.onerror = () => done(false);
      image.src = url;
    })"""
    assert page.evaluate(loads, source) is False


@pytest.mark.parametrize("about", ["self", "other"])
def test_every_step_of_both_ways_passes_axe_without_sideways_scrolling(
    page: Page, scriptless: Page, ready: str, about: str
) -> None:
    page.goto(f"{ready}/nl/report?about={about}")
    total = SELF_STEPS if about == "self" else OTHER_STEPS
    assert page.locator("fieldset").count() == total
    found, wide = {}, {}
    for step in range(total):
        assert step_count(page) == f"Stap {step + 1} van {total}"
        if problems := serious_problems(page):
            found[step] = problems
        if (width := page.evaluate("document.documentElement.scrollWidth")) > 360:
            wide[step] = width
        if step < total - 1:
            next_step(page)
    scriptless.goto(f"{ready}/nl/report?about={about}")
    assert scriptless.locator("fieldset:visible").count() == total  # one long page
    if problems := serious_problems(scriptless):
        found["no-js"] = problems
    if (width := scriptless.evaluate("document.documentElement.scrollWidth")) > 360:
        wide["no-js"] = width
    assert found == {}
    assert wide == {}


def test_without_javascript_a_problem_links_to_its_question(
    plain: Page, scriptless: Page, ready: str
) -> None:
    for page in (plain, scriptless):
        page.goto(ready + "/nl/report?about=other")
        page.get_by_role("button", name="Melding versturen").click()
        link = page.locator(".problems a")
        expect(link).to_have_text("Kies wat je hebt gezien, of vertel het in je eigen woorden.")
        link.click()
        assert urlsplit(page.url).fragment == "step-seen"
        assert page.get_by_label("Die persoon lijkt jonger dan 18").is_visible()
    assert serious_problems(scriptless) == []


def report_worry_with_javascript(page: Page, base: str) -> None:
    page.goto(base + "/nl/")
    page.get_by_role("link", name="Ik maak me zorgen om iemand anders").click()
    assert step_count(page) == f"Stap 1 van {OTHER_STEPS}"
    assert page.get_by_text("We kunnen die persoon niet benaderen zonder een veilige").is_visible()
    page.get_by_label("Die persoon kan niet weg of geen nee zeggen").check()
    page.get_by_label("Die persoon lijkt jonger dan 18").check()
    next_step(page)
    page.get_by_label("Deze week").check()
    next_step(page)
    page.get_by_label("Vertel het in je eigen woorden").fill("Een collega mag nooit alleen weg.")
    next_step(page)
    page.get_by_label("Foto's, screenshots of documenten").set_input_files(
        {"name": "IMG_1.jpg", "mimeType": "image/jpeg", "buffer": photo_with_gps()}
    )
    expect(page.get_by_role("img", name="Plaatje 1")).to_be_visible(timeout=30_000)
    next_step(page, 2)
    page.get_by_role("button", name="Melding versturen").click()
    page.locator("#main .receipt").wait_for(timeout=60_000)


def report_worry_without_javascript(page: Page, base: str) -> None:
    page.goto(base + "/nl/")
    page.get_by_role("link", name="Ik maak me zorgen om iemand anders").click()
    page.get_by_label("Iemand anders houdt hun geld of paspoort").check()
    page.get_by_label("Vertel het in je eigen woorden").fill("Haar baas houdt haar paspoort.")
    page.get_by_label("Foto's, screenshots of documenten").set_input_files(
        {"name": "IMG_2.jpg", "mimeType": "image/jpeg", "buffer": photo_with_gps()}
    )
    page.get_by_role("button", name="Melding versturen").click()
    page.locator("#main .receipt").wait_for(timeout=60_000)


def test_a_worry_about_someone_else_reaches_the_adviser_on_both_paths(
    browser: Browser, page: Page, plain: Page, ready: str, adviser: Adviser
) -> None:
    report_worry_with_javascript(page, ready)
    report_worry_without_javascript(plain, ready)

    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    try:
        console = desk.new_page()
        log_in(console, ready, adviser, code=adviser.recovery_codes.pop())
        rows = console.locator("table.cases tbody tr")
        expect(rows).to_have_count(2)
        seen: dict[str, str] = {}
        for index in range(2):
            rows.nth(index).get_by_role("link").click()
            report = console.locator(".report")
            expect(report.locator(".report-text")).not_to_be_empty()
            # The note says where the picture was cleaned; the picture itself still opens.
            report.get_by_role("button", name="Plaatje 1 tonen").click()
            expect(report.locator(".picture img")).to_be_visible()
            seen[report.locator(".report-text").inner_text()] = report.inner_text()
            console.get_by_role("link", name="Terug naar de inbox").click()
            expect(rows).to_have_count(2)
    finally:
        desk.close()

    on_phone = seen["Een collega mag nooit alleen weg."]
    by_server = seen["Haar baas houdt haar paspoort."]
    for shown in (on_phone, by_server):
        assert "Over iemand anders: de melder maakt zich zorgen om een ander" in shown
    both = "Die persoon kan niet weg of geen nee zeggen, Die persoon lijkt jonger dan 18"
    assert both in on_phone
    assert "Iemand anders houdt hun geld of paspoort" in by_server
    assert "Plaatje 1: opgeschoond op de telefoon" in on_phone
    assert "Plaatje 1: opgeschoond door de server" in by_server
    assert "opgeschoond door de server" not in on_phone
