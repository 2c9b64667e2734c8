"""The danger page: 112 first, then help lines for someone who will not call the police."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from app.db import Database
from app.i18n import available_languages
from app.main import create_app
from tests.conftest import make_settings

# The built-in lines as a reporter sees them in each language: name, number, hours.
BUILT_IN = (
    ("Centrum Seksueel Geweld", "0800-0188", "tel:08000188"),
    ("Veilig Thuis", "0800-2000", "tel:08002000"),
    ("Slachtofferhulp Nederland", "0900-0101", "tel:09000101"),
)
DAY_AND_NIGHT = {
    "nl": "Dag en nacht, elke dag",
    "en": "Day and night, every day",
    "es": "Día y noche, todos los días",
    "ro": "Zi și noapte, în fiecare zi",
    "hu": "Éjjel-nappal, minden nap",
    "bg": "Денем и нощем, всеки ден",
    "pl": "Dzień i noc, codziennie",
    "pt-BR": "Dia e noite, todos os dias",
    "th": "ทั้งกลางวันและกลางคืน ทุกวัน",
    "uk": "Вдень і вночі, щодня",
    "ru": "Днём и ночью, каждый день",
}
HEADING = {
    "nl": "Hulp zonder politie",
    "en": "Help without the police",
    "es": "Ayuda sin la policía",
    "ro": "Ajutor fără poliție",
    "hu": "Segítség rendőrség nélkül",
    "bg": "Помощ без полиция",
    "pl": "Pomoc bez policji",
    "pt-BR": "Ajuda sem a polícia",
    "th": "ความช่วยเหลือโดยไม่ต้องผ่านตำรวจ",
    "uk": "Допомога без поліції",
    "ru": "Помощь без полиции",
}
OWN_LINES = [
    {
        "name": "Belle Hulpverlening",
        "phone": "+31 20 123 4567",
        "hours": "ma–vr 10:00–17:00",
        "about": "Hulp bij uitstappen of blijven, zonder oordeel.",
    },
    {"name": "Straatpastoraat", "phone": "06 1234 5678", "hours": "dinsdag", "about": "Koffie."},
]


def help_lines(page: httpx.Response) -> list[dict[str, str]]:
    """Each help line on the page, in order; every one must stand after the 112 button."""
    emergency = page.text.index('href="tel:112"')
    found = []
    for item in re.finditer(r'<li class="help-line">(.*?)</li>', page.text, re.S):
        assert item.start() > emergency, "a help line stands before 112"
        block = item.group(1)
        name = re.search(r"<h3>(.*?)</h3>", block, re.S)
        tel = re.search(r'<a href="(tel:[^"]+)">([^<]+)</a>', block)
        assert name and tel, block
        found.append(
            {
                "name": name.group(1).strip(),
                "href": tel.group(1),
                "phone": tel.group(2),
                "text": re.sub(r"<[^>]+>", " ", block),
            }
        )
    return found


@pytest.fixture
def own_lines_client(database_url: str, redis_url: str, database: Database) -> Iterator[TestClient]:
    settings = make_settings(
        database_url,
        redis_url,
        help={
            "lines": OWN_LINES,
            "advisers_phone": "020 765 4321",
            "advisers_hours": "maandag en donderdag 19:00–23:00",
        },
    )
    with TestClient(create_app(settings, database=database)) as client:
        yield client


@pytest.mark.parametrize("lang", available_languages())
def test_every_language_lists_the_built_in_lines_after_112(client: TestClient, lang: str) -> None:
    page = client.get(f"/{lang}/danger")
    assert page.status_code == 200
    lines = help_lines(page)

    assert [(line["name"], line["phone"], line["href"]) for line in lines] == [*BUILT_IN]
    assert page.text.index('href="tel:112"') < page.text.index(HEADING[lang])
    # The fixed texts are in the page's language; nobody's own number shows while none is set.
    assert DAY_AND_NIGHT[lang] in lines[0]["text"] and DAY_AND_NIGHT[lang] in lines[1]["text"]
    assert "#31#" not in page.text


@pytest.mark.parametrize("lang", available_languages())
def test_configured_lines_replace_the_built_in_ones_as_given(
    own_lines_client: TestClient, lang: str
) -> None:
    page = own_lines_client.get(f"/{lang}/danger")
    lines = help_lines(page)

    assert [(line["name"], line["href"]) for line in lines[1:]] == [
        ("Belle Hulpverlening", "tel:+31201234567"),
        ("Straatpastoraat", "tel:0612345678"),
    ]
    assert "Centrum Seksueel Geweld" not in page.text and "0800-0188" not in page.text
    # The organisation's own texts stay as they were written, in every language.
    assert "ma–vr 10:00–17:00" in lines[1]["text"]
    assert "Hulp bij uitstappen of blijven, zonder oordeel." in lines[1]["text"]
    # The advisers' own line comes first after 112, its fixed texts translated.
    advisers = lines[0]
    assert (advisers["href"], advisers["phone"]) == ("tel:0207654321", "020 765 4321")
    assert "maandag en donderdag 19:00–23:00" in advisers["text"] and "#31#" in advisers["text"]
    if lang == "nl":
        assert advisers["name"] == "Onze vertrouwenspersonen"
    if lang == "bg":
        assert advisers["name"] == "Нашите доверени съветници"


def test_an_empty_list_leaves_112_alone(
    database_url: str, redis_url: str, database: Database
) -> None:
    settings = make_settings(database_url, redis_url, help={"lines": []})
    with TestClient(create_app(settings, database=database)) as client:
        page = client.get("/nl/danger")
    assert 'href="tel:112"' in page.text
    assert help_lines(page) == [] and "Hulp zonder politie" not in page.text
