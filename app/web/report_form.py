"""The reporter's form: its questions and choices, and reading a submitted form into a report.

The same structure is what the browser encrypts on the JavaScript path, so advisers read one
format whichever way a report came in. Labels are English message ids, translated on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.cases.taxonomy import CATEGORY_IDS
from app.errors import N_

# "What do you want to happen?" comes before the categories (TAXONOMY.md).
WANTS = {
    "talk": N_("I want to talk to someone or ask something"),
    "register": N_("I only want it written down"),
    "help": N_("I want help, for example from a doctor or a support organisation"),
    "pass_on": N_("I want it passed on, without my name, so that something is done"),
}
CATEGORIES = {
    "just_talk": (N_("I just want to talk or ask something"), N_("no incident")),
    "physical_violence": (N_("Physical violence"), N_("hitting, kicking, strangling, a weapon")),
    "sexual_violence": (N_("Sexual violence"), N_("rape, acts you did not agree to")),
    "stealthing": (
        N_("Condom removed or damaged without consent"),
        N_("removing or damaging a condom, lying about it"),
    ),
    "robbery_theft": (
        N_("Robbery or theft"),
        N_("money or phone taken, payment taken back by force"),
    ),
    "non_payment_fraud": (
        N_("Not paid, or a fake payment"),
        N_("fake transfer, false notes, reversed payment"),
    ),
    "threats": (N_("Threats"), N_("threats of violence, threats against family")),
    "verbal_abuse_intimidation": (N_("Verbal abuse or intimidation"), N_("insults, humiliation")),
    "stalking_harassment": (
        N_("Stalking or harassment"),
        N_("keeps contacting, waits outside, follows you"),
    ),
    "blackmail_outing": (
        N_("Blackmail or threats to out you"),
        N_("threatens to tell family, landlord, tax office or police"),
    ),
    "image_abuse_sextortion": (
        N_("Photos or videos without consent"),
        N_("secret filming, sharing images, demanding money"),
    ),
    "doxing_review_sites": (
        N_("Your details put online"),
        N_("real name or address posted, review sites"),
    ),
    "coercion_trafficking_signals": (
        N_("Someone forces you or takes your money"),
        N_("must hand over money, debts, no control of passport, bank card or phone"),
    ),
    "suspected_minor": (
        N_("Concern about someone under 18"),
        N_("a colleague seems under age"),
    ),
    "money_mule_criminal_exploitation": (
        N_("Asked to lend your bank account or card, or to do something illegal"),
        N_("money mule, drug running"),
    ),
    "police_enforcement_conduct": (
        N_("Problem with police or enforcement officers"),
        N_("disrespect, phone seized, misconduct"),
    ),
    "discrimination_services": (
        N_("Discrimination by a bank, insurer, care or benefits office"),
        N_("account or insurance refused"),
    ),
    "housing_landlord": (
        N_("Housing and landlord"),
        N_("eviction threat, landlord demands sex or money"),
    ),
    "workplace_operator": (
        N_("Problems at your workplace or with the operator"),
        N_("unsafe workplace, fines, pressure to work without a condom"),
    ),
    "health_access": (
        N_("Health and access to care"),
        N_("STI worries, pregnancy, PrEP or PEP, no doctor"),
    ),
    "dangerous_client_warning": (
        N_("Warning about a dangerous client"),
        N_("suspicious behaviour, no incident yet"),
    ),
    "wants_to_stop": (N_("I want to stop doing sex work"), N_("exit programme, other work")),
    "other": (N_("Something else"), N_("tell it in your own words below")),
}
assert tuple(CATEGORIES) == CATEGORY_IDS  # noqa: S101 - the taxonomy is kept in one order
WHEN = {
    "today": N_("Today"),
    "week": N_("This week"),
    "month": N_("This month"),
    "longer": N_("Longer ago"),
}
MUNICIPALITIES = {
    "hilversum": "Hilversum",
    "gooise-meren": "Gooise Meren",
    "huizen": "Huizen",
    "blaricum": "Blaricum",
    "laren": "Laren",
    "eemnes": "Eemnes",
    "wijdemeren": "Wijdemeren",
    "elsewhere": N_("Somewhere else"),
}
PLACES = {
    "home": N_("At home"),
    "hotel": N_("Hotel"),
    "club": N_("Club or private house"),
    "window": N_("Window"),
    "escort": N_("Escort (at the client's place)"),
    "online": N_("Online"),
    "street": N_("Street"),
    "other": N_("Somewhere else"),
}
MAX_TEXT = 20_000
MAX_FIELD = 500
NOTHING_HAPPENED = N_("Choose what happened, or tell it in your own words.")


@dataclass(frozen=True)
class ReadForm:
    content: dict[str, Any]
    consents: list[str]
    one_way: bool
    problems: list[str]


def _one(form: dict[str, list[str]], name: str, allowed: dict[str, Any]) -> str | None:
    value = (form.get(name) or [""])[0]
    return value if value in allowed else None


def _text(form: dict[str, list[str]], name: str, limit: int) -> str:
    return (form.get(name) or [""])[0].strip()[:limit]


def read(form: dict[str, list[str]], partner_ids: set[str]) -> ReadForm:
    """What the reporter filled in; unknown choices are dropped rather than stored."""
    what = [c for c in form.get("what", []) if c in CATEGORIES]
    text = _text(form, "text", MAX_TEXT)
    content: dict[str, Any] = {
        "wants": [w for w in form.get("wants", []) if w in WANTS],
        "what": list(dict.fromkeys(what)),
        "when": _one(form, "when", WHEN),
        "where": {
            "municipality": _one(form, "municipality", MUNICIPALITIES),
            "place": _one(form, "place", PLACES),
        },
        # Kept apart so that an adviser can leave them out of a signal (R5).
        "other_person": {
            "name": _text(form, "other_name", MAX_FIELD),
            "description": _text(form, "other_description", MAX_FIELD),
            "contact": _text(form, "other_contact", MAX_FIELD),
        },
        "text": text,
        "sent_without_javascript": True,
    }
    consents = sorted({p for p in form.get("consent", []) if p in partner_ids})
    problems = [] if (what or text) else [NOTHING_HAPPENED]
    return ReadForm(content, consents, one_way="one_way" in form, problems=problems)
