"""The whole journey through both consoles in one run, in Debian's Chromium, one browser each.

A reporter on a phone (Dutch pages) reports with a picture and allows Belle; the first adviser
enrols, makes the inbox key, reads the report and answers; the reporter reads the answer; the
administrator brings Belle in (a key enrolment code and a user); Belle's user enrols and makes the
organisation's key in the partner console; the adviser writes a signal in which the assistant
flags a planted phone number, IBAN, name and copied sentence, fixes them and sends it; Belle
decrypts, acknowledges and answers; the feedback appears for the adviser. The consoles run in
English here (they follow the browser's language).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from app.db import Database
from tests.e2e.test_live_server import _bootstrap_admin, now_code
from tests.signals.helpers import release_queued
from tests.web.conftest import SERVER_DATABASES
from tests.web.pictures import photo_with_gps

pytestmark = pytest.mark.browser

PASSPHRASE = "purple elephant cycles slowly along seven canals"
KEY_PASSPHRASE = "grijze reiger vangt vis in de stille vaart"
REPORT = (
    "Jan de Vries belde me op 06-12345678 en wilde dat ik geld overmaakte naar "
    "NL91ABNA0417164300. Hij zei dat hij me zou vinden als ik naar de politie ging."
)


@pytest.fixture
def contexts(browser: Browser) -> Iterator[dict[str, BrowserContext]]:
    made = {
        "phone": browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL"),
        "adviser": browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB"),
        "belle": browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB"),
    }
    yield made
    for context in made.values():
        context.close()


def enrol(page: Page, link: str) -> tuple[str, list[str]]:
    """Enrol from the link in English; the TOTP seed and the recovery codes."""
    page.goto(link)
    page.get_by_label("Passphrase", exact=True).fill(PASSPHRASE)
    page.get_by_label("Passphrase again").fill(PASSPHRASE)
    page.get_by_role("button", name="Make my key").click()
    seed = page.locator("#totp-secret").inner_text(timeout=30_000).replace(" ", "")
    page.get_by_label("The 6-digit code the app shows now").fill(now_code(seed))
    page.get_by_role("button", name="Confirm").click()
    page.locator(".recovery-codes li").first.wait_for()
    return seed, page.locator(".recovery-codes li").all_inner_texts()


def log_in(page: Page, username: str, code: str) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Passphrase").fill(PASSPHRASE)
    page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#whoami")).to_contain_text(username, timeout=30_000)


def console_with_inbox_key(
    browser: Browser, base: str, database: Database
) -> tuple[BrowserContext, Page]:
    """The first adviser's console (in English), logged in, with the team's inbox key made."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    token = _bootstrap_admin(database, SERVER_DATABASES[base])
    seed, _codes = enrol(page, f"{base}/staff/enrol#{token}")
    page.get_by_role("link", name="Go to the console").click()
    log_in(page, "admin", now_code(seed, 1))
    page.get_by_role("button", name="Make the inbox key").click()
    expect(page.get_by_role("heading", name="Inbox", exact=True)).to_be_visible()
    return context, page


def report_from_the_phone(phone: BrowserContext, base: str) -> str:
    page = phone.new_page()
    page.goto(base + "/nl/report")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Bedreiging").check()
    for _ in range(3):  # when and where, the other person
        page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Vertel het in je eigen woorden").fill(REPORT)
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Foto's, screenshots of documenten").set_input_files(
        {"name": "IMG_1.jpg", "mimeType": "image/jpeg", "buffer": photo_with_gps()}
    )
    page.locator("#attachment-list li button").wait_for()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Belle Hulpverlening").check()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_role("button", name="Melding versturen").click()
    receipt = page.locator("#main .receipt").inner_text(timeout=60_000)
    page.close()
    return receipt


