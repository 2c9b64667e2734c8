"""The mailbox on a 360 px phone, with JavaScript and without, and the tombstone in the console.

A reporter opens the mailbox from the landing page, mistypes the code and then types it right;
reads back the choices they sent; hears in the thread that a signal went to the partner they
allowed, once the signal is released (not when the adviser sent it); reads what erasing keeps and
removes, and erases. The adviser then sees the tombstone in the inbox, and "report erased" on the
signal. The signal is queued straight into the server's database, sealed as the console would
seal it, so that the test follows the release and not a second console.
"""

from __future__ import annotations

import base64
import html
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import insert, select

from app.db import Database
from app.models import InboxKey, Partner, PartnerKey, QueuedSignal, Report
from app.models.base import today
from app.security.server_keys import ServerKeys
from app.signals import notices
from client import ReporterClient, SubmittedReport, protocol
from crypto import generate_private_key, key_id, load_public_key, public_key_bytes, seal
from tests.conftest import TEST_SECRET
from tests.signals.helpers import release_queued
from tests.web.conftest import SERVER_DATABASES, phone_context
from tests.web.test_console_journey import console_with_inbox_key
from tests.web.test_reporter_pages_in_browser import serious_problems

pytestmark = pytest.mark.browser

BELLE = "belle"


@pytest.fixture(scope="module")
def database(web_server: str) -> Iterator[Database]:
    database = Database(SERVER_DATABASES[web_server])
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def adviser(browser: Browser, web_server: str, database: Database) -> Iterator[Page]:
    """The adviser's console (in English), logged in, with the team's inbox key made."""
    context, page = console_with_inbox_key(browser, web_server, database)
    _connect(database, BELLE)
    yield page
    context.close()


def _connect(database: Database, partner_id: str) -> None:
    # A partner key whose private half nobody keeps: enough for consent and for a release.
    public = generate_private_key().public_key()
    with database.engine.begin() as connection:
        connection.execute(
            insert(PartnerKey),
            {
                "id": uuid.uuid4(),
                "partner_id": partner_id,
                "public_key": public_key_bytes(public),
                "key_id": key_id(public),
            },
        )


def _partner_name(database: Database, partner_id: str) -> str:
    with database.sessionmaker() as session:
        partner = session.get(Partner, partner_id)
        assert partner is not None
        return partner.name


def _queue_signal(database: Database, report_id: uuid.UUID, partner_id: str) -> None:
    """A signal as the console queues it: the team copy names the case, sealed to the inbox key."""
    signal_id = uuid.uuid4()
    with database.sessionmaker() as session:
        inbox = session.scalars(select(InboxKey).order_by(InboxKey.version.desc())).first()
        key = session.scalars(select(PartnerKey).where(PartnerKey.partner_id == partner_id)).first()
        report = session.get(Report, report_id)
        assert inbox is not None and key is not None and report is not None
        team_copy = json.dumps({"case": str(report_id), "content": {"text": "Een klant dreigt."}})
        session.add(
            QueuedSignal(
                id=signal_id,
                release_at=datetime.now(UTC),
                category="threats",
                urgency="normal",
                period="2026-11",
                inbox_version=inbox.version,
                team_ciphertext=seal(
                    load_public_key(inbox.public_key),
                    team_copy.encode(),
                    info=protocol.signal_team(signal_id, inbox.version),
                ),
                deliveries=[
                    {
                        "id": str(uuid.uuid4()),
                        "partner_id": partner_id,
                        "partner_key_id": str(key.id),
                        "ciphertext": base64.b64encode(b"\0" * 96).decode(),
                    }
                ],
                pending_notice=notices.seal_pending(
                    ServerKeys.from_secret(TEST_SECRET).signal_notice,
                    signal_id=signal_id,
                    report=report,
                    partners=[partner_id],
                ),
            )
        )
        session.commit()


def _report(base: str, consents: list[str]) -> SubmittedReport:
    content = {"wants": ["pass_on"], "what": ["threats"], "text": "Hij dreigde bij het raam."}
    with httpx.Client(base_url=base, timeout=30) as http:
        sent = ReporterClient(http).submit(content, consents=consents)
    assert sent.receipt is not None
    return sent


def _typo(receipt: str) -> str:
    return receipt[:-1] + ("0" if receipt[-1] != "0" else "1")


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def phone(browser: Browser, request: pytest.FixtureRequest) -> Iterator[BrowserContext]:
    context = phone_context(browser, javascript=request.param)
    yield context
    context.close()


