"""Languages and message catalogues (gettext .po files under app/locale, read with Babel).

Dutch is the default language; English message ids double as the English text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DEFAULT_LANGUAGE = "nl"
# In the order DESIGN/TAXONOMY gives; a language is offered once its catalogue exists.
# Each is a BCP 47 tag, as the URL segment, the html lang attribute and Accept-Language use it
# ("pt-BR"); the catalogue folder has gettext's spelling of the same tag ("pt_BR").
LANGUAGES = ("nl", "en", "es", "ro", "hu", "bg", "pl", "pt-BR", "th", "uk", "ru")


def catalogue_folder(language: str) -> str:
    return language.replace("-", "_")


@cache
def catalogue(language: str) -> dict[str, str]:
    path = LOCALE_DIR / catalogue_folder(language) / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        parsed = read_po(handle, locale=catalogue_folder(language))
    return {
        str(message.id): str(message.string)
        for message in parsed
        if message.id and message.string and not message.fuzzy
    }


def available_languages() -> tuple[str, ...]:
    return tuple(lang for lang in LANGUAGES if lang == "en" or catalogue(lang))


@cache
def text_direction(language: str) -> str:
    """The html dir attribute: "ltr", or "rtl" for a language written from right to left."""
    order = Locale.parse(catalogue_folder(language)).character_order
    return "rtl" if order == "right-to-left" else "ltr"


def translate(message: str, language: str) -> str:
    if language == "en":
        return message
    return catalogue(language).get(message) or catalogue(DEFAULT_LANGUAGE).get(message) or message


def _offered_for(tag: str, offered: tuple[str, ...]) -> str | None:
    """The offered language for one Accept-Language tag: the same tag, else the same primary
    language ("pt", "pt-PT" → "pt-BR"; "en-GB" → "en"), compared without regard to case."""
    wanted = tag.strip().lower().replace("_", "-")
    by_tag = {language.lower(): language for language in offered}
    if wanted in by_tag:
        return by_tag[wanted]
    primary = wanted.split("-")[0]
    for language in offered:
        if language.lower().split("-")[0] == primary:
            return language
    return None


def negotiate(accept_language: str | None, requested: str | None = None) -> str:
    """Pick a language: an explicit ``lang`` choice first, then Accept-Language, then Dutch."""
    offered = available_languages()
    if requested and requested in offered:
        return requested
    choices: list[tuple[float, str]] = []
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag.strip():
            choices.append((quality, tag))
    # sorted() is stable: among equal weights the browser's own order wins.
    for quality, tag in sorted(choices, key=lambda c: -c[0]):
        language = _offered_for(tag, offered) if quality > 0 else None
        if language:
            return language
    return DEFAULT_LANGUAGE
