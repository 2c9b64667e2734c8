"""The receipt in Debian's Chromium: the same format as crypto/, kept on screen until written down,
typed back into the mailbox, and (without JavaScript) shown again on reload.

The service runs here with Redis, so that the test can look at every key a reload leaves behind.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, expect
from sqlalchemy import create_engine, text
from stdnum import damm

import crypto
from app.db import Database
from client import ReporterClient
from tests.conftest import REDIS_TEST_URL
from tests.e2e.live_server import live_server
from tests.e2e.test_live_server import _bootstrap_admin, enrol_and_login
from tests.web.conftest import NEUTRAL, phone_context
from tests.web.test_reporter_pages_in_browser import serious_problems

pytestmark = pytest.mark.browser

RECEIPT = re.compile(r"\d{5}( \d{5}){5}")
LEGACY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The service on a fresh SQLite file and this test run's Redis database."""
    try:
        redis.Redis.from_url(REDIS_TEST_URL).ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis is unavailable: {error}")
    directory: Path = tmp_path_factory.mktemp("receipt")
    url = f"sqlite:///{directory / 'receipt.db'}"
    redis.Redis.from_url(REDIS_TEST_URL).flushdb()
    with live_server(
        database_url=url, redis_url=REDIS_TEST_URL, log_path=directory / "server.log"
    ) as base:
        database = Database(url)
        with httpx.Client(base_url=base, timeout=30) as http:
            admin, _ = enrol_and_login(http, _bootstrap_admin(database, url), "admin")
            admin.create_inbox_key()
        database.dispose()
        yield base, url
    redis.Redis.from_url(REDIS_TEST_URL).flushdb()


@pytest.fixture
def base(service: tuple[str, str]) -> str:
    return service[0]


def phone(browser: Browser, **options: Any) -> BrowserContext:
    return phone_context(browser, **options)


def send_with_javascript(page: Page, base: str, words: str) -> str:
    """Walk the form's steps as a reporter would: words in the text step, the rest skipped."""
    page.goto(base + "/nl/report")
    text_box = page.locator("#text")
    send = page.locator("#send")
    for _ in range(30):
        if text_box.is_visible():
            text_box.fill(words)
        if send.is_visible():
            break
        page.locator("#step-next").click()
    send.click()
    receipt = page.locator("#main .receipt").inner_text(timeout=60_000)
    assert RECEIPT.fullmatch(receipt), receipt
    return receipt


# The receipt module in the browser against crypto/receipts.py.


def legacy_receipt() -> str:
    data = "".join(secrets.choice(LEGACY_ALPHABET) for _ in range(20))
    for check in LEGACY_ALPHABET:
        try:
            return crypto.parse_receipt(data + check)
        except crypto.ReceiptError:
            continue
    raise AssertionError("no legacy check symbol fits")


def python_kind(typed: str) -> str:
    try:
        return crypto.parse_receipt(typed)
    except crypto.ReceiptTypoError:
        return "typo"
    except crypto.ReceiptFormatError:
        return "format"


def test_the_browser_makes_and_reads_receipts_exactly_as_crypto_does(module_page: Page) -> None:
    new = crypto.generate_receipt()
    old = legacy_receipt()
    canonical = crypto.parse_receipt(new)
    typed = [
        new,
        canonical,
        new.replace(" ", "-"),
        new.replace(" ", "."),
        "  " + "-".join(canonical[i : i + 4] for i in range(0, 30, 4)) + "\n",
        canonical[:-1] + str((int(canonical[-1]) + 1) % 10),
        canonical[:7] + canonical[8] + canonical[7] + canonical[9:],
        canonical[:-1],
        canonical + "0",
        canonical[:29] + "O",
        canonical[:15] + "\u00a0" + canonical[15:],
        canonical[:15] + "/" + canonical[15:],
        "٠" * 30,
        "０" * 30,
        old,
        crypto.format_receipt(old).lower(),
        old.replace("0", "o").replace("1", "l"),
        old[:-1] + ("0" if old[-1] != "0" else "1"),
        "U" + "0" * 20,
        "-" * 200,
        "",
    ]
    result = module_page.evaluate(
        """async ([typed, secrets]) => {
          const receipt = await import("/static/js/crypto/receipt.js");
          const bytes = await import("/static/js/crypto/bytes.js");
          const made = [];
          for (let i = 0; i < 300; i++) made.push(receipt.generateReceipt());
          const kinds = typed.map((t) => {
            try { return receipt.parseReceipt(t); } catch (e) { return e.kind; }
          });
          const derived = [];
          for (const r of [made[0], ...secrets]) {
            const pair = await receipt.replyKeyPair(r);
            derived.push([bytes.toHex(await receipt.mailboxCredential(r)),
                          bytes.toHex(pair.publicKey)]);
          }
          return { made, kinds, derived, last: receipt.lastGroup(secrets[0]),
                   formatted: secrets.map((s) => receipt.formatReceipt(s)) };
        }""",
        [typed, [new, old]],
    )

    made = result["made"]
    assert len(set(made)) == 300
    for receipt in made:
        assert RECEIPT.fullmatch(receipt), receipt
        assert damm.is_valid(receipt.replace(" ", ""))
        assert crypto.format_receipt(receipt) == receipt
    # Rejection sampling keeps every digit in play at every position.
    for position in range(29):
        assert {r.replace(" ", "")[position] for r in made} == set("0123456789")
    assert result["kinds"] == [python_kind(t) for t in typed]
    for receipt, (credential, reply) in zip([made[0], new, old], result["derived"], strict=True):
        assert bytes.fromhex(credential) == crypto.mailbox_credential(receipt)
        public = crypto.reply_private_key(receipt).public_key()
        assert bytes.fromhex(reply) == crypto.public_key_bytes(public)
    assert result["last"] == canonical[-5:]
    assert result["formatted"] == [new, crypto.format_receipt(old)]


