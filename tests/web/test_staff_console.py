"""The VP console in Debian's Chromium: enrolment, login, the inbox, a case, the reply.

Everything a VP reads is decrypted in the browser; these tests drive the real pages against the
real service, with a reporter on a second (phone-sized) browser context.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect
from sqlalchemy import text

from app.db import Database
from tests.e2e.test_live_server import _bootstrap_admin, now_code
from tests.web.conftest import SERVER_DATABASES
from tests.web.pictures import photo_with_gps

pytestmark = pytest.mark.browser

PASSPHRASE = "paars olifant fietst traag langs zeven grachten"


@dataclass
class Adviser:
    username: str
    passphrase: str
    seed: str
    recovery_codes: list[str]


def serious_problems(page: Page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [v["id"] for v in violations if v["impact"] in ("serious", "critical")]


@pytest.fixture
def desk(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    yield context
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    yield context
    context.close()


def enrol_in_browser(page: Page, base: str, token: str, username: str) -> Adviser:
    page.goto(f"{base}/staff/enrol#{token}")
    # The token is taken out of the address at once, so it stays out of the history.
    expect(page).to_have_url(f"{base}/staff/enrol")
    page.get_by_label("Wachtzin", exact=True).fill("welkom01")
    page.get_by_label("Wachtzin nog een keer").fill("welkom01")
    page.get_by_role("button", name="Mijn sleutel maken").click()
    expect(page.locator("#enrol-problems")).to_contain_text("te kort. Gebruik minstens 12 tekens")

    page.get_by_label("Wachtzin", exact=True).fill(PASSPHRASE)
    expect(page.locator("#strength-text")).to_have_text("Sterk genoeg.")
    page.get_by_label("Wachtzin nog een keer").fill(PASSPHRASE)
    page.get_by_role("button", name="Mijn sleutel maken").click()
    seed = page.locator("#totp-secret").inner_text(timeout=30_000).replace(" ", "")
    assert page.locator("svg[role=img]").count() == 1  # the QR code for the app
    assert serious_problems(page) == []
    page.get_by_label("De code van 6 cijfers").fill(now_code(seed))
    page.get_by_role("button", name="Bevestigen").click()
    page.locator(".recovery-codes li").first.wait_for()
    codes = page.locator(".recovery-codes li").all_inner_texts()
    assert len(codes) >= 8
    return Adviser(username, PASSPHRASE, seed, codes)


def log_in(page: Page, base: str, adviser: Adviser, code: str | None = None) -> None:
    """Log in with the next TOTP step's code (the last one used is never accepted again)."""
    page.goto(f"{base}/staff/")
    page.get_by_label("Gebruikersnaam").fill(adviser.username)
    page.get_by_label("Wachtzin").fill(adviser.passphrase)
    page.get_by_label("Code uit je authenticator-app").fill(code or now_code(adviser.seed, 1))
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("#whoami")).to_have_text(adviser.username, timeout=30_000)


def send_report_from_phone(phone: BrowserContext, base: str, text: str) -> str:
    page = phone.new_page()
    page.goto(base + "/nl/report")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Bedreiging").check()
    for _ in range(3):  # when and where, the other person
        page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Vertel het in je eigen woorden").fill(text)
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Foto's, screenshots of documenten").set_input_files(
        {"name": "IMG_1.jpg", "mimeType": "image/jpeg", "buffer": photo_with_gps()}
    )
    page.locator("#attachment-list li button").wait_for()
    for _ in range(2):
        page.get_by_role("button", name="Volgende").click()
    page.get_by_role("button", name="Melding versturen").click()
    receipt = page.locator("#main .receipt").inner_text(timeout=60_000)
    page.close()
    return receipt


@pytest.fixture(scope="module")
def first_admin(browser: Browser, web_server: str) -> Adviser:
    """The module's first administrator, enrolled in the browser (one per server)."""
    database = Database(SERVER_DATABASES[web_server])
    token = _bootstrap_admin(database, SERVER_DATABASES[web_server])
    database.dispose()
    context = browser.new_context(locale="nl-NL")
    try:
        return enrol_in_browser(context.new_page(), web_server, token, "admin")
    finally:
        context.close()


def ready_inbox(page: Page) -> None:
    """After logging in: the first adviser makes the team's inbox key, in the browser."""
    make = page.get_by_role("button", name="De inbox-sleutel maken")
    inbox = page.get_by_role("heading", name="Inbox", exact=True)
    expect(make.or_(inbox)).to_be_visible()
    if make.is_visible():
        make.click()
    expect(inbox).to_be_visible()


