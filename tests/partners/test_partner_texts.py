"""Partner names and descriptions per reporter language, as the consent step shows them.

Reporters read a partner in their page's language, else English, else Dutch; admins edit each
language; only a partner with a key is a choice, on the page and on the server.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.i18n import available_languages
from app.models import AuditEntry
from app.partners import service, texts
from tests.conftest import TotpClock
from tests.factories import Member, admin_with_inbox, connect_partners
from tests.reports.helpers import row_counts
from tests.staff.helpers import error_of, headers_of, rows

ADMIN = "/api/v1/admin/partners"
SEEDED = (
    "politie-avim",
    "politie-wijkagent",
    "ggd-soa-poli",
    "belle",
    "zorgcoordinator-mensenhandel",
    "sociaal-plein",
    "scharlaken-koord",
    "gemeente-toezicht",
)


@dataclass
class Shown:
    """One partner on the consent step, as a reader of the page meets it."""

    text: str
    disabled: bool
    lang: str | None


class ConsentStep(HTMLParser):
    """Collects each consent checkbox's label: its words, whether it can be ticked, its language."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, Shown] = {}
        self._label: list[str] | None = None
        self._current: str | None = None
        self._disabled = False
        self._lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "label" and "partner" in (named.get("class") or "").split():
            self._label, self._lang = [], None
        elif tag == "input" and named.get("name") == "consent" and self._label is not None:
            self._current = named.get("value")
            self._disabled = "disabled" in named
        elif tag == "span" and self._label is not None and self._lang is None and "lang" in named:
            self._lang = named["lang"]

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self._label.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._label is not None and self._current is not None:
            words = " ".join("".join(self._label).split())
            self.found[self._current] = Shown(words, self._disabled, self._lang)
            self._label = self._current = None


def consent_step(page: httpx.Response) -> dict[str, Shown]:
    assert page.status_code in (200, 422), page.text
    parser = ConsentStep()
    parser.feed(page.text)
    return parser.found


@pytest.fixture
def admin(app: FastAPI, client: TestClient, totp_clock: TotpClock) -> Member:
    return admin_with_inbox(app, client, totp_clock)


def patch_texts(client: TestClient, admin: Member, partner_id: str, change: Any) -> httpx.Response:
    return client.patch(f"{ADMIN}/{partner_id}", json={"texts": change}, headers=headers_of(admin))


def test_untranslated_partner_texts_are_listed_per_language_and_none_in_dutch_or_english(
    app: FastAPI,
) -> None:
    with Session(app.state.database.engine) as session:
        seeded = [service.get(session, partner_id) for partner_id in SEEDED]
        missing = texts.untranslated(session, seeded)
    # The listing names every language reporters can choose, so a new one shows up here at once.
    assert set(missing) == set(available_languages())
    listing = "\n".join(f"{lang}: {', '.join(ids)}" for lang, ids in missing.items() if ids)
    assert missing["nl"] == [] and missing["en"] == [], listing
    # Every seeded partner was written in all eleven languages by the migration.
    assert all(ids == [] for ids in missing.values()), listing


def test_a_romanian_page_shows_romanian_partner_texts(client: TestClient) -> None:
    shown = consent_step(client.get("/ro/report"))

    assert set(shown) == set(SEEDED)
    assert "Poliția – echipa pentru trafic de persoane (AVIM)" in shown["politie-avim"].text
    assert "nu numele tău, nu codul tău" in shown["politie-avim"].text
    assert shown["politie-avim"].lang is None  # the page's own language
    assert "Primăria Hilversum" in shown["gemeente-toezicht"].text


def test_a_missing_text_falls_back_to_english_then_dutch(client: TestClient, admin: Member) -> None:
    assert patch_texts(client, admin, "belle", {"ro": None}).status_code == 200

    english = consent_step(client.get("/ro/report"))["belle"]
    assert "Help and advice for sex workers" in english.text
    assert english.lang == "en"  # a screen reader reads it with English rules

    assert patch_texts(client, admin, "belle", {"en": None}).status_code == 200

    dutch = consent_step(client.get("/ro/report"))["belle"]
    assert "Hulp en advies voor sekswerkers" in dutch.text
    assert dutch.lang == "nl"
    listed = {p["id"]: p for p in client.get("/api/v1/partners", params={"lang": "ro"}).json()}
    assert (listed["belle"]["language"], listed["ggd-soa-poli"]["language"]) == ("nl", "ro")


