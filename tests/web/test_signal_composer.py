"""The signal composer in Debian's Chromium: consent per partner, the depersonalisation
assistant's flags (fixed or kept before anything can be sent), sealing per partner key in the
browser, and the partner's acknowledgement and feedback coming back to the team.

The console runs in English here (it follows the browser's language); the Dutch console is
driven by tests/web/test_staff_console.py.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from app.db import Database
from client import ReporterClient, StaffClient
from client.partner import PartnerClient, register_key
from crypto import MIN_PBKDF2_ITERATIONS, generate_private_key, public_key_bytes, safety_number
from tests.e2e.test_live_server import _bootstrap_admin, now_code
from tests.factories import KeysShown
from tests.signals.helpers import release_queued
from tests.web.conftest import SERVER_DATABASES

pytestmark = pytest.mark.browser

PASSPHRASE = "a long passphrase for the admin of this test"
# Signals go out in batches at fixed times (R5): the console says when.
QUEUED = re.compile(
    r"^The signal is locked\. It goes out with the next release of signals, at \d\d:\d\d\.$"
)
REPORT = (
    "Jan de Vries belde me op 06-12345678 en wilde dat ik geld overmaakte naar "
    "NL91ABNA0417164300. Hij zei dat hij me zou vinden als ik naar de politie ging."
)


@dataclass
class Team:
    base: str
    admin: StaffClient
    seed: str
    recovery_codes: list[str]
    partner: PartnerClient


@pytest.fixture(scope="module")
def team(web_server: str) -> Iterator[Team]:
    database = Database(SERVER_DATABASES[web_server])
    token = _bootstrap_admin(database, SERVER_DATABASES[web_server])
    database.dispose()
    with httpx.Client(base_url=web_server, timeout=30) as http:
        admin = StaffClient(http, iterations=MIN_PBKDF2_ITERATIONS, confirm_key=KeysShown())
        seed = admin.enrol(token, PASSPHRASE)
        codes = admin.confirm_enrolment(token, now_code(seed))
        admin.login("admin", PASSPHRASE, recovery_code=codes.pop())
        admin.create_inbox_key()
        key = generate_private_key()
        registration = register_key(
            http,
            enrolment_token=admin.partner_enrolment("belle"),
            public_key=public_key_bytes(key.public_key()),
        )
        partner = PartnerClient(http, api_token=registration.api_token, keys=[key])
        # The police have a key too: what keeps them out below is the reporter's choice alone.
        register_key(
            http,
            enrolment_token=admin.partner_enrolment("politie-avim"),
            public_key=public_key_bytes(generate_private_key().public_key()),
        )
        yield Team(web_server, admin, seed, codes, partner)


@pytest.fixture
def desk(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    yield context
    context.close()


def log_in(page: Page, team: Team) -> None:
    page.goto(team.base + "/staff/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Passphrase").fill(PASSPHRASE)
    page.get_by_label("Code from your authenticator app").fill(team.recovery_codes.pop())
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#whoami")).to_have_text("admin", timeout=30_000)


def confirm_partner_key(page: Page, team: Team) -> None:
    """The first signal to Belle's key in a session waits for its safety number to be compared."""
    check = page.get_by_role("dialog", name="Compare the partner's safety number")
    [key] = team.partner.keys.values()
    expect(check.locator(".safety-number")).to_have_text(safety_number(key.public_key()))
    check.get_by_role("button", name="Every number matches").click()


def release(team: Team) -> None:
    """The release step, as the service runs it at the next release time."""
    database = Database(SERVER_DATABASES[team.base])
    try:
        release_queued(database)
    finally:
        database.dispose()


