"""Screenshots of every reporter page at 360 and 1280 px into docs/screenshots/.

    .venv/bin/python tools/screenshots.py

Runs the real service on a temporary SQLite file (and Redis db 11, as the bench does), enrols an
adviser, sends a report with Debian's Chromium and has the adviser answer it, so that the receipt
and mailbox pages show what a reporter would see. Regenerate after changing a page.
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pyotp
from playwright.sync_api import Page, Playwright, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import stores  # noqa: E402
from bench.server import PBKDF2_ITERATIONS, RunningServer, running_server  # noqa: E402
from bench.team import enrol, invite_directly  # noqa: E402
from client import kdf  # noqa: E402
from client.partner import register_key  # noqa: E402
from crypto import generate_private_key, public_key_bytes  # noqa: E402
from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
WIDTHS = (360, 1280)


def adviser(base: str, database_url: str, http: httpx.Client):  # type: ignore[no-untyped-def]
    # The adviser only answers from Python here; like the bench, this process accepts the bench
    # server's cheaper key derivation (client.kdf's floor, lowered in this process only).
    kdf.MIN_ITERATIONS = PBKDF2_ITERATIONS
    (token,) = invite_directly(database_url, ["admin"], is_admin=True)
    admin, account = enrol(http, token, "admin")
    admin.login(
        "admin", account.passphrase, totp_code=pyotp.TOTP(account.seed).at(time.time() + 30)
    )
    admin.create_inbox_key()
    # Two partners have registered a key, so the consent step shows both kinds: ones a signal can
    # reach and ones "not connected yet". The private halves are not needed for pictures.
    for partner in ("belle", "ggd-soa-poli"):
        register_key(
            http,
            enrolment_token=admin.partner_enrolment(partner),
            public_key=public_key_bytes(generate_private_key().public_key()),
        )
    return admin


def _picture() -> bytes:
    """A plain screenshot-sized PNG for the attachments step."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (720, 1280), (230, 236, 245)).save(out, "PNG")
    return out.getvalue()


@contextmanager
def screenshot_service() -> Iterator[tuple[RunningServer, str, httpx.Client, Playwright]]:
    """The real service on a fresh SQLite file (light proof of work), a client and Playwright."""
    with tempfile.TemporaryDirectory(prefix="vp-shots-") as directory:
        database_url = stores.fresh_sqlite(Path(directory))
        with (
            running_server(
                database_url=database_url,
                redis_url=stores.REDIS_URL,
                log_path=Path(directory) / "server.log",
                extra_env={"VP_PROOF_OF_WORK__DIFFICULTY": "12"},
            ) as server,
            httpx.Client(base_url=server.base_url, timeout=60) as http,
            sync_playwright() as playwright,
        ):
            yield server, database_url, http, playwright
    stores.flush_redis()


def shoot(page: Page, name: str, width: int) -> None:
    page.screenshot(path=str(OUT / f"{name}-{width}.png"), full_page=True)
    print(f"  {name}-{width}.png")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with screenshot_service() as (server, database_url, http, playwright):
        admin = adviser(server.base_url, database_url, http)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 800})
            base = server.base_url
            for name, path in (
                ("start", "/nl/"),
                ("danger", "/nl/danger"),
                ("report-first-question", "/nl/report"),
                ("report-about-someone-else", "/nl/report?about=other"),
                ("mailbox", "/nl/mailbox"),
                ("start-english", "/en/"),
                ("start-thai", "/th/"),
                ("report-ukrainian", "/uk/report"),
                ("danger-romanian", "/ro/danger"),
            ):
                page.goto(base + path)
                shoot(page, name, width)
            known = {c["id"] for c in admin.list_cases()["items"]}
            page.goto(base + "/nl/report")
            page.get_by_role("button", name="Volgende").click()
            shoot(page, "report-what-happened", width)
            page.get_by_label("Bedreiging").check()
            for _ in range(3):  # when and where, the other person
                page.get_by_role("button", name="Volgende").click()
            page.get_by_label("Vertel het in je eigen woorden").fill(
                "Een klant bleef me bellen en stond gisteren voor mijn deur."
            )
            page.get_by_role("button", name="Volgende").click()
            page.get_by_label("Foto's, screenshots of documenten").set_input_files(
                {"name": "chat.png", "mimeType": "image/png", "buffer": _picture()}
            )
            page.locator("#attachment-list li button").wait_for()
            shoot(page, "report-attachments", width)
            page.get_by_role("button", name="Volgende").click()
            page.get_by_label("Belle Hulpverlening").check()
            shoot(page, "report-consent", width)
            page.get_by_role("button", name="Volgende").click()
            page.get_by_role("button", name="Melding versturen").click()
            receipt = page.locator("#main .receipt").inner_text(timeout=120_000)
            shoot(page, "received", width)
            page.get_by_label("Typ de laatste 5 cijfers", exact=False).fill(receipt.split()[-1])
            page.get_by_role("button", name="Klaar, ik heb hem opgeschreven").click()
            page.locator(".after-receipt").wait_for()
            shoot(page, "received-confirmed", width)
            [newest] = [c["id"] for c in admin.list_cases()["items"] if c["id"] not in known]
            admin.reply(newest, {"text": "Dank je voor je melding. Ben je nu veilig?"})
            page.goto(base + "/nl/mailbox")
            page.get_by_label("Je code").fill(receipt)
            page.get_by_role("button", name="Openen").click()
            page.locator(".thread .entry").first.wait_for()
            shoot(page, "mailbox-thread", width)
            page.close()
        no_js = browser.new_context(
            java_script_enabled=False, viewport={"width": 360, "height": 800}
        )
        page = no_js.new_page()
        page.goto(server.base_url + "/nl/report")
        shoot(page, "report-without-javascript", 360)
        browser.close()


if __name__ == "__main__":
    main()
