"""In the console a one-way report is never late for an acknowledgement: it has no mailbox.

The server leaves its acknowledgement deadline out; the inbox and the case view must then say so
instead of showing an empty or overdue deadline, while a report with a mailbox of the same age
is marked overdue.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import update

from app.db import Database
from app.models import Report
from app.models.base import today
from client import ReporterClient
from tests.web.conftest import SERVER_DATABASES
from tests.web.test_console_journey import console_with_inbox_key

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def database(web_server: str) -> Iterator[Database]:
    database = Database(SERVER_DATABASES[web_server])
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def adviser(browser: Browser, web_server: str, database: Database) -> Iterator[Page]:
    """The adviser's console (in English), logged in, with the team's inbox key made."""
    context, page = console_with_inbox_key(browser, web_server, database)
    yield page
    context.close()


def _sent_weeks_ago(base: str, database: Database, *, one_way: bool) -> uuid.UUID:
    with httpx.Client(base_url=base, timeout=30) as http:
        sent = ReporterClient(http).submit({"text": "Hij dreigde bij het raam."}, one_way=one_way)
    with database.engine.begin() as connection:
        connection.execute(
            update(Report)
            .where(Report.id == sent.report_id)
            .values(created_on=today() - timedelta(days=30))
        )
    return sent.report_id


def go(page: Page, hash_: str) -> None:
    page.evaluate("(to) => { location.hash = to; }", hash_)


def test_a_one_way_report_shows_no_overdue_acknowledgement(
    web_server: str, adviser: Page, database: Database
) -> None:
    one_way = _sent_weeks_ago(web_server, database, one_way=True)
    with_mailbox = _sent_weeks_ago(web_server, database, one_way=False)

    # Within the console (a reload would lock it: its keys live only in this page's memory).
    go(adviser, "#signals")
    go(adviser, "#inbox")
    late = adviser.locator(f'tr[data-case="{with_mailbox}"]')
    expect(late).to_have_class("is-overdue")
    expect(late.locator(".due.overdue").first).to_be_visible()
    quiet = adviser.locator(f'tr[data-case="{one_way}"]')
    expect(quiet).to_contain_text("No acknowledgement: one-way report")
    expect(quiet).not_to_have_class("is-overdue")
    expect(quiet.locator(".overdue")).to_have_count(0)

    go(adviser, f"#case/{one_way}")
    deadlines = adviser.locator(".deadlines")
    expect(deadlines).to_contain_text("No acknowledgement: one-way report")
    expect(deadlines).not_to_contain_text("null")
    expect(deadlines.locator(".overdue")).to_have_count(0)
