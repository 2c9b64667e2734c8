"""The console shows a report's pictures only as JPEG or PNG, whatever type the report names.

The type inside a decrypted report is whatever its sender wrote. A blob made with that type
(image/svg+xml, text/html) belongs to the console's origin, where the keys are, if it is ever
opened as a page; so only the two picture formats are made into blobs, and only when the bytes
start as that format does.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator

import httpx
import pytest
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, expect

from app.db import Database
from client import ReporterClient
from tests.e2e.test_live_server import _bootstrap_admin
from tests.web.conftest import SERVER_DATABASES
from tests.web.test_staff_console import Adviser, enrol_in_browser, log_in, ready_inbox

pytestmark = pytest.mark.browser

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>document.title='owned'</script></svg>"
)
HTML = b"<!doctype html><script>document.title='owned'</script>"


@pytest.fixture(scope="module")
def adviser(browser: Browser, web_server: str) -> Adviser:
    """This module's server's first administrator, enrolled in the browser."""
    database = Database(SERVER_DATABASES[web_server])
    token = _bootstrap_admin(database, SERVER_DATABASES[web_server])
    database.dispose()
    context = browser.new_context(locale="nl-NL")
    try:
        return enrol_in_browser(context.new_page(), web_server, token, "admin")
    finally:
        context.close()


@pytest.fixture
def desk(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    yield context
    context.close()


def real_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_only_jpeg_and_png_bytes_become_blobs(module_page: Page) -> None:
    cases = module_page.evaluate(
        """async ([png, jpeg, svg]) => {
          const { pictureBlob } = await import("/static/js/console/views/case.js");
          const bytes = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
          const kind = (type, data) => pictureBlob(type, bytes(data))?.type ?? null;
          return {
            png: kind("image/png", png),
            jpeg: kind("image/jpeg", jpeg),
            svg_named_svg: kind("image/svg+xml", svg),
            svg_named_png: kind("image/png", svg),
            png_named_svg: kind("image/svg+xml", png),
            png_named_html: kind("text/html", png),
            png_named_jpeg: kind("image/jpeg", png),
            empty_png: kind("image/png", ""),
            type_not_a_string: pictureBlob(["image/png"], bytes(png))?.type ?? null,
          };
        }""",
        [b64(real_png()), b64(b"\xff\xd8\xff\xe0" + b"\0" * 16), b64(SVG)],
    )

    assert cases == {
        "png": "image/png",
        "jpeg": "image/jpeg",
        "svg_named_svg": None,
        "svg_named_png": None,
        "png_named_svg": None,
        "png_named_html": None,
        "png_named_jpeg": None,
        "empty_png": None,
        "type_not_a_string": None,
    }


def test_a_report_naming_svg_or_html_is_not_shown_as_such(
    web_server: str, adviser: Adviser, desk: BrowserContext
) -> None:
    page = desk.new_page()
    # Every blob the console makes, by type.
    page.add_init_script(
        """
        window.blobTypes = [];
        const make = URL.createObjectURL;
        URL.createObjectURL = (blob) => { window.blobTypes.push(blob.type); return make(blob); };
        """
    )
    log_in(page, web_server, adviser)
    ready_inbox(page)
    with httpx.Client(base_url=web_server, timeout=30) as http:
        ReporterClient(http).submit(
            {
                "text": "Zie de bijlagen.",
                "attachments": [
                    {"type": "image/svg+xml", "data": b64(SVG)},
                    {"type": "text/html", "data": b64(HTML)},
                    {"type": "image/png", "data": b64(SVG)},  # a PNG in name only
                    {"type": "image/png", "data": b64(real_png())},
                ],
            }
        )
    # A reload drops the keys, so the console asks to log in again (the TOTP step is used up).
    page.reload()
    log_in(page, web_server, adviser, code=adviser.recovery_codes.pop())
    page.locator("table.cases tbody tr").filter(has_text="Nieuw").first.get_by_role("link").click()
    expect(page.locator(".report-text")).to_have_text("Zie de bijlagen.")

    for number in (1, 2, 3, 4):
        page.get_by_role("button", name=f"Plaatje {number} tonen").click()

    slots = page.locator(".picture")
    for index in (0, 1, 2):
        expect(slots.nth(index)).to_have_text(
            f"Plaatje {index + 1} kan niet getoond worden: alleen JPEG- en PNG-plaatjes worden "
            "hier geopend."
        )
        assert slots.nth(index).locator("img").count() == 0
    shown = slots.nth(3).locator("img")
    expect(shown).to_be_visible()
    assert shown.evaluate("img => img.naturalWidth") == 32
    assert page.evaluate("window.blobTypes") == ["image/png"]
    assert page.title() != "owned"
