"""Security keys in Debian's Chromium: add one on #account, log in with it, remove it.

The key is Chromium's virtual authenticator (DevTools protocol, WebAuthn domain): the browser
does the real WebAuthn ceremonies against the real service. WebAuthn needs a secure context and a
relying party id that is a domain, so the service runs with ``VP_BASE_URL=http://localhost:<port>``
and the browser opens it under that name. The console runs in English (it follows the browser).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, CDPSession, Page, expect

from app.db import Database
from client import StaffClient
from crypto import MIN_PBKDF2_ITERATIONS
from tests.e2e import live_server as live_server_module
from tests.e2e.test_live_server import _bootstrap_admin, now_code
from tests.factories import KeysShown
from tests.web.test_staff_console import serious_problems

pytestmark = pytest.mark.browser

PASSPHRASE = "a long passphrase for the admin who carries a key"
LOGIN_FAILED = "Login failed. Check your username, passphrase and code."


@dataclass
class Desk:
    base: str
    recovery_codes: list[str]


@pytest.fixture(scope="module")
def localhost_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The service, told that it lives at http://localhost:<port>; (browser URL, database URL)."""
    directory: Path = tmp_path_factory.mktemp("security-keys")
    database_url = f"sqlite:///{directory / 'web.db'}"
    port = live_server_module.free_port()
    base = f"http://localhost:{port}"
    with contextlib.ExitStack() as stack:
        with pytest.MonkeyPatch.context() as patch:
            # live_server picks its own port; it must be the one base_url names.
            patch.setattr(live_server_module, "free_port", lambda: port)
            stack.enter_context(
                live_server_module.live_server(
                    database_url=database_url,
                    redis_url=None,
                    log_path=directory / "server.log",
                    VP_BASE_URL=base,
                )
            )
        yield base, database_url


@pytest.fixture(scope="module")
def desk_admin(localhost_server: tuple[str, str]) -> Desk:
    base, database_url = localhost_server
    database = Database(database_url)
    token = _bootstrap_admin(database, database_url)
    database.dispose()
    # The Python client talks to the loopback address the server listens on.
    with httpx.Client(base_url=base.replace("localhost", "127.0.0.1"), timeout=30) as http:
        admin = StaffClient(http, iterations=MIN_PBKDF2_ITERATIONS, confirm_key=KeysShown())
        seed = admin.enrol(token, PASSPHRASE)
        codes = admin.confirm_enrolment(token, now_code(seed))
        admin.login("admin", PASSPHRASE, recovery_code=codes.pop())
        admin.create_inbox_key()
    return Desk(base, codes)


@pytest.fixture
def desk(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    yield context
    context.close()


@dataclass
class VirtualKey:
    cdp: CDPSession
    authenticator_id: str

    def credentials(self) -> list[dict[str, object]]:
        found = self.cdp.send("WebAuthn.getCredentials", {"authenticatorId": self.authenticator_id})
        return list(found["credentials"])


def virtual_security_key(context: BrowserContext, page: Page) -> VirtualKey:
    """A USB security key plugged into this page's browser, as Chromium simulates one."""
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": False,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return VirtualKey(cdp, added["authenticatorId"])


def fill_login(page: Page, base: str) -> None:
    page.goto(base + "/staff/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Passphrase").fill(PASSPHRASE)


def test_a_security_key_is_added_used_to_log_in_and_removed(
    desk_admin: Desk, desk: BrowserContext
) -> None:
    base = desk_admin.base
    page = desk.new_page()
    key = virtual_security_key(desk, page)

    fill_login(page, base)
    page.get_by_label("Code from your authenticator app").fill(desk_admin.recovery_codes.pop())
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.locator("#whoami")).to_have_text("admin", timeout=30_000)

    page.get_by_role("link", name="My account").click()
    expect(page.get_by_role("heading", name="My account")).to_be_visible()
    expect(page.get_by_text("You have no security keys yet.")).to_be_visible()
    assert serious_problems(page) == []

    page.get_by_label("A name for this key").fill("YubiKey blauw")
    page.get_by_role("button", name="Add the key").click()
    expect(page.locator("#view [role=status]")).to_have_text(
        "The security key YubiKey blauw is added.", timeout=30_000
    )
    row = page.locator("table.security-keys tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("th")).to_have_text("YubiKey blauw")
    expect(row.locator("td").nth(1)).to_have_text("never")
    assert len(key.credentials()) == 1
    assert serious_problems(page) == []

    # Locked, then back with the passphrase and the key: the code field stays empty.
    page.get_by_role("button", name="Lock").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    fill_login(page, base)
    page.get_by_role("button", name="Use a security key").click()
    expect(page.locator("#whoami")).to_have_text("admin", timeout=30_000)
    expect(page.get_by_role("heading", name="Inbox", exact=True)).to_be_visible()

    page.get_by_role("link", name="My account").click()
    row = page.locator("table.security-keys tbody tr")
    expect(row.locator("td").nth(1)).not_to_have_text("never")
    remove = page.get_by_role("button", name="Remove YubiKey blauw")
    remove.click()
    expect(remove).to_have_text("Really remove YubiKey blauw?")
    remove.click()
    expect(page.locator("#view [role=status]")).to_have_text(
        "The security key YubiKey blauw is removed."
    )
    expect(page.get_by_text("You have no security keys yet.")).to_be_visible()

    # The key is still plugged in and still holds its credential, but it no longer logs in.
    assert len(key.credentials()) == 1
    page.get_by_role("button", name="Lock").click()
    fill_login(page, base)
    page.get_by_role("button", name="Use a security key").click()
    expect(page.locator("#login-status")).to_have_text(LOGIN_FAILED, timeout=90_000)
    expect(page.locator("#console")).to_be_hidden()


def test_the_key_button_needs_username_and_passphrase(
    desk_admin: Desk, desk: BrowserContext
) -> None:
    page = desk.new_page()
    virtual_security_key(desk, page)
    page.goto(desk_admin.base + "/staff/")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.get_by_role("button", name="Use a security key").click()
    assert page.get_by_label("Username").evaluate("input => !input.validity.valid")
    assert not [url for url in requests if "/api/" in url]
