"""Every message a person can see exists in Dutch; the template matches the code."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from app.i18n import LOCALE_DIR, available_languages, catalogue, negotiate, translate
from tests.conftest import ROOT

COMPLETE_LANGUAGES = ("nl",)  # English is the message ids themselves.


def extracted_messages() -> set[str]:
    # The map of babel.cfg itself: N_ in the code, _ in the page and console templates.
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = extract_from_dir(
        str(ROOT),
        method_map=method_map,
        options_map=options_map,
        keywords={"N_": None, "_": None},
    )
    return {message for _file, _line, message, _comments, _context in found}


def test_the_template_lists_exactly_the_messages_in_the_code() -> None:
    with (LOCALE_DIR / "messages.pot").open("rb") as handle:
        template = {str(m.id) for m in read_po(handle) if m.id}
    assert template == extracted_messages(), "run the pybabel extract command in docs/i18n.md"


def test_no_message_is_untranslated_in_a_complete_language() -> None:
    untranslated = {
        language: sorted(extracted_messages() - set(catalogue(language)))
        for language in COMPLETE_LANGUAGES
    }
    assert untranslated == {language: [] for language in COMPLETE_LANGUAGES}


def untranslated_per_language() -> dict[str, list[str]]:
    """Every language with a catalogue, and the messages it still lacks."""
    wanted = extracted_messages()
    return {
        language: sorted(wanted - set(catalogue(language)))
        for language in available_languages()
        if language != "en"  # the message ids are the English text
    }


def test_untranslated_strings_are_listed_per_language_and_none_in_dutch() -> None:
    missing = untranslated_per_language()
    report = {language: len(messages) for language, messages in missing.items()}
    # Dutch and English must be complete; the others are listed (their counts are in `report`),
    # and a page falls back to Dutch for what they lack.
    assert missing["nl"] == [], report
    assert set(missing) >= {"nl"}


def test_dutch_is_the_default_and_english_is_chosen_from_the_header() -> None:
    assert negotiate(None) == "nl"
    assert negotiate("en-GB,en;q=0.9,nl;q=0.5") == "en"
    assert negotiate("de-DE,fr;q=0.8") == "nl"
    assert negotiate("en;q=0, nl") == "nl"
    assert negotiate("en", requested="nl") == "nl"
    assert {"nl", "en"} <= set(available_languages())


def test_translate_falls_back_to_dutch_then_to_the_message_id() -> None:
    message = "This case does not exist."
    assert translate(message, "nl") == "Deze zaak bestaat niet."
    assert translate(message, "en") == message
    assert translate("An unknown message.", "nl") == "An unknown message."


def test_api_errors_speak_the_callers_language(client: TestClient) -> None:
    dutch = client.get("/api/v1/does-not-exist").json()["error"]
    english = client.get(
        "/api/v1/does-not-exist", headers={"Accept-Language": "en-US,en;q=0.8"}
    ).json()["error"]
    assert dutch == {"code": "not_found", "message": "Dit adres bestaat niet."}
    assert english == {"code": "not_found", "message": "This address does not exist."}
