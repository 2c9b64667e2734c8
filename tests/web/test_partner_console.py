"""The partner console in Debian's Chromium: key files, signals, acknowledgement and feedback.

A partner's user logs in like an adviser, but reads signals with the organisation's key file,
opened in the browser: the server holds the public key only. The advisers are played by the Python
client, so each test shows the browser and the command line reading each other's bytes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from app.consoles.rendering import CONSOLE_CSP
from app.db import Database
from client import ReporterClient, StaffClient, keyfile
from client.partner import PartnerClient, register_key
from crypto import MIN_PBKDF2_ITERATIONS, key_id
from tests.e2e.test_live_server import _bootstrap_admin, enrol_and_login, now_code
from tests.signals.helpers import release_queued
from tests.web.conftest import SERVER_DATABASES
from tests.web.test_staff_console import Adviser, enrol_in_browser, serious_problems

pytestmark = pytest.mark.browser

KEY_PASSPHRASE = "blauwe reiger wacht geduldig bij de oude sluis"
CLI_PASSPHRASE = "a partner passphrase typed on the command line"


@pytest.fixture
def desk(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True
    )
    yield context
    context.close()


@pytest.fixture(scope="module")
def http(web_server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=web_server, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def team(web_server: str, http: httpx.Client) -> StaffClient:
    """The advisers' administrator, in Python, with the team's inbox key made."""
    database = Database(SERVER_DATABASES[web_server])
    token = _bootstrap_admin(database, SERVER_DATABASES[web_server])
    database.dispose()
    admin, _ = enrol_and_login(http, token, "admin")
    admin.create_inbox_key()
    return admin


@pytest.fixture(scope="module")
def belle_user(browser: Browser, web_server: str, team: StaffClient) -> Adviser:
    """A user of Belle, invited by the admin and enrolled in the browser like any adviser."""
    token = team.invite_partner_user("belle", "belle-desk")
    context = browser.new_context(locale="nl-NL")
    try:
        return enrol_in_browser(context.new_page(), web_server, token, "belle-desk")
    finally:
        context.close()


def partner_log_in(page: Page, base: str, user: Adviser, code: str) -> None:
    page.goto(f"{base}/partner/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtzin", exact=True).fill(user.passphrase)
    page.get_by_label("Code uit je authenticator-app").fill(code)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("#whoami")).to_contain_text(user.username, timeout=30_000)
    expect(page.locator("#whoami")).to_contain_text("Belle Hulpverlening")


def signal_to_belle(
    http: httpx.Client, team: StaffClient, text: str, **extra: str
) -> tuple[uuid.UUID, uuid.UUID]:
    """A report that allows Belle, and the adviser's signal: (signal id, Belle's delivery id)."""
    sent = ReporterClient(http).submit(
        {"what": ["threats"], "text": "Een klant bedreigde me."}, consents=["belle"]
    )
    made = team.send_signal(
        sent.report_id,
        {"text": text, **extra},
        partners=["belle"],
        category="threats",
        urgency="urgent",
        period="2026-W47",
    )
    [delivery] = made["deliveries"]
    # The release at the next fixed time (R5), run here rather than waited for.
    database = Database(SERVER_DATABASES[str(http.base_url).rstrip("/")])
    try:
        assert release_queued(database).released == 1
    finally:
        database.dispose()
    return uuid.UUID(made["id"]), uuid.UUID(delivery["id"])


def open_key_file(page: Page, path: Path, passphrase: str) -> None:
    page.get_by_label("Sleutelbestand", exact=True).set_input_files(path)
    page.get_by_label("Wachtzin van het sleutelbestand").fill(passphrase)
    page.get_by_role("button", name="Het sleutelbestand openen").click()


def test_a_key_made_in_the_browser_reads_acknowledges_and_answers_a_signal(
    web_server: str,
    http: httpx.Client,
    team: StaffClient,
    belle_user: Adviser,
    desk: BrowserContext,
    tmp_path: Path,
) -> None:
    base = web_server
    page = desk.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    # Chromium reports a CSP violation on the console; an uncaught error is a page error.
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    assert desk.request.get(f"{base}/partner/").headers["content-security-policy"] == CONSOLE_CSP

    # Logging in at the advisers' console sends a partner's user to the partner console.
    page.goto(f"{base}/staff/")
    page.get_by_label("Gebruikersnaam").fill(belle_user.username)
    page.get_by_label("Wachtzin").fill(belle_user.passphrase)
    page.get_by_label("Code uit je authenticator-app").fill(now_code(belle_user.seed, 1))
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(f"{base}/partner/", timeout=30_000)
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    assert serious_problems(page) == []

    partner_log_in(page, base, belle_user, belle_user.recovery_codes.pop())
    expect(page.get_by_role("heading", name="De sleutel van je organisatie")).to_be_visible()
    assert serious_problems(page) == []

    # A new key, made here with the administrator's one-time code; a weak passphrase is refused.
    page.get_by_label("Koppelcode van de beheerder").fill(team.partner_enrolment("belle"))
    page.get_by_label("Wachtzin voor het sleutelbestand", exact=True).fill("belle2026")
    page.get_by_label("Wachtzin voor het sleutelbestand nog een keer").fill("belle2026")
    page.get_by_role("button", name="De sleutel maken en registreren").click()
    expect(page.get_by_role("alert")).to_contain_text("te kort. Gebruik minstens 12 tekens")
    page.get_by_label("Wachtzin voor het sleutelbestand", exact=True).fill(KEY_PASSPHRASE)
    expect(page.locator("#new-strength-text")).to_have_text("Sterk genoeg.")
    page.get_by_label("Wachtzin voor het sleutelbestand nog een keer").fill(KEY_PASSPHRASE)
    page.get_by_role("button", name="De sleutel maken en registreren").click()
    expect(page.locator("#save-warning")).to_contain_text(
        "kan geen enkel signaal voor deze sleutel ooit nog worden geopend", timeout=60_000
    )
    expect(page.locator("#save-warning")).to_contain_text("kan het niet herstellen")
    browser_key_id = page.locator("#new-key-id").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Het sleutelbestand opslaan", exact=True).click()
    download = download_info.value
    assert download.suggested_filename == f"vertrouwenspunt-partner-key-{browser_key_id[:8]}.json"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert serious_problems(page) == []

    # The administrator sees the key the browser made, with the fingerprint it showed.
    partners = team.request("GET", "/api/v1/admin/partners").json()
    [belle] = [p for p in partners if p["id"] == "belle"]
    current = next(k for k in belle["keys"] if k["current"])
    assert current["key_id"] == browser_key_id
    assert page.locator("#new-fingerprint").inner_text() == current["fingerprint"]

    text = "Een klant bedreigt sekswerkers in de regio; hij rijdt een grijze bus."
    # As the VP console writes it: the period sealed into the content too.
    signal_id, delivery_id = signal_to_belle(
        http, team, text, area="Gooi en Vechtstreek", period="2026-W47"
    )

    page.get_by_role("link", name="Signalen", exact=True).click()
    row = page.locator(f'tr[data-signal="{delivery_id}"]')
    for shown in ("Bedreiging", "Dringend", "2026-W47", "Nieuw"):
        expect(row).to_contain_text(shown)
    assert serious_problems(page) == []

    row.get_by_role("link").click()
    expect(page.locator("#signal-text")).to_have_text(text)
    expect(page.locator(".report")).to_contain_text("Gooi en Vechtstreek")
    # The week is shown once, not again among the sealed fields.
    assert page.locator(".report").inner_text().count("2026-W47") == 1
    expect(page.locator("#signal-key")).to_contain_text(browser_key_id)
    assert serious_problems(page) == []

    page.get_by_role("button", name="Ontvangst bevestigen").click()
    expect(page.get_by_role("status")).to_have_text("Ontvangst bevestigd.")
    expect(page.locator("#signal-status")).to_have_text("Ontvangst bevestigd")
    assert "beslissen wat ze de melder vragen" in page.locator("#feedback-hint").inner_text()
    question = "Bekend bij ons. Wil ze met ons praten over een veilige werkplek?"
    page.get_by_label("Terugkoppeling of een vraag sturen aan de vertrouwenspersonen").fill(
        question
    )
    page.get_by_role("button", name="Versturen naar de vertrouwenspersonen").click()
    expect(page.get_by_role("status")).to_have_text(
        "Je bericht is verstuurd naar de vertrouwenspersonen."
    )
    assert serious_problems(page) == []

    # The advisers read the feedback, sealed in the browser to their inbox key.
    assert team.signal_feedback(signal_id) == [
        {"partner_id": "belle", "content": {"text": question}}
    ]
    [sent] = [s for s in team.signals() if s["id"] == str(signal_id)]
    assert sent["deliveries"][0]["status"] == "acknowledged"
    page.get_by_role("link", name="Terug naar de signalen").click()
    expect(row).to_contain_text("Ontvangst bevestigd")

    # The file the browser made is the command line's format: it opens there, and reads the signal.
    private = keyfile.unlock(saved, KEY_PASSPHRASE)
    assert key_id(private.public_key()) == browser_key_id == keyfile.describe(saved).key_id
    _token_id, api_token = team.create_token("belle", "test of the browser's key file")
    on_the_command_line = PartnerClient(http, api_token=api_token, keys=[private])
    assert on_the_command_line.read_signal(delivery_id).content["text"] == text

    # Nothing but the service itself was asked for, and nothing is kept in the browser.
    assert errors == []
    assert requests
    assert [u for u in requests if not u.startswith((base, f"blob:{base}"))] == []
    kept = page.evaluate(
        "({local: localStorage.length, session: sessionStorage.length, cookie: document.cookie})"
    )
    assert kept == {"local": 0, "session": 0, "cookie": ""}  # the session cookie is HttpOnly


def test_key_files_made_with_the_command_line_open_in_the_console(
    web_server: str,
    http: httpx.Client,
    team: StaffClient,
    belle_user: Adviser,
    desk: BrowserContext,
    tmp_path: Path,
) -> None:
    base = web_server
    # An old key and its signal, then a new key (a rotation) and a signal sealed to it.
    old = keyfile.create(tmp_path / "partner-key-2025.json", CLI_PASSPHRASE)
    register_key(http, enrolment_token=team.partner_enrolment("belle"), public_key=old.public_key)
    _, old_delivery = signal_to_belle(http, team, "Een signaal voor de oude sleutel.")
    new = keyfile.create(tmp_path / "partner-key.json", CLI_PASSPHRASE)
    register_key(http, enrolment_token=team.partner_enrolment("belle"), public_key=new.public_key)
    _, new_delivery = signal_to_belle(http, team, "Een signaal voor de nieuwe sleutel.")

    page = desk.new_page()
    partner_log_in(page, base, belle_user, belle_user.recovery_codes.pop())
    open_key_file(page, new.path, "not the passphrase of this file")
    expect(page.get_by_role("alert")).to_have_text(
        "Met deze wachtzin gaat dit sleutelbestand niet open."
    )
    open_key_file(page, new.path, CLI_PASSPHRASE)
    expect(page.get_by_role("status")).to_have_text(
        f"Sleutel {new.key_id} is geopend.", timeout=30_000
    )
    expect(page.locator(f'tr[data-key="{new.key_id}"]')).to_contain_text("partner-key.json")
    assert serious_problems(page) == []

    page.get_by_role("link", name="Naar de signalen").click()
    page.locator(f'tr[data-signal="{new_delivery}"]').get_by_role("link").click()
    expect(page.locator("#signal-text")).to_have_text("Een signaal voor de nieuwe sleutel.")
    expect(page.locator("#signal-key")).to_contain_text(new.key_id)

    # A signal sealed to a key whose file is not open says so, and names the key.
    page.get_by_role("link", name="Terug naar de signalen").click()
    page.locator(f'tr[data-signal="{old_delivery}"]').get_by_role("link").click()
    expect(page.locator("#signal-locked")).to_contain_text(f"sleutel {old.key_id}")
    expect(page.locator("#signal-locked")).to_contain_text("in deze browser niet geopend")
    expect(page.locator("#signal-text")).to_have_count(0)
    # Receipt means the organisation could read it, so it is not offered for a locked signal.
    expect(page.get_by_role("button", name="Ontvangst bevestigen")).to_have_count(0)
    assert serious_problems(page) == []

    # Several files may be open at once: the old one opens the old signal.
    page.get_by_role("link", name="Sleutelbestanden").click()
    open_key_file(page, old.path, CLI_PASSPHRASE)
    expect(page.get_by_role("status")).to_have_text(
        f"Sleutel {old.key_id} is geopend.", timeout=30_000
    )
    expect(page.locator("tr[data-key]")).to_have_count(2)
    page.get_by_role("link", name="Signalen", exact=True).click()
    page.locator(f'tr[data-signal="{old_delivery}"]').get_by_role("link").click()
    expect(page.locator("#signal-text")).to_have_text("Een signaal voor de oude sleutel.")


def test_the_partner_console_locks_itself_and_forgets_the_key_files(
    web_server: str, belle_user: Adviser, desk: BrowserContext, tmp_path: Path
) -> None:
    base = web_server
    made = keyfile.create(
        tmp_path / "partner-key.json", CLI_PASSPHRASE, iterations=MIN_PBKDF2_ITERATIONS
    )
    page = desk.new_page()
    page.clock.install()
    partner_log_in(page, base, belle_user, belle_user.recovery_codes.pop())
    open_key_file(page, made.path, CLI_PASSPHRASE)
    expect(page.locator(f'tr[data-key="{made.key_id}"]')).to_be_visible(timeout=30_000)

    page.clock.run_for("10:30")  # VP_SESSIONS__CONSOLE_LOCK_MINUTES is 10 by default

    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    expect(page.locator("#login-status")).to_contain_text("vergrendeld")
    assert page.locator("#view").inner_text() == ""
    # Locking logged out on the server too: the session cookie opens nothing any more.
    assert desk.request.get(f"{base}/api/v1/partner/signals").status == 401

    # Logged in again, no key is open: the files were forgotten with the lock.
    partner_log_in(page, base, belle_user, belle_user.recovery_codes.pop())
    expect(page.get_by_role("heading", name="De sleutel van je organisatie")).to_be_visible()
    expect(page.locator("tr[data-key]")).to_have_count(0)


def test_key_ids_and_the_files_that_do_not_open(module_page: Page) -> None:
    """partner-keys.js on its own: crypto.md's known answers, and each refusal by its name."""
    result = module_page.evaluate(
        """async () => {
          const keys = await import("/static/js/console/partner-keys.js");
          const { fromHex } = await import("/static/js/crypto/bytes.js");
          const known = fromHex("b1f1b840de7a3241b02748cf9b05b74dc8c5e8451298738817bd76aa8ebe8c2b");
          const words = "correct horse battery staple";
          const made = await keys.createKeyFile(words);
          const other = await keys.createKeyFile(words);
          const swapped = { public_key: other.document.public_key, key_id: other.document.key_id };
          const shortSalt = { ...made.document.kdf, salt: "00ff" };
          const weak = { ...made.document.kdf, iterations: 1000 };
          const outcome = async (file, passphrase) => {
            try {
              const opened = await keys.openKeyFile(file, passphrase);
              return opened.keyId === file.key_id ? "opened" : "another key";
            } catch (error) {
              return error.name;
            }
          };
          return {
            keyId: await keys.keyId(known),
            fingerprint: await keys.fingerprint(known),
            right: await outcome(made.document, words),
            wrong: await outcome(made.document, "not these words"),
            anotherPublicKey: await outcome({ ...made.document, ...swapped }, words),
            anotherKeyId: await outcome({ ...made.document, key_id: other.document.key_id }, words),
            shortSalt: await outcome({ ...made.document, kdf: shortSalt }, words),
            weak: await outcome({ ...made.document, kdf: weak }, words),
            weakMade: await keys.createKeyFile(words, 599999).then(() => "made", (e) => e.name),
            notAFile: await outcome({ format: "vertrouwenspunt-staff-key/v1" }, words),
          };
        }"""
    )

    assert result == {
        "keyId": "3acf95f0b5951694ad80ecf7071a1c11",
        "fingerprint": "0152 0B9F D72D C69A 66A8 124B B912 6599 "
        "CA40 C3E6 5DA8 19BB D1C6 165A EBBC BD6F",
        "right": "opened",
        "wrong": "WrongPassphrase",
        "anotherPublicKey": "NotAKeyFile",
        "anotherKeyId": "NotAKeyFile",
        "shortSalt": "NotAKeyFile",
        # Below the published minimum: refused before deriving (T3), whoever made the file.
        "weak": "WeakKdfParameters",
        "weakMade": "WeakKdfParameters",
        "notAFile": "NotAKeyFile",
    }
