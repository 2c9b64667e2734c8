"""The audit log in Debian's Chromium: an adviser's console opens each entry's sealed case
reference in the browser and finds one case's history; an administrator who is no adviser sees
only that the subject of a case entry is sealed (R5).

The console runs in English here (it follows the browser's language).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from app.db import Database
from client import ReporterClient, StaffClient, kdf
from crypto import MIN_PBKDF2_ITERATIONS
from tests.conftest import TEST_PBKDF2_ITERATIONS
from tests.e2e.test_live_server import _bootstrap_admin, now_code
from tests.factories import KeysShown
from tests.web.conftest import SERVER_DATABASES
from tests.web.test_admin_console import log_in, serious_problems

pytestmark = pytest.mark.browser

PASSPHRASE = "a long passphrase for the administrator who is also an adviser"
ADA_PASSPHRASE = "a long passphrase for an administrator who holds no inbox key"


@dataclass
class Log:
    base: str
    admin_codes: list[str]
    ada_codes: list[str]
    labelled: uuid.UUID
    other: uuid.UUID


@pytest.fixture(scope="module")
def log(web_server: str) -> Iterator[Log]:
    """Two cases an adviser worked on; one labelled. Ada administers but is no adviser."""
    database = Database(SERVER_DATABASES[web_server])
    token = _bootstrap_admin(database, SERVER_DATABASES[web_server])
    database.dispose()
    # Module-scoped, so tests/fixtures.py's cheap_client_kdf has not run yet: the same lowering,
    # for this process's Python clients only (the browser keeps the full floor).
    with (
        pytest.MonkeyPatch.context() as patch,
        httpx.Client(base_url=web_server, timeout=30) as http,
    ):
        patch.setattr(kdf, "MIN_ITERATIONS", TEST_PBKDF2_ITERATIONS)
        admin = StaffClient(http, iterations=MIN_PBKDF2_ITERATIONS, confirm_key=KeysShown())
        seed = admin.enrol(token, PASSPHRASE)
        codes = admin.confirm_enrolment(token, now_code(seed))
        admin.login("admin", PASSPHRASE, recovery_code=codes.pop())
        admin.create_inbox_key()
        reporter = ReporterClient(http)
        labelled = reporter.submit({"text": "Een klant bedreigde me."}).report_id
        other = reporter.submit({"text": "Iets anders."}).report_id
        admin.read_case(labelled)
        admin.update_case(labelled, labels=["threats"])
        admin.read_case(other)
        ada = StaffClient(http, iterations=MIN_PBKDF2_ITERATIONS, confirm_key=KeysShown())
        invitation = admin.invite("ada", is_admin=True, is_vp=False)
        ada_seed = ada.enrol(invitation, ADA_PASSPHRASE)
        ada_codes = ada.confirm_enrolment(invitation, now_code(ada_seed))
        yield Log(web_server, codes, ada_codes, labelled, other)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    yield context
    context.close()


def audit_page(
    context: BrowserContext, base: str, username: str, passphrase: str, code: str
) -> Page:
    page = context.new_page()
    log_in(page, base, username, passphrase, code)
    page.locator("#nav-admin").click()
    page.get_by_role("navigation", name="Administration pages").get_by_role(
        "link", name="Audit log", exact=True
    ).click()
    expect(page.get_by_role("heading", name="Audit log", level=1)).to_be_visible()
    expect(page.locator("#audit-verification")).to_have_attribute("data-state", "valid")
    return page


def test_the_advisers_console_opens_case_references_and_shows_one_cases_history(
    log: Log, context: BrowserContext
) -> None:
    page = audit_page(context, log.base, "admin", PASSPHRASE, log.admin_codes.pop())

    update = page.locator('tr[data-action="case.update"]').first
    expect(update.locator(f'[data-case="{log.labelled}"]')).to_have_text(
        f"case {str(log.labelled)[:8]}"
    )
    expect(update).to_contain_text("labels: threats")
    reads = page.locator('tr[data-action="case.read"] [data-case]')
    expect(reads).to_have_count(2)
    assert {reads.nth(i).get_attribute("data-case") for i in range(2)} == {
        str(log.labelled),
        str(log.other),
    }
    expect(page.locator("[data-sealed]")).to_have_count(0)
    assert serious_problems(page) == []

    update.get_by_role("link", name="history of this case").click()
    expect(
        page.get_by_role("heading", name=f"History of case {str(log.labelled)[:8]}", level=1)
    ).to_be_visible()
    rows = page.locator("table.audit tbody tr")
    expect(rows).to_have_count(2)
    assert rows.evaluate_all("rows => rows.map(r => r.dataset.action)") == [
        "case.update",
        "case.read",
    ]
    expect(page.locator(f'table.audit [data-case="{log.other}"]')).to_have_count(0)
    assert serious_problems(page) == []


def test_an_administrator_who_is_no_adviser_sees_only_that_the_case_is_sealed(
    log: Log, context: BrowserContext
) -> None:
    page = audit_page(context, log.base, "ada", ADA_PASSPHRASE, log.ada_codes.pop())

    update = page.locator('tr[data-action="case.update"]').first
    expect(update).to_contain_text("admin")
    expect(update.locator("[data-sealed]")).to_have_text("case (sealed: only advisers can open it)")
    expect(update).not_to_contain_text("threats")
    expect(page.locator('tr[data-action="case.read"] [data-sealed]')).to_have_count(2)
    expect(page.locator("[data-case]")).to_have_count(0)
    for case_id in (log.labelled, log.other):
        expect(page.locator("table.audit")).not_to_contain_text(str(case_id)[:8])
    assert serious_problems(page) == []