def test_an_admin_edits_a_text_and_the_reporter_page_shows_it(
    app: FastAPI, client: TestClient, admin: Member
) -> None:
    change = {"ro": {"name": "Belle (ajutor)", "description": "Ajutor nou pentru tine."}}
    response = patch_texts(client, admin, "belle", change)

    assert response.status_code == 200
    assert response.json()["texts"]["ro"] == change["ro"]
    assert (
        "Belle (ajutor) Ajutor nou pentru tine."
        in consent_step(client.get("/ro/report"))["belle"].text
    )
    # The Dutch text, the partner's own, is untouched; the audit entry names the language only.
    assert "Hulp en advies" in consent_step(client.get("/nl/report"))["belle"].text
    [entry] = [e for e in rows(app, AuditEntry) if e["action"] == "partner.update"]
    assert json.loads(entry["detail"])["fields"] == ["texts.ro"]


def test_the_dutch_text_is_edited_as_any_other_and_cannot_be_removed(
    client: TestClient, admin: Member
) -> None:
    dutch = {"nl": {"name": "Belle", "description": "Hulp voor sekswerkers."}}
    edited = patch_texts(client, admin, "belle", dutch).json()

    assert (edited["name"], edited["description"]) == ("Belle", "Hulp voor sekswerkers.")
    assert edited["texts"]["nl"] == dutch["nl"]
    assert error_of(patch_texts(client, admin, "belle", {"nl": None})) == (
        422,
        "dutch_text_required",
    )


def test_the_admin_api_refuses_unknown_languages_and_overlong_texts(
    client: TestClient, admin: Member
) -> None:
    assert error_of(patch_texts(client, admin, "belle", {"xx": {"name": "X"}})) == (
        422,
        "unknown_language",
    )
    assert patch_texts(client, admin, "belle", {"EN; drop": {"name": "X"}}).status_code == 422
    assert patch_texts(client, admin, "belle", {"en": {"name": "x" * 201}}).status_code == 422
    assert patch_texts(client, admin, "belle", {"en": {"name": ""}}).status_code == 422
    long_text = {"en": {"name": "Belle", "description": "x" * 2001}}
    assert patch_texts(client, admin, "belle", long_text).status_code == 422
    # A reporter cannot change a text: the admin API needs an admin's session.
    assert client.patch(f"{ADMIN}/belle", json={"texts": {"en": None}}).status_code in (401, 403)


def test_the_admin_list_shows_every_language_with_gaps_as_null(
    client: TestClient, admin: Member
) -> None:
    made = {"id": "nieuw", "name": "Nieuw", "kind": "care", "description": "Nieuwe hulp."}
    created = client.post(ADMIN, json=made, headers=headers_of(admin)).json()

    assert list(created["texts"])[0] == "nl"
    assert set(created["texts"]) == set(available_languages())
    assert created["texts"]["nl"] == {"name": "Nieuw", "description": "Nieuwe hulp."}
    assert all(created["texts"][lang] is None for lang in created["texts"] if lang != "nl")


def test_the_form_offers_connected_partners_and_shows_the_others_disabled(
    app: FastAPI, client: TestClient
) -> None:
    connect_partners(app, "belle", "politie-avim")

    shown = consent_step(client.get("/nl/report"))

    assert {pid for pid, s in shown.items() if not s.disabled} == {"belle", "politie-avim"}
    assert "Nog niet aangesloten" in shown["ggd-soa-poli"].text
    assert "Nog niet aangesloten" not in shown["belle"].text
    page = client.get("/nl/report").text
    # Categories are visible, help first and supervision last, and say supervision is not help.
    kinds = re.findall(r'<h2 class="partner-kind" id="partner-kind-(\w+)">([^<]+)</h2>', page)
    assert kinds == [
        ("care", "Hulp en zorg"),
        ("police", "Politie"),
        ("municipality", "Gemeente: toezicht, geen hulp"),
    ]


def form_token(page: httpx.Response) -> str:
    match = re.search(r'name="token" value="([^"]+)"', page.text)
    assert match, "the form carries no token"
    return match.group(1)


def test_the_form_without_javascript_refuses_a_partner_that_is_not_connected(
    app: FastAPI, client: TestClient, admin: Member
) -> None:
    connect_partners(app, "belle")
    token = form_token(client.get("/nl/report"))

    page = client.post(
        "/nl/report",
        data={"token": token, "text": "Hij dreigt me.", "consent": ["belle", "politie-avim"]},
    )

    assert page.status_code == 422
    assert "nog niet aangesloten" in page.text
    assert row_counts(app)["reports"] == 0
    # What the reporter ticked is kept for the connected partner only.
    shown = consent_step(page)
    assert shown["politie-avim"].disabled
    assert re.search(r'value="belle" checked', page.text)