def accessibility_problems(browser: Browser, page: Page, base: str, javascript: bool) -> list[str]:
    """axe-core on the page as shown; without JavaScript, on its HTML in a page that runs axe."""
    if javascript:
        return serious_problems(page)
    shown = page.content()
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        checker = context.new_page()
        # Served at the service's origin so that its stylesheet applies; its scripts do not run.
        checker.route("**/*.js", lambda route: route.abort())
        checker.route(
            f"{base}/axe-check", lambda route: route.fulfill(body=shown, content_type="text/html")
        )
        checker.goto(f"{base}/axe-check")
        return serious_problems(checker)
    finally:
        context.close()


def test_the_mailbox_on_a_phone_shows_choices_the_release_notice_and_honest_erasure(
    phone: BrowserContext,
    request: pytest.FixtureRequest,
    browser: Browser,
    web_server: str,
    adviser: Page,
    database: Database,
) -> None:
    javascript = request.node.callspec.params["phone"]
    sent = _report(web_server, consents=[BELLE])
    assert sent.receipt is not None
    belle = _partner_name(database, BELLE)
    page = phone.new_page()

    def open_mailbox(receipt: str) -> None:
        page.get_by_label("Je code").fill(receipt)
        page.get_by_role("button", name="Openen").click()

    page.goto(web_server + "/nl/")
    page.locator("header a.mailbox-link").click()
    page.wait_for_url("**/nl/mailbox")
    open_mailbox(_typo(sent.receipt))
    expect(page.locator("#main")).to_contain_text("typfout")
    open_mailbox(sent.receipt.lower())

    expect(page.get_by_role("heading", name="Je melding en de antwoorden")).to_be_visible()
    # The typing error no longer shows above the opened thread.
    expect(page.get_by_text("typfout")).to_have_count(0)
    choices = page.locator(".own .sent-choices")
    expect(choices).to_contain_text("Bedreiging")
    expect(choices).to_contain_text("Wie een signaal zonder je naam mag krijgen")
    expect(choices).to_contain_text(belle)
    expect(choices).not_to_contain_text("Fysiek geweld")
    expect(page.locator(".thread")).not_to_contain_text("Een signaal zonder je naam")
    expect(page.locator(".erase")).to_contain_text("Signalen die al verstuurd zijn")
    assert accessibility_problems(browser, page, web_server, javascript) == []

    # The adviser's signal waits for the release: the mailbox says nothing yet.
    _queue_signal(database, sent.report_id, BELLE)
    page.goto(web_server + "/nl/mailbox")
    open_mailbox(sent.receipt)
    expect(page.locator(".own")).to_be_visible()
    expect(page.locator(".thread")).not_to_contain_text("Een signaal zonder je naam")

    assert release_queued(database).released == 1
    page.goto(web_server + "/nl/mailbox")
    open_mailbox(sent.receipt)
    expect(page.locator(".thread .entry.notice .message")).to_have_text(
        f"Een signaal zonder je naam is naar {belle} gegaan."
    )
    assert accessibility_problems(browser, page, web_server, javascript) == []

    page.get_by_label("Ja, wis mijn melding en alle berichten").check()
    page.get_by_role("button", name="Wissen").click()
    page.get_by_text("Alles is gewist").wait_for()
    assert phone.cookies() == []


def go(page: Page, hash_: str) -> None:
    page.evaluate("(to) => { location.hash = to; }", hash_)


def test_the_adviser_sees_the_tombstone_and_report_erased_on_the_signal(
    web_server: str, adviser: Page, database: Database
) -> None:
    sent = _report(web_server, consents=[BELLE])
    assert sent.receipt is not None
    _queue_signal(database, sent.report_id, BELLE)
    assert release_queued(database).released == 1
    with httpx.Client(base_url=web_server, timeout=30) as http:
        ReporterClient(http).erase(sent.receipt)
    day = today().isoformat()

    # Within the console (a reload would lock it: its keys live only in this page's memory).
    go(adviser, "#signals")
    go(adviser, "#inbox")
    tombstones = adviser.locator(".tombstones")
    expect(tombstones).to_contain_text(f"Erased by the reporter on {day}")
    expect(tombstones).not_to_contain_text("Hij dreigde")
    expect(adviser.locator(f'[data-case="{sent.report_id}"]')).to_have_count(0)

    go(adviser, "#signals")
    erased = adviser.locator(".case-erased")
    expect(erased.first).to_have_text(f"Report erased by the reporter on {day}")
    expect(adviser.get_by_text("This case does not exist.")).to_have_count(0)

    go(adviser, f"#case/{sent.report_id}")
    expect(
        adviser.get_by_text(
            f"This report was erased by the reporter on {day}. Nothing of it is left."
        )
    ).to_be_visible()
    assert html.unescape(adviser.content()).count("This case does not exist.") == 0