def test_enrolment_login_inbox_case_and_reply_all_in_the_browser(
    web_server: str, first_admin: Adviser, desk: BrowserContext, phone: BrowserContext
) -> None:
    base, admin = web_server, first_admin
    page = desk.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    log_in(page, base, admin)
    assert serious_problems(page) == []
    ready_inbox(page)

    receipt = send_report_from_phone(phone, base, "Een klant sloeg me in hotel De Ster.")
    # A reload drops the keys with the page: the console asks to log in again (here with a
    # recovery code, as the TOTP code of this time step was just used).
    page.reload()
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    log_in(page, base, admin, code=admin.recovery_codes.pop())
    row = page.locator("table.cases tbody tr").first
    expect(row).to_contain_text("Nieuw")
    assert serious_problems(page) == []
    row.get_by_role("link").click()
    expect(page.locator(".report-text")).to_have_text("Een klant sloeg me in hotel De Ster.")
    assert "Bedreiging" in page.locator(".report").inner_text()
    # The picture is opened only when asked for, from memory (a blob: URL), never from a server URL.
    assert page.locator(".picture img").count() == 0
    page.get_by_role("button", name="Plaatje 1 tonen").click()
    picture = page.locator(".picture img")
    expect(picture).to_be_visible()
    assert (picture.get_attribute("src") or "").startswith("blob:")
    assert picture.evaluate("img => img.naturalWidth") == 64
    assert serious_problems(page) == []

    page.get_by_label("De melder antwoorden").fill("Wat naar. Ben je nu veilig?")
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.locator(".thread")).to_contain_text("Wat naar. Ben je nu veilig?")
    page.get_by_label("Nieuwe notitie").fill("Nagaan of De Ster vaker voorkomt.")
    page.get_by_role("button", name="Notitie opslaan").click()
    expect(page.locator(".notes")).to_contain_text("Nagaan of De Ster vaker voorkomt.")
    page.locator("#case-status").select_option("in_progress")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Opgeslagen.")

    # The reporter reads the answer on the phone, decrypted there.
    mailbox = phone.new_page()
    mailbox.goto(base + "/nl/mailbox")
    mailbox.get_by_label("Je code").fill(receipt)
    mailbox.get_by_role("button", name="Openen").click()
    expect(mailbox.locator(".thread")).to_contain_text("Wat naar. Ben je nu veilig?")

    # Nothing but the service itself was asked for, and nothing is kept in the browser.
    assert requests and all(url.removeprefix("blob:").startswith(base) for url in requests)
    kept = page.evaluate(
        "({local: localStorage.length, session: sessionStorage.length, cookie: document.cookie})"
    )
    assert kept == {"local": 0, "session": 0, "cookie": ""}  # the session cookie is HttpOnly


def test_the_console_locks_itself_and_wipes_the_keys_after_inactivity(
    web_server: str, first_admin: Adviser, desk: BrowserContext
) -> None:
    page = desk.new_page()
    page.clock.install()
    log_in(page, web_server, first_admin, code=first_admin.recovery_codes.pop())
    ready_inbox(page)

    page.clock.run_for("10:30")  # VP_SESSIONS__CONSOLE_LOCK_MINUTES is 10 by default

    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    expect(page.locator("#login-status")).to_contain_text("vergrendeld")
    assert page.locator("#view").inner_text() == ""
    # Locking logged out on the server too: the session cookie opens nothing any more.
    assert desk.request.get(web_server + "/api/v1/staff/session").status == 401