def serious_problems(page: Page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [v["id"] for v in violations if v["impact"] in ("serious", "critical")]


def flagged(page: Page) -> dict[str, str]:
    items = page.locator("#flags li.flag:not(.kept)")
    return {
        items.nth(i).get_attribute("data-kind") or "": items.nth(i).locator("q").inner_text()
        for i in range(items.count())
    }


def test_the_assistant_flags_what_identifies_and_the_signal_reaches_the_partner(
    team: Team, desk: BrowserContext
) -> None:
    with httpx.Client(base_url=team.base, timeout=30) as http:
        sent = ReporterClient(http).submit(
            {"what": ["threats"], "text": REPORT, "where": {"municipality": "hilversum"}},
            consents=["belle"],
        )
    page = desk.new_page()
    log_in(page, team)
    page.goto(f"{team.base}/staff/#case/{sent.report_id}")
    page.get_by_role("link", name="Write a signal").click()

    # Belle may receive it; a partner the reporter did not allow is shown, disabled, with why.
    expect(page.get_by_label("Belle Hulpverlening")).to_be_enabled()
    police = page.locator("label.check", has_text="(AVIM)")
    expect(police.locator("input")).to_be_disabled()
    expect(police).to_contain_text("the reporter did not allow this")
    page.get_by_label("Belle Hulpverlening").check()

    draft = (
        "Een klant, Jan de Vries, belt haar op 06-12345678 en eist geld op NL91ABNA0417164300. "
        "Hij zei dat hij me zou vinden als ik naar de politie ging."
    )
    page.get_by_label("The signal").fill(draft)
    expect(page.locator("#flag-status")).to_contain_text("things to check")
    found = flagged(page)
    assert found["phone"] == "06-12345678"
    assert found["iban"] == "NL91ABNA0417164300"
    assert found["name"] == "Jan de Vries"
    assert "hij me zou vinden als ik naar de politie" in found["copied"]
    send = page.get_by_role("button", name="Lock and send the signal")
    expect(send).to_be_disabled()
    assert serious_problems(page) == []

    # The VP rewrites: no number, no account, no name, no sentence of the reporter's.
    page.get_by_label("The signal").fill(
        "Een klant bedreigt een sekswerker en eist dat zij geld overmaakt. "
        "Hij dreigt haar op te zoeken als zij aangifte doet."
    )
    expect(page.locator("#flag-status")).to_have_text("Nothing left to check.")
    page.get_by_label("When (never an exact day)").select_option(index=2)  # this month
    expect(send).to_be_enabled()
    send.click()
    confirm_partner_key(page, team)
    expect(page.get_by_role("heading", name="Signals")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(QUEUED)
    waiting = page.locator('article[data-status="queued"]')
    expect(waiting.get_by_role("heading")).to_contain_text("Queued until")
    expect(waiting.locator('li[data-partner="belle"]')).to_contain_text("waiting for the release")
    assert team.partner.list_signals() == []

    release(team)
    [item] = team.partner.list_signals(status="new")
    received = team.partner.read_signal(uuid.UUID(item["id"]))
    assert received.content["text"].startswith("Een klant bedreigt een sekswerker")
    assert received.content["area"] == "Hilversum"
    assert received.category == "threats" and len(received.period) == 7  # e.g. 2026-11
    assert "Jan" not in str(received.content) and "0612345678" not in str(received.content)
    team.partner.acknowledge(uuid.UUID(item["id"]))
    team.partner.send_feedback(
        uuid.UUID(item["id"]),
        {"text": "Bekend bij ons. Kan zij bellen?"},
        inbox=team.partner.inbox_key(),
    )

    page.reload()
    log_in(page, team)
    page.get_by_role("link", name="Signals").click()
    signal = page.locator("article[data-signal]").first
    expect(signal.locator('li[data-partner="belle"]')).to_contain_text("received on")
    signal.get_by_role("button", name="Read feedback (1)").click()
    expect(signal.locator(".feedback")).to_contain_text("Bekend bij ons. Kan zij bellen?")
    assert serious_problems(page) == []


@pytest.mark.parametrize(
    ("exception", "said"),
    [("suspected_minor", QUEUED), ("acute_danger", "Sent now because of acute danger.")],
)
def test_a_flag_kept_on_purpose_lets_the_signal_go_and_an_exception_opens_other_partners(
    team: Team, desk: BrowserContext, exception: str, said: str | re.Pattern[str]
) -> None:
    with httpx.Client(base_url=team.base, timeout=30) as http:
        sent = ReporterClient(http).submit({"text": "Hij heeft een meisje van 15 in huis."})
    page = desk.new_page()
    log_in(page, team)
    page.goto(f"{team.base}/staff/#signal/{sent.report_id}")
    belle = page.get_by_label("Belle Hulpverlening")
    expect(belle).to_be_disabled()  # no consent at all

    page.get_by_label("Pass on without permission under a published exception").check()
    page.get_by_label("Exception", exact=True).select_option(exception)
    page.get_by_label("Why this exception applies").fill("Vermoedelijk minderjarig slachtoffer.")
    expect(belle).to_be_enabled()
    belle.check()
    page.get_by_label("The signal").fill("Mogelijk een minderjarige in een woning, sinds maandag.")
    expect(page.locator("#flags li.flag")).to_have_count(1)
    assert flagged(page) == {"datetime": "maandag"}
    page.locator("#flags li.flag").get_by_role("button", name="Keep it, I checked").click()
    expect(page.locator("#flag-status")).to_have_text("Nothing left to check.")
    page.get_by_role("button", name="Lock and send the signal").click()
    confirm_partner_key(page, team)
    expect(page.get_by_role("status")).to_have_text(said)

    # The reporter is told in their mailbox, decrypted with the receipt.
    assert sent.receipt is not None
    with httpx.Client(base_url=team.base, timeout=30) as http:
        _own, messages = ReporterClient(http).read_mailbox(sent.receipt)
    assert [m.kind for m in messages] == ["notice"]
    assert "without your name" in messages[0].content["text"]
