"""The console shells as the server sends them: strict, uncached, and safe without their scripts.

If the scripts fail to load, a login form with named fields would be submitted by the browser
itself, putting the passphrase in the address bar and the server's logs. So the forms stay hidden
until a script shows them, and no input carries a name a native submission would send.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, expect

from app.consoles.rendering import CONSOLE_CSP

SHELLS = ("/staff/", "/staff/enrol", "/partner/")


@pytest.mark.parametrize("path", SHELLS)
def test_a_console_shell_is_strict_uncached_and_names_no_field(
    client: TestClient, path: str
) -> None:
    page = client.get(path)

    assert page.status_code == 200
    assert page.headers["content-security-policy"] == CONSOLE_CSP
    assert page.headers["cache-control"] == "no-store"
    assert "set-cookie" not in page.headers
    assert re.findall(r"<input[^>]*\bname=", page.text) == []
    assert re.search(r'<form id="[^"]+"[^>]*\bhidden\b', page.text) or re.search(
        r'<main id="login-view"[^>]*\bhidden\b', page.text
    )
    # Only data blocks inline: JSON that no browser executes.
    assert re.findall(r"<script(?![^>]*(?:src=|type=\"application/json\"))", page.text) == []


def test_the_console_words_cannot_close_their_data_block(client: TestClient) -> None:
    page = client.get("/staff/", headers={"Accept-Language": "en"})
    block = page.text.split('id="console-messages">', 1)[1].split("</script>", 1)[0]

    assert "<" not in block and ">" not in block


@pytest.mark.browser
def test_without_javascript_no_console_form_can_be_sent(browser: Browser, web_server: str) -> None:
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    try:
        page = context.new_page()
        for path in SHELLS:
            page.goto(web_server + path)
            expect(page.locator("#console-starting")).to_be_visible()
            assert page.locator("form:visible").count() == 0, path
    finally:
        context.close()
