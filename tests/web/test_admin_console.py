"""The console's administration pages in Debian's Chromium: chain partners with their keys, API
tokens and users; the audit log with the server's verification of its chain, before and after
someone edits it in the database; the figures with small counts withheld (R8); and that they are
for administrators only.

The console runs in English here (it follows the browser's language), so these tests do not
depend on the Dutch catalogue.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from sqlalchemy import select, update

from app.audit import service as audit
from app.db import Database
from app.models import AuditEntry
from client import ReporterClient, StaffClient
from client.partner import register_key
from crypto import MIN_PBKDF2_ITERATIONS, generate_private_key, public_key_bytes
from tests.e2e.test_live_server import _bootstrap_admin, now_code
from tests.factories import KeysShown
from tests.web.conftest import SERVER_DATABASES

pytestmark = pytest.mark.browser

PASSPHRASE = "a long passphrase for the administrator of these pages"
ADVISER_PASSPHRASE = "another long passphrase, for an adviser who is not an administrator"
COUNTS = ("cases_received", "cases_with_mailbox", "acknowledged_in_time", "signals_police")
COUNTS += ("signals_care", "signals_municipality")


@dataclass
class Desk:
    base: str
    admin: StaffClient
    recovery_codes: list[str]
    adviser_codes: list[str]


@pytest.fixture(scope="module")
def desk(web_server: str) -> Iterator[Desk]:
    """An administrator with the inbox key, and an adviser (vera) who is not an administrator.

    Browser logins use recovery codes: a TOTP code of one time step is accepted only once.
    """
    database = Database(SERVER_DATABASES[web_server])
    token = _bootstrap_admin(database, SERVER_DATABASES[web_server])
    database.dispose()
    with httpx.Client(base_url=web_server, timeout=30) as http:
        admin = StaffClient(http, iterations=MIN_PBKDF2_ITERATIONS, confirm_key=KeysShown())
        seed = admin.enrol(token, PASSPHRASE)
        codes = admin.confirm_enrolment(token, now_code(seed))
        admin.login("admin", PASSPHRASE, recovery_code=codes.pop())
        admin.create_inbox_key()
        adviser = StaffClient(http, iterations=MIN_PBKDF2_ITERATIONS, confirm_key=KeysShown())
        invitation = admin.invite("vera")
        adviser_seed = adviser.enrol(invitation, ADVISER_PASSPHRASE)
        adviser_codes = adviser.confirm_enrolment(invitation, now_code(adviser_seed))
        yield Desk(web_server, admin, codes, adviser_codes)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    yield context
    context.close()


def log_in(page: Page, base: str, username: str, passphrase: str, code: str) -> None:
    page.goto(base + "/staff/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Passphrase").fill(passphrase)
    page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#whoami")).to_have_text(username, timeout=30_000)


def admin_page(context: BrowserContext, desk: Desk, section: str) -> Page:
    """Logged in as the administrator, on one administration page reached through the menus."""
    page = context.new_page()
    log_in(page, desk.base, "admin", PASSPHRASE, desk.recovery_codes.pop())
    page.locator("#nav-admin").click()
    expect(page.get_by_role("heading", name="Administration", level=1)).to_be_visible()
    page.get_by_role("navigation", name="Administration pages").get_by_role(
        "link", name=section, exact=True
    ).click()
    expect(page.get_by_role("heading", name=section, level=1)).to_be_visible()
    return page


def serious_problems(page: Page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [v["id"] for v in violations if v["impact"] in ("serious", "critical")]


def partner_section(page: Page, partner_id: str) -> Locator:
    return page.locator(f'section[data-partner="{partner_id}"]')


def add_partner(desk: Desk, partner_id: str, name: str) -> None:
    body = {"id": partner_id, "name": name, "kind": "care", "description": "Voor de test."}
    desk.admin.request("POST", "/api/v1/admin/partners", json=body)


def public_partner_ids(base: str) -> set[str]:
    return {p["id"] for p in httpx.get(base + "/api/v1/partners", timeout=30).json()}


def test_an_administrator_adds_edits_and_deactivates_a_partner(
    desk: Desk, context: BrowserContext
) -> None:
    page = admin_page(context, desk, "Chain partners")
    page.get_by_text("Add a partner", exact=True).click()
    page.get_by_label("Id:").fill("opvang-test")
    page.locator("details.add-partner").get_by_label("Name", exact=True).fill("Opvang <b>Test</b>")
    page.locator("#new-partner-kind").select_option("care")
    page.locator("#new-partner-description").fill("Opvang voor de test.")
    page.get_by_role("button", name="Add the partner").click()

    section = partner_section(page, "opvang-test")
    # Shown as text, never parsed as markup.
    expect(section.get_by_role("heading", level=2)).to_have_text("Opvang <b>Test</b>")
    expect(section.locator(".partner-result")).to_contain_text("was added")
    expect(section.locator(".meta")).to_contain_text("Care")
    expect(section.locator(".meta")).to_contain_text("active")
    expect(section.locator(".current-key")).to_have_text(
        "No key yet, so this partner cannot receive signals."
    )
    assert "opvang-test" in public_partner_ids(desk.base)
    assert serious_problems(page) == []

    section.get_by_text("Change name, kind or description").click()
    section.get_by_label("Name", exact=True).fill("Opvang Gooi")
    section.get_by_label("Kind").select_option("municipality")
    section.get_by_role("button", name="Save the changes").click()
    section = partner_section(page, "opvang-test")
    expect(section.get_by_role("heading", level=2)).to_have_text("Opvang Gooi")
    expect(section.locator(".meta")).to_contain_text("Municipality")
    # Only what changed was sent, so the audit entry names just that.
    log = desk.admin.request("GET", "/api/v1/admin/audit", params={"limit": 500}).json()
    updates = [e["detail"] for e in log["entries"] if e["action"] == "partner.update"]
    assert updates == [{"partner": "opvang-test", "fields": ["kind", "name"]}]

    section.get_by_role("button", name="Deactivate").click()
    expect(section).to_have_attribute("data-active", "false")
    expect(section.locator(".partner-result")).to_have_text("Opvang Gooi is now inactive.")
    assert "opvang-test" not in public_partner_ids(desk.base)
    section.get_by_role("button", name="Reactivate").click()
    expect(section).to_have_attribute("data-active", "true")
    assert "opvang-test" in public_partner_ids(desk.base)


def test_a_key_enrolment_code_registers_a_key_whose_fingerprint_is_shown_and_retired(
    desk: Desk, context: BrowserContext
) -> None:
    add_partner(desk, "sleutel-test", "Sleutel Test")
    page = admin_page(context, desk, "Chain partners")
    section = partner_section(page, "sleutel-test")
    section.get_by_role("button", name="Make a key enrolment code").click()
    result = section.locator(".partner-result")
    expect(result).to_contain_text("in person or by phone")
    expect(result).to_be_focused()
    code = section.locator("#enrolment-code-sleutel-test").inner_text().strip()

    with httpx.Client(base_url=desk.base, timeout=30) as http:
        registration = register_key(
            http,
            enrolment_token=code,
            public_key=public_key_bytes(generate_private_key().public_key()),
        )
    page.get_by_role("button", name="Refresh the list").click()
    section = partner_section(page, "sleutel-test")
    # The code was shown once; now the key it brought in is the current one.
    expect(section.locator(".secret")).to_have_count(0)
    expect(section.locator(".current-key")).to_contain_text(registration.fingerprint)
    row = section.locator(f'tr[data-key="{registration.key_id}"]')
    expect(row).to_contain_text("current")
    # The key came with an API token for the partner's own system, listed unused.
    expect(section.locator("tr[data-token]")).to_contain_text("registered with its key")
    assert serious_problems(page) == []

    retire = row.get_by_role("button", name="Retire")
    retire.click()
    expect(retire).to_have_text("Click again to retire this key")
    retire.click()
    section = partner_section(page, "sleutel-test")
    expect(section.locator(f'tr[data-key="{registration.key_id}"]')).to_contain_text("retired on")
    expect(section.locator(".current-key")).to_contain_text("No key yet")


def test_an_api_token_is_shown_once_and_refused_once_revoked(
    desk: Desk, context: BrowserContext
) -> None:
    add_partner(desk, "token-test", "Token Test")
    page = admin_page(context, desk, "Chain partners")
    section = partner_section(page, "token-test")
    section.get_by_text("Make an API token", exact=True).click()
    section.get_by_label("What the token is for").fill("Testsysteem")
    section.get_by_role("button", name="Make the API token").click()
    expect(section.locator(".partner-result")).to_contain_text("shown only now")
    api_token = section.locator("#new-token-token-test").inner_text().strip()
    assert api_token.startswith("vpt_")
    signals = desk.base + "/api/v1/partner/signals"
    bearer = {"Authorization": f"Bearer {api_token}"}
    assert httpx.get(signals, headers=bearer, timeout=30).status_code == 200

    row = section.locator("tr[data-token]", has_text="Testsysteem")
    expect(row).to_have_attribute("data-state", "valid")
    revoke = row.get_by_role("button", name="Revoke")
    revoke.click()
    expect(revoke).to_have_text("Click again to revoke “Testsysteem”")
    assert httpx.get(signals, headers=bearer, timeout=30).status_code == 200  # not yet
    revoke.click()
    section = partner_section(page, "token-test")
    row = section.locator("tr[data-token]", has_text="Testsysteem")
    expect(row).to_have_attribute("data-state", "revoked")
    expect(row).to_contain_text("revoked on")
    expect(section.locator(".partner-result")).to_contain_text("no longer works")
    assert httpx.get(signals, headers=bearer, timeout=30).status_code == 401


def test_a_partner_user_is_invited_with_a_link_shown_once_and_removed(
    desk: Desk, context: BrowserContext
) -> None:
    page = admin_page(context, desk, "Chain partners")
    section = partner_section(page, "belle")
    section.get_by_text("Invite a partner user", exact=True).click()
    section.get_by_label("Username").fill("belle-medewerker")
    section.get_by_role("button", name="Make the invitation").click()
    link = section.locator("#invite-link-belle")
    expect(link).to_contain_text(f"{desk.base}/staff/enrol#")
    expect(section.locator(".partner-result")).to_contain_text("Give belle-medewerker this link")
    row = section.locator('tr[data-user="belle-medewerker"]')
    expect(row).to_contain_text("invited")
    member = next(m for m in desk.admin.members() if m["username"] == "belle-medewerker")
    assert member["partner_id"] == "belle" and not member["is_vp"] and not member["is_admin"]

    remove = row.get_by_role("button", name="Remove")
    remove.click()
    expect(remove).to_have_text("Click again to remove belle-medewerker")
    remove.click()
    expect(
        partner_section(page, "belle").locator('tr[data-user="belle-medewerker"]')
    ).to_contain_text("removed")
    expect(link).to_have_count(0)


def test_the_audit_log_shows_the_newest_actions_a_valid_chain_and_an_anchor(
    desk: Desk, context: BrowserContext
) -> None:
    desk.admin.partner_enrolment("ggd-soa-poli")
    token_id, _secret = desk.admin.create_token("ggd-soa-poli", "voor het auditlog")
    desk.admin.revoke_token("ggd-soa-poli", token_id)
    page = admin_page(context, desk, "Audit log")

    verification = page.locator("#audit-verification")
    expect(verification).to_have_attribute("data-state", "valid")
    expect(verification).to_contain_text("Valid: the chain is intact.")
    anchor = page.locator("#audit-anchor").inner_text().strip()
    assert re.fullmatch(r"[0-9]+:[0-9a-f]{64}", anchor)
    expect(verification).to_contain_text(f"vertrouwenspunt verify-audit --anchor {anchor}")
    seq, entry_hash = anchor.split(":")
    database = Database(SERVER_DATABASES[desk.base])
    try:
        with database.sessionmaker() as session:
            assert (
                audit.anchor_problems(session, seq=int(seq), entry_hash=bytes.fromhex(entry_hash))
                == []
            )
    finally:
        database.dispose()

    rows = page.locator("table.audit tbody tr")
    numbers = [int(n) for n in rows.evaluate_all("rows => rows.map(r => r.dataset.seq)")]
    assert numbers == sorted(numbers, reverse=True) and numbers[0] == int(seq)
    for action in ("partner.key_enrolment", "partner.token_created", "partner.token_revoked"):
        entry = page.locator(f'tr[data-action="{action}"]').first
        expect(entry).to_contain_text("admin")
        expect(entry).to_contain_text("partner: ggd-soa-poli")
    expect(page.locator('tr[data-action="staff.login"]').first).to_be_visible()
    assert serious_problems(page) == []

    with page.expect_download() as event:
        page.get_by_role("button", name="Download the whole log (JSON lines)").click()
    download = event.value
    assert download.suggested_filename == "audit-log.jsonl"
    exported = [json.loads(line) for line in Path(download.path()).read_text().splitlines()]
    assert [e["seq"] for e in exported] == list(range(1, len(exported) + 1))
    assert {"partner.token_created", "partner.token_revoked"} <= {e["action"] for e in exported}
    expect(page.get_by_role("status")).to_contain_text("audit-log.jsonl")


def test_an_entry_edited_in_the_database_shows_the_chain_broken(
    desk: Desk, context: BrowserContext
) -> None:
    desk.admin.partner_enrolment("scharlaken-koord")
    database = Database(SERVER_DATABASES[desk.base])
    try:
        with database.engine.begin() as connection:
            seq = connection.scalar(
                select(AuditEntry.seq)
                .where(AuditEntry.action == "partner.key_enrolment")
                .order_by(AuditEntry.seq.desc())
                .limit(1)
            )
            connection.execute(
                update(AuditEntry).where(AuditEntry.seq == seq).values(action="partner.nothing")
            )
        page = admin_page(context, desk, "Audit log")
        verification = page.locator("#audit-verification")
        expect(verification).to_have_attribute("data-state", "broken")
        expect(verification).to_contain_text(
            "Broken: the audit log was changed outside the service"
        )
        expect(verification.locator(f'li[data-seq="{seq}"]')).to_contain_text(
            f"Entry {seq}: content was changed"
        )
        # No anchor is offered from a log that does not verify.
        expect(page.locator("#audit-anchor")).to_have_count(0)
        assert serious_problems(page) == []

        verification.get_by_role("link", name=f"Show entry {seq}").click()
        expect(page.locator("table.audit tbody tr").first).to_have_attribute("data-seq", str(seq))
        expect(page.locator("table.audit tbody tr").first).to_have_attribute(
            "data-action", "partner.nothing"
        )
        page.locator("#nav-admin").click()
        expect(page.locator("#audit-verification")).to_have_attribute("data-state", "broken")
        assert serious_problems(page) == []
    finally:
        with database.engine.begin() as connection:
            connection.execute(
                update(AuditEntry)
                .where(AuditEntry.action == "partner.nothing")
                .values(action="partner.key_enrolment")
            )
        database.dispose()


def test_figures_are_a_table_and_a_csv_with_no_count_below_k(
    desk: Desk, context: BrowserContext
) -> None:
    with httpx.Client(base_url=desk.base, timeout=30) as http:
        reporter = ReporterClient(http)
        for label in ["threats"] * 5 + ["physical_violence"]:
            sent = reporter.submit({"text": f"Melding voor de cijfers ({uuid.uuid4()})."})
            desk.admin.update_case(sent.report_id, labels=[label])
    k = desk.admin.request("GET", "/api/v1/admin/figures").json()["k"]
    page = admin_page(context, desk, "Figures")

    expect(page.locator("#figures-suppression")).to_contain_text(f"below {k} is shown as <{k}")
    threats = page.locator('table.figures tr[data-category="threats"]')
    expect(threats.locator('[data-figure="cases_received"]')).to_have_text("5")
    expect(threats).to_contain_text("Threats")
    violence = page.locator('table.figures tr[data-category="physical_violence"]')
    expect(violence.locator('[data-figure="cases_received"]')).to_contain_text(f"<{k}")
    # Exactly the server's rows: nothing added up here.
    served = desk.admin.request("GET", "/api/v1/admin/figures").json()["rows"]
    expect(page.locator("table.figures tbody tr")).to_have_count(len(served))
    expect(page.locator("table.figures tfoot")).to_have_count(0)
    assert serious_problems(page) == []

    with page.expect_download() as event:
        page.get_by_role("button", name="Download as CSV").click()
    download = event.value
    assert re.fullmatch(r"figures-[0-9-]+\.csv", download.suggested_filename)
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text())))
    assert {(r["category"], r["cases_received"]) for r in rows} >= {
        ("threats", "5"),
        ("physical_violence", f"<{k}"),
    }
    for row in rows:
        for name in COUNTS:
            value = row[name]
            assert value == f"<{k}" or int(value) == 0 or int(value) >= k, (row, name)


def test_an_adviser_who_is_not_an_administrator_is_refused(
    desk: Desk, context: BrowserContext
) -> None:
    page = context.new_page()
    log_in(page, desk.base, "vera", ADVISER_PASSPHRASE, desk.adviser_codes.pop())
    expect(page.locator("#nav-admin")).to_be_hidden()
    for address in ("#admin", "#admin/partners", "#admin/audit", "#admin/figures"):
        page.evaluate("address => { location.hash = address; }", address)
        expect(page.locator("#view .problems")).to_have_text("You are not allowed to do this.")
        page.evaluate("() => { location.hash = '#team'; }")
        expect(page.get_by_role("heading", name="Team", level=1)).to_be_visible()
