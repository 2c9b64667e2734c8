"""Checks on every translation besides Dutch and English: complete for the reporter, safe to show.

The reporter set is defined once, in tests/reporter_messages.py. Dutch must be complete for every
message (tests/test_i18n.py); the other languages must be complete for the reporter set, keep the
placeholders, never use a word for prostitution, and use the key terms of docs/i18n.md.
"""

from __future__ import annotations

import re

import pytest
from babel import Locale
from fastapi.testclient import TestClient

from app.i18n import LANGUAGES, available_languages, catalogue, negotiate, text_direction
from app.web.rendering import LANGUAGE_NAMES
from tests.reporter_messages import all_messages, reporter_markers, reporter_messages

TRANSLATED = ("es", "ro", "hu", "bg", "pl", "pt-BR", "th", "uk", "ru")

# Words for prostitution or a prostitute, and common slurs for sex workers, per language: the
# service says "sex work" and "sex worker" (TAXONOMY.md), in every language. Stems, matched without
# regard to case; a word boundary where the stem is also the start of harmless words
# ("computador", "повідомлення", "путаница").
FORBIDDEN = {
    "es": [r"prostitu", r"\bputa", r"ramera"],
    "ro": [r"prostitu", r"\bcurv[aăe]"],
    "hu": [r"prostitu", r"kurv", r"ribanc"],
    "bg": [r"проститу", r"курв"],
    "pl": [r"prostytu", r"prostitu", r"\bkurw", r"\bdziw[ek]"],
    "pt-BR": [r"prostitu", r"\bputa", r"meretri"],
    "th": [r"โสเภณี", r"กะหรี่", r"ค้าประเวณี", r"ขายตัว"],
    "uk": [r"проститу", r"\bпові[яїюйє]", r"шльондр"],
    "ru": [r"проститу", r"шлюх", r"\bпутан(а|ы|е|у|ой|ам|ами|ах)?\b"],
}

# The key terms of docs/i18n.md, as stems: whenever the English speaks of the receipt code, the
# mailbox or sex work, the translation uses the one word the table gives, never a synonym.
KEY_TERMS = {
    "code": {
        "es": "código",
        "ro": "cod",
        "hu": "kód",
        "bg": "код",
        "pl": "kod",
        "pt-BR": "código",
        "th": "รหัส",
        "uk": "код",
        "ru": "код",
    },
    "mailbox": {
        "es": "buzón",
        "ro": "căsuț",
        "hu": "postalád",
        "bg": "пощенск",
        "pl": "skrzyn",
        "pt-BR": "caixa de mensagens",
        "th": "กล่องข้อความ",
        "uk": "поштов",
        "ru": "почтов",
    },
    "sex work": {
        "es": "trabajo sexual",
        "ro": "muncă sexuală|munca sexuală|muncii sexuale",
        "hu": "szexmunk",
        "bg": "секс работ",
        "pl": "seksualn",
        "pt-BR": "do sexo|trabalho sexual",
        "th": "บริการ",
        "uk": "секс-",
        "ru": "секс-",
    },
}
ENGLISH_KEY_WORDS = {
    "code": r"\b(receipt|code)\b",
    "mailbox": r"\bmailbox\b",
    "sex work": r"\bsex work",
}
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)[sd]|%[sd]")


def test_every_language_of_the_brief_is_offered() -> None:
    assert set(available_languages()) == set(LANGUAGES) == {"nl", "en", *TRANSLATED}


def test_the_reporter_set_is_extracted_and_its_markers_still_exist() -> None:
    reporter = reporter_messages()
    assert "Leave quickly" in reporter  # a template
    assert "What you sent is too large." in reporter  # a reporter API error
    assert reporter_markers() <= all_messages(), "a marker is no longer in the code"
    # Staff text stays out of the set.
    assert "Audit log" not in reporter


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_reporter_message_is_translated(language: str) -> None:
    missing = sorted(reporter_messages() - set(catalogue(language)))
    assert missing == [], f"{language} lacks {len(missing)} reporter messages"


@pytest.mark.parametrize("language", ("nl", *TRANSLATED))
def test_placeholders_are_kept(language: str) -> None:
    changed = {
        message: text
        for message, text in catalogue(language).items()
        if sorted(PLACEHOLDER.findall(message)) != sorted(PLACEHOLDER.findall(text))
    }
    assert changed == {}


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_word_for_prostitution(language: str) -> None:
    found = {
        message: text
        for message, text in catalogue(language).items()
        if any(re.search(word, text, re.IGNORECASE) for word in FORBIDDEN[language])
    }
    assert found == {}


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("term", sorted(KEY_TERMS))
def test_key_terms_are_used_consistently(language: str, term: str) -> None:
    translations = catalogue(language)
    stem = KEY_TERMS[term][language]
    off = {
        message: translations[message]
        for message in reporter_messages() & set(translations)
        if re.search(ENGLISH_KEY_WORDS[term], message, re.IGNORECASE)
        and not re.search(stem, translations[message], re.IGNORECASE)
    }
    assert off == {}


def test_each_language_is_named_in_itself() -> None:
    assert set(LANGUAGE_NAMES) == set(LANGUAGES)
    for language, name in LANGUAGE_NAMES.items():
        own = Locale.parse(language.replace("-", "_"))
        # Babel's name of the language in that language, e.g. "polski", "ไทย", "português".
        assert name.lower() == str(own.language_name).lower(), language


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        ("pt-BR,pt;q=0.9,en;q=0.8", "pt-BR"),
        ("pt-br", "pt-BR"),
        ("pt", "pt-BR"),
        ("pt-PT,pt;q=0.9", "pt-BR"),  # the only Portuguese offered beats Dutch
        ("uk-UA,uk;q=0.9,ru;q=0.8", "uk"),
        ("ru-RU,ru;q=0.9", "ru"),
        ("ru;q=0.5,uk", "uk"),
        ("th-TH,th;q=0.9,en;q=0.5", "th"),
        ("pl-PL,pl;q=0.9,en-US;q=0.8", "pl"),
        ("de-DE,pl;q=0.3", "pl"),
        ("en-GB,pt-BR;q=0.7", "en"),
        ("pt-BR;q=0", "nl"),
    ],
)
def test_accept_language_chooses_the_new_languages(header: str, chosen: str) -> None:
    assert negotiate(header) == chosen


def test_an_explicit_choice_uses_the_url_spelling() -> None:
    assert negotiate("nl", requested="pt-BR") == "pt-BR"
    assert negotiate("nl", requested="pt_BR") == "nl"


def test_pages_carry_a_valid_language_tag_and_direction(client: TestClient) -> None:
    root = client.get("/", headers={"Accept-Language": "pt-BR"}, follow_redirects=False)
    assert root.headers["location"] == "/pt-BR/"
    page = client.get("/pt-BR/report")
    assert page.status_code == 200
    assert '<html lang="pt-BR" dir="ltr">' in page.text
    assert "Enviar relato" in page.text
    for language in ("pl", "th", "uk", "ru"):
        page = client.get(f"/{language}/")
        assert f'<html lang="{language}" dir="ltr">' in page.text
    # The switch offers each language at the same page, named in itself.
    switch = client.get("/th/mailbox").text
    assert 'href="/uk/mailbox" hreflang="uk" lang="uk">Українська</a>' in switch
    assert 'href="/pt-BR/mailbox" hreflang="pt-BR" lang="pt-BR">Português</a>' in switch
    assert client.get("/pt_BR/").status_code == 404
    assert text_direction("ar") == "rtl"  # ready for a right-to-left language