def test_report_reply_signal_partner_and_feedback_across_three_browsers(
    web_server: str, contexts: dict[str, BrowserContext]
) -> None:
    base = web_server
    database = Database(SERVER_DATABASES[base])
    token = _bootstrap_admin(database, SERVER_DATABASES[base])
    database.dispose()

    # The first adviser (also the administrator) enrols and makes the team's inbox key.
    vp = contexts["adviser"].new_page()
    seed, codes = enrol(vp, f"{base}/staff/enrol#{token}")
    vp.get_by_role("link", name="Go to the console").click()
    log_in(vp, "admin", now_code(seed, 1))
    vp.get_by_role("button", name="Make the inbox key").click()
    expect(vp.get_by_role("heading", name="Inbox", exact=True)).to_be_visible()

    # The administrator brings Belle in: a key enrolment code and a user, shown once each.
    vp.get_by_role("link", name="Administration").click()
    vp.get_by_role("link", name="Chain partners").first.click()
    belle_box = vp.locator('[data-partner="belle"]')
    belle_box.get_by_role("button", name="Make a key enrolment code").click()
    code = vp.locator("#enrolment-code-belle").inner_text().strip()
    belle_box = vp.locator('[data-partner="belle"]')
    belle_box.get_by_text("Invite a partner user", exact=True).click()
    belle_box.get_by_label("Username").fill("belle-desk")
    belle_box.get_by_role("button", name="Make the invitation").click()
    link = vp.locator("#invite-link-belle").inner_text().strip()
    assert re.fullmatch(re.escape(base) + r"/staff/enrol#\S+", link)

    # Belle's user enrols, lands in the partner console and makes the organisation's key.
    belle = contexts["belle"].new_page()
    belle_seed, _belle_codes = enrol(belle, link)
    belle.get_by_role("link", name="Go to the console").click()
    expect(belle).to_have_url(f"{base}/partner/")
    log_in(belle, "belle-desk", now_code(belle_seed, 1))
    belle.get_by_label("Key enrolment code from the administrator").fill(code)
    belle.get_by_label("Passphrase for the key file", exact=True).fill(KEY_PASSPHRASE)
    belle.get_by_label("Passphrase for the key file again").fill(KEY_PASSPHRASE)
    belle.get_by_role("button", name="Make and register the key").click()
    expect(belle.locator("#save-warning")).to_be_visible(timeout=60_000)
    belles_number = belle.locator("#new-safety-number").inner_text()

    # A report from the phone, sealed there, that allows Belle: a partner is a reporter's choice
    # only once it has a key. The adviser reads it and answers.
    receipt = report_from_the_phone(contexts["phone"], base)
    vp.goto(base + "/staff/")
    log_in(vp, "admin", codes.pop())
    vp.locator("table.cases tbody tr").first.get_by_role("link").click()
    expect(vp.locator(".report-text")).to_have_text(REPORT)
    case_url = vp.url
    vp.get_by_role("button", name="Show picture 1").click()
    expect(vp.locator(".picture img")).to_be_visible()
    vp.get_by_label("Answer the reporter").fill("Thank you. Are you safe now? / Ben je nu veilig?")
    vp.get_by_role("button", name="Send answer").click()
    expect(vp.locator(".thread")).to_contain_text("Ben je nu veilig?")
    mailbox = contexts["phone"].new_page()
    mailbox.goto(base + "/nl/mailbox")
    mailbox.get_by_label("Je code").fill(receipt)
    mailbox.get_by_role("button", name="Openen").click()
    expect(mailbox.locator(".thread")).to_contain_text("Ben je nu veilig?")

    # The adviser writes the signal; the assistant flags what identifies, the adviser fixes it.
    vp.goto(case_url)
    vp.get_by_role("link", name="Write a signal").click()
    vp.get_by_label("Belle Hulpverlening").check()
    vp.get_by_label("The signal").fill(
        "Een klant, Jan de Vries, belt haar op 06-12345678 en eist geld op NL91ABNA0417164300. "
        "Hij zei dat hij me zou vinden als ik naar de politie ging."
    )
    flags = vp.locator("#flags li.flag")
    expect(flags).to_have_count(4)
    kinds = {flags.nth(i).get_attribute("data-kind") for i in range(4)}
    assert kinds == {"phone", "iban", "name", "copied"}
    send = vp.get_by_role("button", name="Lock and send the signal")
    expect(send).to_be_disabled()
    vp.get_by_label("The signal").fill(
        "Een klant bedreigt een sekswerker en eist dat zij geld overmaakt. "
        "Hij dreigt haar op te zoeken als zij aangifte doet."
    )
    expect(vp.locator("#flag-status")).to_have_text("Nothing left to check.")
    send.click()
    # Belle's key is new to this session: its safety number, as Belle's own console shows it.
    check = vp.get_by_role("dialog", name="Compare the partner's safety number")
    expect(check.locator(".safety-number")).to_have_text(belles_number)
    check.get_by_role("button", name="Every number matches").click()
    expect(vp.get_by_role("status")).to_contain_text("It goes out with the next release of signals")
    expect(vp.locator('article[data-status="queued"]')).to_contain_text("Queued until")
    # The release at the next fixed time of day (R5), as the service's timer runs it.
    release_queued(database)
    database.dispose()

    # Belle decrypts it in the partner console, acknowledges it and answers the team.
    belle.get_by_role("link", name="Signals", exact=True).click()
    belle.locator("tr[data-signal]").first.get_by_role("link").click()
    expect(belle.locator("#signal-text")).to_contain_text("Een klant bedreigt een sekswerker")
    belle.get_by_role("button", name="Acknowledge receipt").click()
    expect(belle.get_by_role("status")).to_have_text("Receipt acknowledged.")
    belle.get_by_label("Send feedback or a question to the advisers").fill(
        "Bekend bij ons. Kan zij ons bellen?"
    )
    belle.get_by_role("button", name="Send to the advisers").click()
    expect(belle.get_by_role("status")).to_have_text("Your message was sent to the advisers.")

    # The feedback appears for the adviser, decrypted in their browser.
    vp.get_by_role("link", name="Signals").click()
    signal = vp.locator("article[data-signal]").first
    expect(signal.locator('li[data-partner="belle"]')).to_contain_text("received on")
    signal.get_by_role("button", name="Read feedback (1)").click()
    expect(signal.locator(".feedback")).to_contain_text("Bekend bij ons. Kan zij ons bellen?")