def test_every_wrong_digit_is_a_typo_in_the_browser_too(module_page: Page) -> None:
    canonical = crypto.parse_receipt(crypto.generate_receipt())
    typos = [
        canonical[:i] + d + canonical[i + 1 :]
        for i in range(30)
        for d in "0123456789"
        if d != canonical[i]
    ]
    kinds = module_page.evaluate(
        """async (typos) => {
          const receipt = await import("/static/js/crypto/receipt.js");
          return typos.map((t) => {
            try { return receipt.parseReceipt(t); } catch (e) { return e.kind; }
          });
        }""",
        typos,
    )
    assert kinds == ["typo"] * len(typos)


# With JavaScript: the receipt stays until it is written down.


def test_the_receipt_stays_until_its_last_group_is_typed_back(browser: Browser, base: str) -> None:
    context = phone(browser, permissions=["clipboard-read", "clipboard-write"])
    dialogs: list[str] = []
    try:
        page = context.new_page()

        def dismiss(dialog: Dialog) -> None:
            dialogs.append(dialog.type)
            dialog.dismiss()

        page.on("dialog", dismiss)
        receipt = send_with_javascript(page, base, "Hij kwam terug naar het raam.")
        assert "Schrijf hem nu op: op papier" in page.locator("#main").inner_text()
        assert serious_problems(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 360

        # Copy: the clipboard gets the code, and the page says so.
        page.get_by_role("button", name="Kopieer de code").click()
        expect(page.locator("#receipt-copied")).to_contain_text("Gekopieerd")
        assert page.evaluate("navigator.clipboard.readText()") == receipt

        # Leaving before confirming asks first; staying keeps the code on screen.
        with page.expect_event("dialog"):
            page.locator(".mailbox-link").click(no_wait_after=True)
        assert dialogs == ["beforeunload"]
        assert page.locator("#main .receipt").inner_text() == receipt

        # A wrong last group is refused inline.
        box = page.get_by_label("Heb je hem opgeschreven? Typ de laatste 5 cijfers van de code.")
        assert box.get_attribute("inputmode") == "numeric"
        wrong = str((int(receipt[-5:]) + 1) % 100_000).zfill(5)
        box.fill(wrong)
        page.get_by_role("button", name="Klaar, ik heb hem opgeschreven").click()
        expect(page.locator("#receipt-check-problem")).to_be_visible()
        assert box.get_attribute("aria-invalid") == "true"

        box.fill(receipt[-5:])
        page.get_by_role("button", name="Klaar, ik heb hem opgeschreven").click()
        expect(page.get_by_text("Goed. Bewaar de code goed")).to_be_visible()
        assert serious_problems(page) == []
        # Nothing of it was kept in the browser (R2).
        kept = page.evaluate(
            """async () => [localStorage.length, sessionStorage.length, document.cookie,
                           (await indexedDB.databases()).length]"""
        )
        assert kept == [0, 0, "", 0]
        assert context.cookies() == []

        # Confirmed: leaving no longer asks.
        dialogs.clear()
        page.locator("#main").get_by_role("link", name="Het antwoord lezen").click()
        page.wait_for_url(base + "/nl/mailbox")
        assert dialogs == []
    finally:
        context.close()


def test_the_quick_exit_leaves_the_unconfirmed_receipt_without_asking(
    browser: Browser, base: str
) -> None:
    context = phone(browser)
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
        send_with_javascript(page, base, "Snel weg.")
        page.get_by_role("link", name="Snel weg").click()
        page.wait_for_url(NEUTRAL)
        assert dialogs == []
        assert page.content().count("Het weer") == 1
    finally:
        context.close()


def test_without_the_clipboard_api_there_is_no_copy_button(browser: Browser, base: str) -> None:
    context = phone(browser)
    context.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'clipboard', "
        "{ get: () => undefined, configurable: true });"
    )
    try:
        page = context.new_page()
        send_with_javascript(page, base, "Geen klembord.")
        expect(page.locator("#main .receipt")).to_be_visible()
        expect(page.get_by_role("button", name="Kopieer de code")).to_be_hidden()
        expect(page.locator("#confirm-receipt")).to_be_visible()
    finally:
        context.close()


