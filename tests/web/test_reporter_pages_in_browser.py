"""The reporter pages in Debian's Chromium: quick exit, keyboard, axe-core, nothing kept or leaked.

The quick exit leaves for a neutral site on the internet; this machine has no internet, so that
one outside address is answered by Playwright (the only thing mocked: it lies outside the project).
"""

from __future__ import annotations

import base64
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, expect

from app.db import Database
from app.i18n import available_languages
from client import ReporterClient, StaffClient
from client.errors import ApiError
from client.partner import register_key
from crypto import generate_private_key, public_key_bytes
from tests.e2e.live_server import live_server
from tests.e2e.test_live_server import _bootstrap_admin, enrol_and_login
from tests.web.conftest import NEUTRAL, SERVER_DATABASES, phone_context
from tests.web.pictures import TRACES, pdf_with_author, photo_with_gps

pytestmark = pytest.mark.browser

PAGES = ("/nl/", "/en/", "/nl/danger", "/nl/report", "/en/report", "/nl/mailbox")


@pytest.fixture(scope="module")
def adviser(web_server: str) -> Iterator[StaffClient]:
    """An adviser with the inbox key, logged in to the module's server."""
    url = web_server_database_url(web_server)
    database = Database(url)
    with httpx.Client(base_url=web_server, timeout=30) as http:
        admin, _ = enrol_and_login(http, _bootstrap_admin(database, url), "admin")
        admin.create_inbox_key()
        # Belle registers a key, so reporters can choose it (only connected partners are offered).
        register_key(
            http,
            enrolment_token=admin.partner_enrolment("belle"),
            public_key=public_key_bytes(generate_private_key().public_key()),
        )
        database.dispose()
        yield admin


@pytest.fixture(scope="module")
def ready(web_server: str, adviser: StaffClient) -> str:
    """The service, ready to receive reports."""
    return web_server


def web_server_database_url(base: str) -> str:
    # The module's server runs on the SQLite file tests/web/conftest.py made for it.
    return SERVER_DATABASES[base]