def test_team_invite_access_and_removal_with_a_new_inbox_key(
    web_server: str, first_admin: Adviser, browser: Browser, desk: BrowserContext
) -> None:
    base = web_server
    page = desk.new_page()
    log_in(page, base, first_admin, code=first_admin.recovery_codes.pop())
    ready_inbox(page)
    page.get_by_role("link", name="Team").click()
    page.get_by_role("textbox", name="Gebruikersnaam").fill("bea")
    page.get_by_role("button", name="Uitnodiging maken").click()
    link = page.locator("#invite-link").inner_text()
    assert re.fullmatch(re.escape(base) + r"/staff/enrol#\S+", link)
    assert serious_problems(page) == []

    beas_desk = browser.new_context(locale="nl-NL")
    try:
        bea_page = beas_desk.new_page()
        bea = enrol_in_browser(bea_page, base, link.split("#", 1)[1], "bea")
        log_in(bea_page, base, bea)
        expect(bea_page.get_by_role("heading", name="Wachten op toegang")).to_be_visible()
        beas_number = bea_page.locator("#own-safety-number").inner_text()
        assert re.fullmatch(r"\d{5}( \d{5}){5}", beas_number)

        # The admin's browser wraps the inbox key for bea, once the admin compared bea's number
        # (computed in bea's browser from her own key) with the one the key from the server gives.
        page.reload()
        log_in(page, base, first_admin, code=first_admin.recovery_codes.pop())
        page.get_by_role("link", name="Team").click()
        page.get_by_role("button", name="Geef bea toegang").click()
        check = page.get_by_role("dialog", name="Vergelijk het veiligheidsnummer van bea")
        expect(check.locator('[data-owner="bea"]')).to_have_text(beas_number)
        check.get_by_role("button", name="Annuleren").click()
        expect(check).to_be_hidden()
        assert wrapped_for(base, "bea") == []
        page.get_by_role("button", name="Geef bea toegang").click()
        check.get_by_role("button", name="Alle nummers kloppen").click()
        expect(page.get_by_role("status")).to_contain_text("bea heeft nu toegang")

        bea_page.reload()
        log_in(bea_page, base, bea, code=bea.recovery_codes.pop())
        expect(bea_page.get_by_role("heading", name="Inbox", exact=True)).to_be_visible()

        # Removing bea makes a new inbox key for the others, in the admin's browser.
        page.get_by_role("button", name="bea verwijderen").click()
        page.get_by_role("button", name="Klik nog een keer om bea te verwijderen").click()
        expect(page.get_by_role("status")).to_contain_text("bea is verwijderd")
        expect(page.locator('tr[data-member="bea"]')).to_contain_text("verwijderd")
        assert inbox_key_versions(base) == [1, 2]
        assert wrapped_for(base, "bea") == []
        assert sorted(wrapped_for(base, "admin")) == [1, 2]
        # Bea's session ended with her removal: her console locks on its next request.
        bea_page.get_by_role("link", name="Team").click()
        expect(bea_page.get_by_role("heading", name="Inloggen")).to_be_visible()
    finally:
        beas_desk.close()


def inbox_key_versions(base: str) -> list[int]:
    database = Database(SERVER_DATABASES[base])
    try:
        with database.engine.connect() as connection:
            rows = connection.execute(text("SELECT version FROM inbox_keys ORDER BY version"))
            return [row[0] for row in rows]
    finally:
        database.dispose()


def wrapped_for(base: str, username: str) -> list[int]:
    """The inbox key versions wrapped for this member, as stored."""
    database = Database(SERVER_DATABASES[base])
    try:
        with database.engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT w.inbox_version FROM inbox_key_wraps w JOIN staff_members m "
                    "ON m.id = w.member_id WHERE m.username = :name"
                ),
                {"name": username},
            )
            return [row[0] for row in rows]
    finally:
        database.dispose()


@pytest.mark.parametrize(
    "weaker",
    [{"iterations": 1}, {"iterations": 599_999}, {"salt": base64.b64encode(bytes(12)).decode()}],
    ids=["one-iteration", "just-below", "12-byte-salt"],
)
def test_a_server_that_answers_weak_key_settings_gets_no_auth_value(
    desk: BrowserContext, web_server: str, first_admin: Adviser, weaker: dict[str, object]
) -> None:
    """A lying server (played by rewriting the real server's answer) learns nothing to crack."""
    page = desk.new_page()

    def weaken(route: Route) -> None:
        real = route.fetch()
        route.fulfill(response=real, json={**real.json(), **weaker})

    page.route("**/api/v1/staff/login/parameters", weaken)
    logins: list[str] = []
    page.on("request", lambda r: logins.append(r.url) if r.url.endswith("/staff/login") else None)
    page.goto(f"{web_server}/staff/")
    page.get_by_label("Gebruikersnaam").fill(first_admin.username)
    page.get_by_label("Wachtzin").fill(first_admin.passphrase)
    page.get_by_label("Code uit je authenticator-app").fill("000000")
    page.get_by_role("button", name="Inloggen").click()

    expect(page.locator("#login-status")).to_contain_text("Er is niets verstuurd")
    assert logins == []
    expect(page.locator("#console")).to_be_hidden()
