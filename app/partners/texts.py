"""Partner names and descriptions per reporter language.

The Dutch text lives in the partner's own row (staff read it, and it is the last fallback); each
other language has a ``partner_texts`` row. A reporter reads their page's language, else English,
else Dutch: English is the language most reporters share when theirs is missing (docs/partners.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import N_, Unprocessable
from app.i18n import DEFAULT_LANGUAGE, LANGUAGES, available_languages
from app.models import Partner, PartnerText

FALLBACK_LANGUAGE = "en"
UNKNOWN_LANGUAGE = N_("This language is not one of the reporter languages.")
DUTCH_REQUIRED = N_("The Dutch text cannot be removed: it is shown when no other text exists.")


@dataclass(frozen=True)
class Text:
    language: str
    name: str
    description: str


def texts_by_partner(session: Session, partners: Iterable[Partner]) -> dict[str, dict[str, Text]]:
    """Every text of each partner, keyed by partner id and then language (Dutch included)."""
    found: dict[str, dict[str, Text]] = {
        p.id: {DEFAULT_LANGUAGE: Text(DEFAULT_LANGUAGE, p.name, p.description)} for p in partners
    }
    # One query for the whole list rather than one per partner: the reporter's form is hot.
    rows = session.scalars(select(PartnerText).where(PartnerText.partner_id.in_(found)))
    for row in rows:
        found[row.partner_id][row.language] = Text(row.language, row.name, row.description)
    return found


def shown(texts: Mapping[str, Text], language: str) -> Text:
    return texts.get(language) or texts.get(FALLBACK_LANGUAGE) or texts[DEFAULT_LANGUAGE]


def editable_languages(texts: Mapping[str, Text]) -> list[str]:
    """The languages an admin sees: those reporters can choose, and any that already has a text."""
    offered = list(available_languages())
    return offered + [lang for lang in LANGUAGES if lang in texts and lang not in offered]


def set_texts(
    session: Session, *, partner: Partner, change: Mapping[str, tuple[str, str] | None]
) -> None:
    """Write or remove texts per language; Dutch goes to the partner's row and stays."""
    for language, text in change.items():
        if language not in LANGUAGES:
            raise Unprocessable("unknown_language", UNKNOWN_LANGUAGE)
        if language == DEFAULT_LANGUAGE:
            if text is None:
                raise Unprocessable("dutch_text_required", DUTCH_REQUIRED)
            partner.name, partner.description = text
            continue
        row = session.get(PartnerText, (partner.id, language))
        if text is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(
                PartnerText(
                    partner_id=partner.id, language=language, name=text[0], description=text[1]
                )
            )
        else:
            row.name, row.description = text
    session.flush()


def untranslated(session: Session, partners: Iterable[Partner]) -> dict[str, list[str]]:
    """Per offered language, the ids of the partners that fall back to another language."""
    texts = texts_by_partner(session, partners)
    return {
        language: sorted(pid for pid, by_language in texts.items() if language not in by_language)
        for language in available_languages()
    }