def serious_problems(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now."""
    violations = Axe().run(page).response["violations"]
    return [v["id"] for v in violations if v["impact"] in ("serious", "critical")]


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = phone_context(browser)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def test_the_quick_exit_is_first_in_tab_order_and_replaces_the_page(page: Page, ready: str) -> None:
    page.goto(ready + "/nl/")
    page.goto(ready + "/nl/report")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"

    page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL)

    # The report page was replaced, not added to: Back goes to the page before it.
    page.go_back()
    assert urlsplit(page.url).path == "/nl/"


def test_no_page_has_a_serious_accessibility_problem_or_sideways_scrolling(
    page: Page, ready: str
) -> None:
    axe = Axe()
    found = {}
    for path in PAGES:
        page.goto(ready + path)
        violations = axe.run(page).response["violations"]
        serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
        if serious:
            found[path] = serious
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways ({width} px)"
    assert found == {}


def test_pages_load_only_their_own_resources_and_keep_nothing(
    context: BrowserContext, page: Page, ready: str
) -> None:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(ready))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for path in PAGES:
        page.goto(ready + path)
        page.wait_for_load_state("networkidle")
        kept = page.evaluate(
            "({local: localStorage.length, session: sessionStorage.length,"
            " cookie: document.cookie})"
        )
        assert kept == {"local": 0, "session": 0, "cookie": ""}, path

    assert requests and all(url.startswith(origin) for url in requests), requests
    assert context.cookies() == []


def test_a_report_without_javascript_in_chromium(
    browser: Browser, ready: str, adviser: StaffClient
) -> None:
    before = {c["id"] for c in adviser.list_cases()["items"]}
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(ready + "/nl/report")
        page.get_by_label("Bedreiging").check()
        page.get_by_label("Vertel het in je eigen woorden").fill("Hij bedreigde me bij het raam.")
        page.get_by_role("button", name="Melding versturen").click()
        receipt = page.locator(".receipt").inner_text()
        assert re.fullmatch(r"\d{5}( \d{5}){5}", receipt)
        [case_id] = [c["id"] for c in adviser.list_cases()["items"] if c["id"] not in before]
        adviser.reply(case_id, {"text": "Dank je. Ben je nu veilig?"})

        page.goto(ready + "/nl/mailbox")
        page.get_by_label("Je code").fill(receipt.lower())
        page.get_by_role("button", name="Openen").click()
        assert "Hij bedreigde me bij het raam." in page.locator(".own").inner_text()
        assert "Dank je. Ben je nu veilig?" in page.locator(".thread").inner_text()
        page.get_by_label("Een bericht toevoegen").fill("Ja, nu wel.")
        page.get_by_role("button", name="Bericht versturen").click()
        assert "Ja, nu wel." in page.locator(".thread").inner_text()
        assert adviser.read_case(case_id).messages[-1]["content"]["text"] == "Ja, nu wel."
        assert context.cookies() == []
    finally:
        context.close()


def test_a_report_sealed_in_the_browser_one_question_per_screen(
    page: Page, ready: str, adviser: StaffClient
) -> None:
    before = {c["id"] for c in adviser.list_cases()["items"]}
    page.goto(ready + "/nl/report")
    # One question per screen: only the first is shown, and Next leads through the rest.
    assert page.locator("fieldset:visible").count() == 1
    assert page.get_by_text("Wat wil je dat er gebeurt?").is_visible()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Bedreiging").check()
    for _ in range(3):  # when and where, the other person: all may be skipped
        page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Vertel het in je eigen woorden").fill("Versleuteld in de browser.")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_role("button", name="Volgende").click()  # no pictures
    page.get_by_label("Belle Hulpverlening").check()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_role("button", name="Melding versturen").click()

    receipt = page.locator("#main .receipt").inner_text(timeout=60_000)
    assert re.fullmatch(r"\d{5}( \d{5}){5}", receipt)
    assert "zonder JavaScript" not in page.locator("#main").inner_text()
    assert serious_problems(page) == []
    [new] = [c["id"] for c in adviser.list_cases()["items"] if c["id"] not in before]
    report = adviser.read_case(new).report
    assert report["text"] == "Versleuteld in de browser."
    assert report["what"] == ["threats"] and "sent_without_javascript" not in report
    with httpx.Client(base_url=ready, timeout=30) as http:
        own, _entries = ReporterClient(http).read_mailbox(receipt)
    assert own == report


def test_the_mailbox_decrypts_in_the_browser_answers_and_erases(
    page: Page, ready: str, adviser: StaffClient
) -> None:
    with httpx.Client(base_url=ready, timeout=30) as http:
        sent = ReporterClient(http).submit({"text": "Mijn eigen melding."}, consents=[])
    assert sent.receipt is not None
    adviser.reply(sent.report_id, {"text": "We lezen mee. Wil je bellen?"})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url + " " + request.method))

    page.goto(ready + "/nl/mailbox")
    typo = sent.receipt[:-1] + ("0" if sent.receipt[-1] != "0" else "1")
    page.get_by_label("Je code").fill(typo)
    page.get_by_role("button", name="Openen").click()
    assert "typfout" in page.locator("#mailbox-status").inner_text()
    page.get_by_label("Je code").fill(sent.receipt.lower())
    page.get_by_role("button", name="Openen").click()

    assert "We lezen mee. Wil je bellen?" in page.locator(".thread").inner_text()
    assert page.locator(".own .message").inner_text() == "Mijn eigen melding."
    assert serious_problems(page) == []
    page.get_by_label("Een bericht toevoegen").fill("Ja, morgen.")
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page.locator(".entry")).to_have_count(2)
    assert adviser.read_case(sent.report_id).messages[-1]["content"] == {"text": "Ja, morgen."}

    page.get_by_label("Ja, wis mijn melding en alle berichten").check()
    page.get_by_role("button", name="Wissen").click()
    page.get_by_text("Alles is gewist").wait_for()
    # The receipt went nowhere: no request carried it, in a URL or otherwise readable form.
    canonical = sent.receipt.replace(" ", "")
    assert not [r for r in requests if canonical in re.sub(r"%20|[\s.+-]", "", r)]
    with httpx.Client(base_url=ready, timeout=30) as http, pytest.raises(ApiError) as gone:
        ReporterClient(http).read_mailbox(sent.receipt)
    assert gone.value.status == 401


def test_a_report_in_romanian_reaches_the_adviser(
    page: Page, ready: str, adviser: StaffClient
) -> None:
    before = {c["id"] for c in adviser.list_cases()["items"]}
    page.goto(ready + "/ro/report")
    assert page.locator("html").get_attribute("lang") == "ro"
    # The language list is folded away in a <details>; its link is there all the same.
    assert page.locator('nav a[lang="ro"]').text_content() == "Română"
    next_label = page.locator("#step-next").inner_text()
    assert next_label and next_label != "Volgende"  # the page speaks Romanian
    page.locator("#step-next").click()
    page.locator('input[name="what"][value="robbery_theft"]').check()
    for _ in range(3):  # when and where, the other person
        page.locator("#step-next").click()
    page.locator("#text").fill("Mi-a luat telefonul și banii.")
    for _ in range(3):  # pictures, who may hear, receipt code
        page.locator("#step-next").click()
    page.locator("#send").click()

    receipt = page.locator("#main .receipt").inner_text(timeout=60_000)
    assert re.fullmatch(r"\d{5}( \d{5}){5}", receipt)
    [new] = [c["id"] for c in adviser.list_cases()["items"] if c["id"] not in before]
    report = adviser.read_case(new).report
    assert report["text"] == "Mi-a luat telefonul și banii." and report["what"] == ["robbery_theft"]


def test_every_step_of_the_javascript_form_passes_axe(page: Page, ready: str) -> None:
    axe = Axe()
    page.goto(ready + "/nl/report")
    steps = page.locator("fieldset").count()
    found = {}
    wide = {}
    for step in range(steps):
        violations = axe.run(page).response["violations"]
        serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
        if serious:
            found[step] = serious
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[step] = width
        if step < steps - 1:
            page.locator("#step-next").click()
    assert found == {}
    assert wide == {}, "steps that scroll sideways at 360 px"
    assert page.locator("#send").is_visible()


def test_a_photo_and_a_pdf_are_cleaned_on_the_phone_and_reach_the_adviser(
    page: Page, ready: str, adviser: StaffClient
) -> None:
    before = {c["id"] for c in adviser.list_cases()["items"]}
    page.goto(ready + "/nl/report")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Bedreiging").check()
    for _ in range(4):  # when and where, the other person, own words
        page.get_by_role("button", name="Volgende").click()
    assert page.get_by_text("Op screenshots kunnen namen").is_visible()
    page.get_by_label("Foto's, screenshots of documenten").set_input_files(
        [
            {"name": "IMG_20261124_Jane.jpg", "mimeType": "image/jpeg", "buffer": photo_with_gps()},
            {"name": "brief.pdf", "mimeType": "application/pdf", "buffer": pdf_with_author()},
            {"name": "notes.txt", "mimeType": "text/plain", "buffer": b"Jane Reporter"},
        ]
    )
    listed = page.locator("#attachment-list")
    expect(listed.locator("li button")).to_have_count(2, timeout=30_000)
    assert "kan niet worden toegevoegd" in listed.inner_text()  # the text file was refused
    assert serious_problems(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Volgende").click()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_role("button", name="Melding versturen").click()
    receipt = page.locator("#main .receipt").inner_text(timeout=60_000)

    [new] = [c["id"] for c in adviser.list_cases()["items"] if c["id"] not in before]
    report = adviser.read_case(new).report
    photo, pdf_page = (base64.b64decode(a["data"]) for a in report["attachments"])
    assert [a["type"] for a in report["attachments"]] == ["image/jpeg", "image/jpeg"]
    for data in (photo, pdf_page):
        assert not [trace for trace in TRACES if trace in data]
    with Image.open(io.BytesIO(photo)) as image:
        assert image.size == (64, 48) and len(image.getexif()) == 0
    with Image.open(io.BytesIO(pdf_page)) as image:
        # The page as a picture: the black square is still at its top left, the rest is paper.
        width, height = image.size
        assert max(width, height) == 2048 and width < height
        rgb = image.convert("RGB")
        assert max(rgb.getpixel((width // 20, height // 40))) < 60
        assert min(rgb.getpixel((width - 5, height - 5))) > 200
    assert "IMG_20261124_Jane" not in str(report)
    with httpx.Client(base_url=ready, timeout=30) as http:
        own, _entries = ReporterClient(http).read_mailbox(receipt)
    assert "attachments" not in own


def quick_exit_in_view(page: Page) -> bool:
    """Whether the quick exit is inside the viewport and nothing is drawn over it."""
    return page.evaluate(
        """() => {
          const link = document.getElementById("quick-exit");
          const box = link.getBoundingClientRect();
          if (box.top < 0 || box.bottom > innerHeight || box.height === 0) return false;
          const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          return hit !== null && link.contains(hit);
        }"""
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_quick_exit_stays_on_screen_after_scrolling_to_the_bottom(
    browser: Browser, ready: str, javascript: bool
) -> None:
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 360, "height": 740}
    )
    try:
        page = context.new_page()
        scrolled = []
        for path in PAGES:
            page.goto(ready + path)
            # At rest it covers nothing: the note below it starts where it ends.
            exit_box = page.locator("#quick-exit").bounding_box()
            note_box = page.locator(".quick-exit-note").first.bounding_box()
            assert exit_box and note_box and note_box["y"] >= exit_box["y"] + exit_box["height"]
            page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
            page.wait_for_function(
                "window.scrollY > 0 || innerHeight >= document.body.scrollHeight"
            )
            if page.evaluate("window.scrollY") > 0:
                scrolled.append(path)
            assert quick_exit_in_view(page), f"{path}: the quick exit scrolled away"
        # The long pages did scroll, so the check above means something.
        assert "/nl/" in scrolled
        if not javascript:
            assert "/nl/report" in scrolled
    finally:
        context.close()


def test_the_steps_of_the_form_add_no_history_and_back_after_the_quick_exit_shows_no_step(
    page: Page, ready: str
) -> None:
    page.goto(ready + "/nl/")
    page.get_by_role("link", name="Het is mij overkomen").click()
    page.wait_for_url("**/nl/report?about=self")
    page.locator("#step-next").wait_for()
    length = page.evaluate("history.length")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Bedreiging").check()
    for _ in range(3):
        page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Vertel het in je eigen woorden").fill("Hij stond weer bij het raam.")
    page.get_by_role("button", name="Volgende").click()
    assert page.evaluate("history.length") == length
    assert urlsplit(page.url).path == "/nl/report" and not urlsplit(page.url).fragment

    page.get_by_role("link", name="Snel weg").click()
    page.wait_for_url(NEUTRAL)
    assert page.evaluate("history.length") == length

    page.go_back()
    assert urlsplit(page.url).path == "/nl/"
    assert page.locator("#report-form").count() == 0
    assert "Hij stond weer bij het raam." not in page.content()


def test_without_javascript_the_page_says_back_can_return_here(
    browser: Browser, page: Page, ready: str
) -> None:
    note = "na Snel weg kan de Terug-knop deze pagina terughalen"
    page.goto(ready + "/nl/report")
    # With JavaScript the quick exit replaces the page, so the warning would only confuse.
    assert not page.get_by_text(note).is_visible()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        plain = context.new_page()
        for path in ("/nl/", "/nl/report", "/nl/mailbox"):
            plain.goto(ready + path)
            assert plain.get_by_text(note).is_visible(), path
        plain.goto(ready + "/ro/report")
        assert plain.locator("#no-js-history").inner_text().startswith("JavaScript este oprit")
    finally:
        context.close()


def test_every_reporter_page_has_a_way_back_to_the_mailbox(page: Page, ready: str) -> None:
    for path in PAGES:
        lang = path.split("/")[1]
        page.goto(ready + path)
        link = page.locator("header a.mailbox-link")
        assert link.is_visible(), path
        assert link.get_attribute("href") == f"/{lang}/mailbox"
    page.goto(ready + "/nl/danger")
    page.get_by_role("link", name="Ik heb een code – antwoord lezen").click()
    page.wait_for_url("**/nl/mailbox")
    assert page.get_by_label("Je code").is_visible()

    # The landing page offers it as plainly as reporting: a button of the same kind in the page.
    page.goto(ready + "/en/")
    way_back = page.locator("main a.button", has_text="I have a code – read the answer")
    report = page.locator("main a.button[href='/en/report?about=self']")
    assert way_back.is_visible() and report.is_visible()
    assert way_back.get_attribute("href") == "/en/mailbox"
    way_back.click()
    page.wait_for_url("**/en/mailbox")
    assert page.locator("h1").inner_text() == "Read the answer"
    assert page.locator("#mailbox-form").is_visible()


def test_the_help_lines_fit_a_small_phone_in_every_language(page: Page, tmp_path: Path) -> None:
    # The advisers' own line and a long organisation text, the widest the page gets.
    own_line = {
        "name": "Belle Hulpverlening en Voorlichting Sekswerk Amsterdam-Noord",
        "phone": "+31 20 123 4567",
        "hours": "maandag tot en met vrijdag 10:00–17:00, woensdagavond tot 21:00",
        "about": "Hulp bij blijven of stoppen met sekswerk, zonder oordeel en zonder politie.",
    }
    with live_server(
        database_url=f"sqlite:///{tmp_path / 'help.db'}",
        redis_url=None,
        log_path=tmp_path / "server.log",
        VP_HELP__LINES=json.dumps([own_line]),
        VP_HELP__ADVISERS_PHONE="020 765 4321",
        VP_HELP__ADVISERS_HOURS="maandag en donderdag 19:00–23:00",
    ) as base:
        found = {}
        for lang in available_languages():
            page.goto(f"{base}/{lang}/danger")
            calls = page.locator("main a[href^='tel:']")
            expect(calls).to_have_count(3)
            assert calls.nth(0).get_attribute("href") == "tel:112"
            assert [calls.nth(i).get_attribute("href") for i in (1, 2)] == [
                "tel:0207654321",
                "tel:+31201234567",
            ]
            assert page.get_by_text(own_line["about"]).is_visible()
            # Each number is a touch target a thumb can hit.
            boxes = [calls.nth(i).bounding_box() for i in (1, 2)]
            assert all(box and box["height"] >= 44 for box in boxes)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"/{lang}/danger scrolls sideways ({width} px)"
            if problems := serious_problems(page):
                found[lang] = problems
        assert found == {}