# Typing it into the mailbox as a person would.


def test_a_receipt_typed_into_the_mailbox_with_spaces_without_and_with_a_typo(
    browser: Browser, base: str
) -> None:
    with httpx.Client(base_url=base, timeout=30) as http:
        sent = ReporterClient(http).submit({"text": "Mijn melding met cijfers."}, consents=[])
    assert sent.receipt is not None and RECEIPT.fullmatch(sent.receipt)
    canonical = sent.receipt.replace(" ", "")
    wrong_digit = canonical[:12] + str((int(canonical[12]) + 3) % 10) + canonical[13:]
    context = phone(browser)
    try:
        page = context.new_page()
        for typed, opens in ((sent.receipt, True), (canonical, True), (wrong_digit, False)):
            page.goto(base + "/nl/mailbox")
            field = page.get_by_label("Je code")
            assert field.get_attribute("inputmode") == "numeric"
            assert field.get_attribute("autocomplete") == "off"
            field.press_sequentially(typed)
            page.get_by_role("button", name="Openen").click()
            if opens:
                expect(page.locator(".own .message")).to_have_text("Mijn melding met cijfers.")
            else:
                expect(page.locator("#mailbox-status")).to_contain_text("typfout")
                assert "30 cijfers" not in page.locator("#mailbox-status").inner_text()
        page.goto(base + "/nl/mailbox")
        page.get_by_label("Je code").press_sequentially(canonical[:20])
        page.get_by_role("button", name="Openen").click()
        expect(page.locator("#mailbox-status")).to_contain_text("30 cijfers")
    finally:
        context.close()


# Without JavaScript: a reload shows the same receipt, and nothing is kept to do it.


def test_without_javascript_a_reload_shows_the_same_receipt_and_keeps_nothing(
    browser: Browser, service: tuple[str, str]
) -> None:
    """Chromium's reload of the receipt page posts the same form, with the same token, again."""
    base, database_url = service
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(base + "/nl/report")
        token = page.locator("input[name=token]").get_attribute("value")
        assert token
        page.locator("#text").fill("Zonder JavaScript, en dan herladen.")
        page.get_by_role("button", name="Melding versturen").click()
        receipt = page.locator(".receipt").inner_text()
        assert RECEIPT.fullmatch(receipt)
        assert "Schrijf hem nu op" in page.locator("main").inner_text()

        reloaded = page.reload()
        assert reloaded is not None and reloaded.request.method == "POST"
        assert reloaded.status == 200
        assert reloaded.headers["cache-control"] == "no-store"
        assert page.locator(".receipt").inner_text() == receipt
        assert "al verstuurd" not in page.locator("main").inner_text()
    finally:
        context.close()

    store = redis.Redis.from_url(REDIS_TEST_URL)
    keys = store.keys("*")
    dump = b"\x00".join(keys + [store.dump(k) or b"" for k in keys])
    engine = create_engine(database_url)
    with engine.connect() as connection:
        tables = [
            row[0]
            for row in connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
        ]
        rows = [
            repr(tuple(row)).encode()
            for table in tables
            for row in connection.execute(text(f'SELECT * FROM "{table}"'))  # noqa: S608
        ]
    engine.dispose()
    everything = dump + b"\x00".join(rows)
    for secret in (receipt, receipt.replace(" ", ""), token):
        assert secret.encode() not in everything
    # One report was stored, under the derived id, and the receipt opens it.
    with httpx.Client(base_url=base, timeout=30) as http:
        own, _ = ReporterClient(http).read_mailbox(receipt)
    assert own["text"] == "Zonder JavaScript, en dan herladen."


def test_without_javascript_a_refused_form_reloaded_shows_no_receipt(
    browser: Browser, base: str
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(base + "/nl/report")
        page.get_by_role("button", name="Melding versturen").click()
        assert page.locator(".problems").count() >= 1
        reloaded = page.reload()
        assert reloaded is not None and reloaded.status == 403
        assert "al verstuurd" in page.locator("main").inner_text()
        assert page.locator(".receipt").count() == 0
    finally:
        context.close()
