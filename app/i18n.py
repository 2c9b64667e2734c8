"""Languages and message catalogues (gettext .po files under app/locale, read with Babel).

Dutch is the default language; English message ids double as the English text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DEFAULT_LANGUAGE = "nl"
# In the order DESIGN/TAXONOMY gives; a language is offered once its catalogue exists.
LANGUAGES = ("nl", "en", "es", "ro", "hu", "bg")


@cache
def catalogue(language: str) -> dict[str, str]:
    path = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        parsed = read_po(handle, locale=language)
    return {
        str(message.id): str(message.string)
        for message in parsed
        if message.id and message.string and not message.fuzzy
    }


def available_languages() -> tuple[str, ...]:
    return tuple(lang for lang in LANGUAGES if lang == "en" or catalogue(lang))


def translate(message: str, language: str) -> str:
    if language == "en":
        return message
    return catalogue(language).get(message) or catalogue(DEFAULT_LANGUAGE).get(message) or message


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
        primary = tag.strip().lower().split("-")[0]
        if primary:
            choices.append((quality, primary))
    for _quality, primary in sorted(choices, key=lambda c: -c[0]):
        if primary in offered and _quality > 0:
            return primary
    return DEFAULT_LANGUAGE
