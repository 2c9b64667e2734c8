"""The consent step in Debian's Chromium at 360 px, with JavaScript on and off.

Only partners with a key are a choice; the others are shown greyed, disabled and labelled "not
connected yet" for screen readers too; texts follow the page's language; axe finds nothing serious.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from app.db import Database
from client import StaffClient
from client.partner import register_key
from crypto import MIN_PBKDF2_ITERATIONS, generate_private_key, public_key_bytes
from tests.e2e.test_live_server import _bootstrap_admin, now_code
from tests.factories import KeysShown
from tests.web.conftest import SERVER_DATABASES, phone_context
from tests.web.test_reporter_pages_in_browser import serious_problems

pytestmark = pytest.mark.browser

NOT_CONNECTED_NL = "Nog niet aangesloten"
NOT_CONNECTED_RO = "Încă neconectată"


def connect(http: httpx.Client, admin: StaffClient, partner_id: str) -> None:
    register_key(
        http,
        enrolment_token=admin.partner_enrolment(partner_id),
        public_key=public_key_bytes(generate_private_key().public_key()),
    )


PASSPHRASE = "a long passphrase for the administrator of the consent pages"


@dataclass
class Desk:
    admin: StaffClient
    recovery_codes: list[str]


@pytest.fixture(scope="module")
def desk(web_server: str) -> Iterator[Desk]:
    """An administrator with the inbox key; Belle and the police's trafficking team have keys.

    The browser logs in with recovery codes: a TOTP code of one time step is accepted only once.
    """
    url = SERVER_DATABASES[web_server]
    database = Database(url)
    token = _bootstrap_admin(database, url)
    database.dispose()
    with httpx.Client(base_url=web_server, timeout=30) as http:
        admin = StaffClient(http, iterations=MIN_PBKDF2_ITERATIONS, confirm_key=KeysShown())
        seed = admin.enrol(token, PASSPHRASE)
        codes = admin.confirm_enrolment(token, now_code(seed))
        admin.login("admin", PASSPHRASE, recovery_code=codes.pop())
        admin.create_inbox_key()
        connect(http, admin, "belle")
        connect(http, admin, "politie-avim")
        yield Desk(admin, codes)


@pytest.fixture(scope="module")
def adviser(desk: Desk) -> StaffClient:
    return desk.admin


def phone(browser: Browser) -> BrowserContext:
    return phone_context(browser)


@pytest.fixture
def with_js(browser: Browser) -> Iterator[Page]:
    context = phone(browser)
    yield context.new_page()
    context.close()


@pytest.fixture
def without_js(browser: Browser) -> Iterator[Page]:
    """The page as it is without JavaScript. Axe itself is a script, so the page's own modules are
    refused instead of turning JavaScript off: the DOM is the one a no-JS browser gets."""
    context = phone(browser)
    context.route("**/static/js/**", lambda route: route.abort())
    yield context.new_page()
    context.close()


def consent(page: Page, partner_name: str) -> Locator:
    return page.get_by_role("checkbox", name=re.compile(re.escape(partner_name)))


def to_the_consent_step(page: Page) -> None:
    """Next, step by step, until the consent step shows; on the way, say what happened."""
    consent_step = page.locator("fieldset", has=page.locator('input[name="consent"]'))
    for _ in range(15):
        if consent_step.is_visible():
            return
        threat = page.locator('input[name="what"][value="threats"]')
        if threat.is_visible():
            threat.check()
        page.locator("#step-next").click()
    raise AssertionError("the consent step never showed")


def assert_fits_and_passes_axe(page: Page) -> None:
    assert serious_problems(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_with_javascript_only_connected_partners_can_be_ticked(
    with_js: Page, web_server: str, adviser: StaffClient
) -> None:
    page = with_js
    before = {c["id"] for c in adviser.list_cases()["items"]}
    page.goto(web_server + "/nl/report")
    to_the_consent_step(page)

    belle = consent(page, "Belle Hulpverlening")
    ggd = consent(page, "GGD Gooi en Vechtstreek")
    expect(belle).to_be_enabled()
    expect(ggd).to_be_disabled()
    # The reason is part of the checkbox's accessible name, so a screen reader says it too.
    expect(ggd).to_have_accessible_name(re.compile(NOT_CONNECTED_NL))
    expect(belle).not_to_have_accessible_name(re.compile(NOT_CONNECTED_NL))
    # The kinds are visible headings; supervision says it is not help.
    expect(page.get_by_role("heading", name="Hulp en zorg")).to_be_visible()
    expect(page.get_by_role("heading", name="Gemeente: toezicht, geen hulp")).to_be_visible()
    expect(consent(page, "toezicht sekswerk")).to_be_disabled()
    assert_fits_and_passes_axe(page)

    ggd.click(force=True)  # a tap on a greyed box changes nothing
    expect(ggd).not_to_be_checked()
    belle.check()
    while page.locator("#step-next").is_visible():
        page.locator("#step-next").click()
    page.locator("#send").click()
    expect(page.locator("#main .receipt")).to_be_visible(timeout=60_000)

    [new] = [c["id"] for c in adviser.list_cases()["items"] if c["id"] not in before]
    assert adviser.read_case(new).summary["consents"] == ["belle"]


def test_without_javascript_a_romanian_page_shows_romanian_texts_and_disabled_boxes(
    without_js: Page, web_server: str, adviser: StaffClient
) -> None:
    page = without_js
    page.goto(web_server + "/ro/report")

    police = consent(page, "Poliția – echipa pentru trafic de persoane (AVIM)")
    expect(police).to_be_enabled()
    expect(police).to_have_accessible_name(re.compile("nu numele tău"))
    wijkagent = consent(page, "Poliția – polițistul de cartier")
    expect(wijkagent).to_be_disabled()
    expect(wijkagent).to_have_accessible_name(re.compile(NOT_CONNECTED_RO))
    step = page.locator("fieldset", has=page.locator('input[name="consent"]'))
    step.scroll_into_view_if_needed()
    assert_fits_and_passes_axe(page)


def test_a_partner_disconnected_after_the_page_loaded_is_refused_and_said_so(
    with_js: Page, web_server: str, adviser: StaffClient
) -> None:
    """The page offered the police; its key was retired before sending: told, nothing stored."""
    page = with_js
    before = {c["id"] for c in adviser.list_cases()["items"]}
    with httpx.Client(base_url=web_server, timeout=30) as http:
        connect(http, adviser, "politie-wijkagent")
    page.goto(web_server + "/nl/report")
    to_the_consent_step(page)
    consent(page, "Politie – wijkagent").check()

    [partner] = [
        p for p in adviser.request("GET", "/api/v1/admin/partners").json()
        if p["id"] == "politie-wijkagent"
    ]  # fmt: skip
    for key in partner["keys"]:
        adviser.request(
            "POST", f"/api/v1/admin/partners/politie-wijkagent/keys/{key['id']}/retirement"
        )
    while page.locator("#step-next").is_visible():
        page.locator("#step-next").click()
    page.locator("#send").click()

    expect(page.locator("#report-status")).to_contain_text("nog niet aangesloten", timeout=60_000)
    assert {c["id"] for c in adviser.list_cases()["items"]} == before


def test_an_admin_writes_a_romanian_text_in_the_console_and_the_reporter_reads_it(
    browser: Browser, without_js: Page, web_server: str, desk: Desk
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    try:
        console = context.new_page()
        console.goto(web_server + "/staff/")
        console.get_by_label("Username").fill("admin")
        console.get_by_label("Passphrase").fill(PASSPHRASE)
        console.get_by_label("Code from your authenticator app").fill(desk.recovery_codes.pop())
        console.get_by_role("button", name="Log in").click()
        expect(console.locator("#whoami")).to_have_text("admin", timeout=30_000)
        console.goto(web_server + "/staff/#admin/partners")
        belle = console.locator('section[data-partner="belle"]')
        belle.get_by_text("Texts for reporters in other languages").click()
        belle.get_by_label("Language", exact=True).select_option("ro")
        # The seeded Romanian text is shown to edit, not an empty form.
        expect(belle.get_by_label("Name in this language")).to_have_value("Belle Hulpverlening")
        belle.get_by_label("Description in this language").fill("Ajutor pentru tine, în română.")
        assert serious_problems(console) == []
        belle.get_by_role("button", name="Save this text").click()
        belle = console.locator('section[data-partner="belle"]')
        expect(belle.locator(".partner-result")).to_contain_text("was saved")
    finally:
        context.close()

    without_js.goto(web_server + "/ro/report")
    expect(consent(without_js, "Belle Hulpverlening")).to_have_accessible_name(
        re.compile("Ajutor pentru tine, în română.")
    )
