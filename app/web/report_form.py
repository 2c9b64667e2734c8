"""The reporter's form: its questions and choices, and reading a submitted form into a report.

The same structure is what the browser encrypts on the JavaScript path, so advisers read one
format whichever way a report came in. Labels are English message ids, translated on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.cases.taxonomy import CATEGORY_IDS
from app.errors import N_

# Who it happened to: the reporter, or someone the reporter is worried about. The choice travels
# only inside the sealed content, never as a column or in a URL the server keeps (R3, R4).
ABOUT = {
    "self": N_("It happened to me"),
    "other": N_("I am worried about someone else"),
}
# What a reporter worried about someone else saw: the signs of coercion and exploitation that
# TAXONOMY.md names, in plain words, about "them" (no gender assumed).
SEEN = {
    "money_or_papers_kept": N_("Someone else keeps their money or passport"),
    "cannot_leave_or_refuse": N_("They cannot leave or say no"),
    "afraid_or_controlled": N_("They seem afraid, or controlled by someone"),
    "under_18": N_("They seem to be under 18"),
    "marks_of_violence": N_("They have marks of violence, such as bruises"),
    "something_else": N_("Something else"),
}
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
        N_("someone else's money through your account, carrying drugs"),
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
        N_("Problems at your workplace or with its owner"),
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
    "wants_to_stop": (N_("I want to stop doing sex work"), N_("help to stop, finding other work")),
    "other": (N_("Something else"), N_("tell it in your own words below")),
}
assert tuple(CATEGORIES) == CATEGORY_IDS  # noqa: S101 - the taxonomy is kept in one order
# The form shows the categories in a few groups, so a phone screen shows more of them at once.
# "just_talk" stays a label advisers may give a case, but the form offers talking once, as a want.
CATEGORY_GROUPS = {
    "violence": (
        N_("Violence and threats"),
        (
            "physical_violence",
            "sexual_violence",
            "stealthing",
            "threats",
            "verbal_abuse_intimidation",
            "stalking_harassment",
        ),
    ),
    "money": (
        N_("Money, force and control"),
        (
            "robbery_theft",
            "non_payment_fraud",
            "coercion_trafficking_signals",
            "suspected_minor",
            "money_mule_criminal_exploitation",
        ),
    ),
    "online": (
        N_("Photos, online and outing"),
        ("blackmail_outing", "image_abuse_sextortion", "doxing_review_sites"),
    ),
    "life": (
        N_("Work, housing, care and officials"),
        (
            "workplace_operator",
            "police_enforcement_conduct",
            "discrimination_services",
            "housing_landlord",
            "health_access",
            "dangerous_client_warning",
            "wants_to_stop",
            "other",
        ),
    ),
}
FORM_CATEGORIES = {c for _label, ids in CATEGORY_GROUPS.values() for c in ids}
assert set(CATEGORIES) - {"just_talk"} == FORM_CATEGORIES  # noqa: S101 - each shown exactly once
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
NOTHING_SEEN = N_("Choose what you saw, or tell it in your own words.")
UNKNOWN_ABOUT = N_("Choose whether it happened to you or to someone else, and send again.")
UNKNOWN_SEEN = N_("One of the choices under 'What did you see?' is not known. Choose again.")
# Where on the page each problem can be fixed: the no-JS page links each message to its question.
PROBLEM_ANCHORS = {
    NOTHING_HAPPENED: "step-what",
    NOTHING_SEEN: "step-seen",
    UNKNOWN_SEEN: "step-seen",
}


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


def about_of(form: dict[str, list[str]]) -> str | None:
    """Who the report is about: "self" when the form did not ask, None for an unknown value."""
    value = (form.get("about") or ["self"])[0]
    return value if value in ABOUT else None


def read(form: dict[str, list[str]], partner_ids: set[str], language: str) -> ReadForm:
    """What the reporter filled in; unknown categories are dropped rather than stored.

    Who it is about and what was seen decide which questions were asked, so a value the form never
    offers there is refused (422) rather than guessed. The language is the page's, from the route,
    so it is one the site offers; it travels only inside the sealed content (R3, R4).
    """
    about = about_of(form)
    if about == "other":
        return _read_about_other(form, partner_ids, language)
    what = [c for c in form.get("what", []) if c in CATEGORIES]
    text = _text(form, "text", MAX_TEXT)
    wants = [w for w in form.get("wants", []) if w in WANTS]
    content: dict[str, Any] = {
        "about": "self",
        "wants": wants,
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
        "language": language,
        "sent_without_javascript": True,
    }
    consents = sorted({p for p in form.get("consent", []) if p in partner_ids})
    # Only wanting to talk is a whole report too (DESIGN.md: a first-class outcome).
    problems = [] if (what or text or "talk" in wants) else [NOTHING_HAPPENED]
    if about is None:
        problems = [UNKNOWN_ABOUT]
    return ReadForm(content, consents, one_way="one_way" in form, problems=problems)


def _read_about_other(form: dict[str, list[str]], partner_ids: set[str], language: str) -> ReadForm:
    posted = form.get("seen", [])
    seen = list(dict.fromkeys(s for s in posted if s in SEEN))
    text = _text(form, "text", MAX_TEXT)
    content: dict[str, Any] = {
        "about": "other",
        "seen": seen,
        "when": _one(form, "when", WHEN),
        "where": {
            "municipality": _one(form, "municipality", MUNICIPALITIES),
            "place": _one(form, "place", PLACES),
        },
        "text": text,
        "language": language,
        "sent_without_javascript": True,
    }
    consents = sorted({p for p in form.get("consent", []) if p in partner_ids})
    problems = [] if (seen or text) else [NOTHING_SEEN]
    if any(s not in SEEN for s in posted):
        problems = [UNKNOWN_SEEN]
    return ReadForm(content, consents, one_way="one_way" in form, problems=problems)
