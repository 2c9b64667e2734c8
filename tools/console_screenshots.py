"""Screenshots of the consoles at 1280 px (and the VP console at 360 px) into docs/screenshots/.

    .venv/bin/python tools/console_screenshots.py

Runs the real service on a temporary SQLite file, enrols an administrator, a partner with a key
and a partner user, sends a report with a picture, and drives the VP console (inbox, case,
signal composer with the assistant's flags, signals, team, admin) and the partner console with
Debian's Chromium. Regenerate after changing a console page.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pyotp
from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.db import Database  # noqa: E402
from bench.team import invite_directly  # noqa: E402
from client import ReporterClient, StaffClient  # noqa: E402
from client.partner import register_key  # noqa: E402
from crypto import MIN_PBKDF2_ITERATIONS as PBKDF2_ITERATIONS  # noqa: E402
from crypto import generate_private_key, public_key_bytes  # noqa: E402
from tests.signals.helpers import release_queued  # noqa: E402
from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tools.screenshots import screenshot_service  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
# A throwaway account on a temporary database that the tool deletes afterwards.
PASSPHRASE = "paars olifant fietst traag langs zeven grachten"  # noqa: S105
REPORT = (
    "Een klant belde me steeds op 06-12345678 en stond gisteren om 23:15 voor mijn deur aan "
    "de Kerkstraat 12. Hij zei dat hij me zou vinden als ik naar de politie ging."
)


def shoot(page: Page, name: str, width: int = 1280) -> None:
    page.screenshot(path=str(OUT / f"console-{name}-{width}.png"), full_page=True)
    print(f"  console-{name}-{width}.png")


def signal_period() -> str:
    today = date.today()
    return f"{today.year}-{today.month:02d}"


def log_in(page: Page, url: str, username: str, passphrase: str, code: str) -> None:
    page.goto(url)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtzin").fill(passphrase)
    page.get_by_label("Code uit je authenticator-app").fill(code)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("#whoami")).to_contain_text(username, timeout=30_000)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with screenshot_service() as (server, database_url, http, playwright):
        base = server.base_url
        (token,) = invite_directly(database_url, ["admin"], is_admin=True)
        # The screenshots play every role: the admin "compares" each partner's safety number.
        admin = StaffClient(http, iterations=PBKDF2_ITERATIONS, confirm_key=lambda _key: True)
        seed = admin.enrol(token, PASSPHRASE)
        codes = admin.confirm_enrolment(token, pyotp.TOTP(seed).now())
        admin.login("admin", PASSPHRASE, recovery_code=codes.pop())
        admin.create_inbox_key()
        register_key(
            http,
            enrolment_token=admin.partner_enrolment("belle"),
            public_key=public_key_bytes(generate_private_key().public_key()),
        )
        sent = ReporterClient(http).submit(
            {
                "what": ["threats", "stalking_harassment"],
                "when": "week",
                "where": {"municipality": "hilversum", "place": "home"},
                "text": REPORT,
            },
            consents=["belle"],
        )
        ReporterClient(http).follow_up(sent.receipt or "", {"text": "Hij belde net weer."})
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
        page = context.new_page()
        page.goto(base + "/staff/")
        shoot(page, "login")
        log_in(page, base + "/staff/", "admin", PASSPHRASE, codes.pop())
        page.locator("table.cases tbody tr").first.wait_for()
        shoot(page, "inbox")
        page.goto(f"{base}/staff/#case/{sent.report_id}")
        page.locator(".report-text").wait_for()
        shoot(page, "case")
        page.get_by_role("link", name="Een signaal schrijven").click()
        page.get_by_label("Belle Hulpverlening").check()
        page.get_by_label("Het signaal", exact=True).fill(
            "Een klant belt een sekswerker steeds op 06-12345678 en stond gisteren om 23:15 "
            "voor haar deur. Hij zei dat hij me zou vinden als ik naar de politie ging."
        )
        page.locator("#flags li").first.wait_for()
        page.wait_for_timeout(400)
        shoot(page, "signal-flags")
        page.get_by_label("Het signaal", exact=True).fill(
            "Een klant belt een sekswerker steeds op en wacht haar op bij haar woning. "
            "Hij dreigt haar te vinden als zij aangifte doet."
        )
        expect(page.locator("#flag-status")).to_have_text("Niets meer na te kijken.")
        page.get_by_role("button", name="Signaal op slot zetten en versturen").click()
        # The first signal to a partner key waits until its safety number has been compared.
        check = page.get_by_role("dialog", name="Vergelijk het veiligheidsnummer van de partner")
        check.wait_for()
        shoot(page, "signal-key-check")
        check.get_by_role("button", name="Alle nummers kloppen").click()
        page.locator("article[data-signal]").first.wait_for()
        shoot(page, "signals")
        page.get_by_role("link", name="Team").click()
        page.locator("table.team").wait_for()
        shoot(page, "team")
        for section, ready in (
            ("partners", '[data-partner="belle"]'),
            ("audit", "#view table"),
            ("figures", "#view h1"),
        ):
            page.goto(f"{base}/staff/#admin/{section}")
            page.locator(ready).first.wait_for()
            page.wait_for_timeout(300)
            shoot(page, f"admin-{section}")
        page.goto(f"{base}/staff/#account")
        page.locator("#view h1").wait_for()
        shoot(page, "account")

        # The partner console: Belle's user makes the organisation's key, then reads a signal.
        partner_token = admin.invite_partner_user("belle", "belle-desk")
        partner = StaffClient(http, iterations=PBKDF2_ITERATIONS)
        partner_seed = partner.enrol(partner_token, PASSPHRASE)
        partner_codes = partner.confirm_enrolment(partner_token, pyotp.TOTP(partner_seed).now())
        desk = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
        belle = desk.new_page()
        belle.goto(base + "/partner/")
        log_in(belle, base + "/partner/", "belle-desk", PASSPHRASE, partner_codes.pop())
        shoot(belle, "partner-key")
        belle.get_by_label("Registratiecode voor de sleutel, van de beheerder").fill(
            admin.partner_enrolment("belle")
        )
        belle.get_by_label("Wachtzin voor het sleutelbestand", exact=True).fill(PASSPHRASE)
        belle.get_by_label("Wachtzin voor het sleutelbestand nog een keer").fill(PASSPHRASE)
        belle.get_by_role("button", name="De sleutel maken en registreren").click()
        belle.locator("#save-warning").wait_for(timeout=60_000)
        shoot(belle, "partner-key-made")
        admin.send_signal(
            sent.report_id,
            {"text": "Een klant bedreigt sekswerkers in Hilversum.", "area": "Hilversum"},
            partners=["belle"],
            category="threats",
            urgency="urgent",
            period=signal_period(),
        )
        # Both signals go out with the release at the next fixed time of day (R5); run it now.
        queue = Database(database_url)
        release_queued(queue)
        queue.dispose()
        belle.get_by_role("link", name="Signalen", exact=True).click()
        # The one sealed to the key just made (urgent); the earlier one went to the old key.
        urgent = belle.locator("tr[data-signal]", has_text="Dringend")
        urgent.wait_for()
        shoot(belle, "partner-signals")
        urgent.get_by_role("link").click()
        belle.locator("#signal-text").wait_for()
        shoot(belle, "partner-signal")
        narrow = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL")
        small = narrow.new_page()
        small.goto(base + "/staff/")
        shoot(small, "login", 360)
        enrol_page = narrow.new_page()
        enrol_page.goto(base + "/staff/enrol#not-a-real-token")
        shoot(enrol_page, "enrol", 360)
        browser.close()


if __name__ == "__main__":
    main()
