"""The partner registry: chain partners are data that admins edit, not code (TAXONOMY.md)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import N_, Conflict, NotFound, Unprocessable
from app.models import Partner, PartnerKey
from app.partners import texts

UNKNOWN_PARTNER = N_("One of the chosen organisations is not known. Reload the page.")
PARTNER_NOT_FOUND = N_("This organisation does not exist.")
PARTNER_EXISTS = N_("An organisation with this id already exists.")
NOT_CONNECTED = N_(
    "One of the chosen organisations is not connected yet, so it cannot receive a signal. "
    "Untick it and send again."
)
# Help first, then the police, then supervision: the order in which reporters see the groups.
# The municipality's label says it is not help: supervision can act against a workplace.
KIND_LABELS = {
    "care": N_("Help and care"),
    "police": N_("Police"),
    "municipality": N_("Municipality: supervision, not help"),
}
KIND_ORDER = tuple(KIND_LABELS)


@dataclass(frozen=True)
class Choice:
    """A partner as the reporter's consent step shows it, in the reporter's language."""

    id: str
    kind: str
    name: str
    description: str
    # The language of name and description: another one when the page's has no text yet.
    language: str
    # Only a partner with a key can receive a signal; the others are shown but not offered.
    connected: bool


def active_partners(session: Session) -> list[Partner]:
    return list(session.scalars(select(Partner).where(Partner.active).order_by(Partner.name)))


def all_partners(session: Session) -> list[Partner]:
    return list(session.scalars(select(Partner).order_by(Partner.name)))


def require_active(session: Session, partner_ids: set[str]) -> None:
    if not partner_ids:
        return
    found = set(
        session.scalars(select(Partner.id).where(Partner.id.in_(partner_ids), Partner.active))
    )
    if found != partner_ids:
        raise Unprocessable("unknown_partner", UNKNOWN_PARTNER)


def connected_ids(session: Session) -> set[str]:
    """Active partners that have a key that is not retired: those a signal can reach."""
    query = (
        select(Partner.id)
        .join(PartnerKey, PartnerKey.partner_id == Partner.id)
        .where(Partner.active, PartnerKey.retired_at.is_(None))
    )
    return set(session.scalars(query))


def reporter_choices(session: Session, language: str) -> list[Choice]:
    listed = active_partners(session)
    by_partner = texts.texts_by_partner(session, listed)
    connected = connected_ids(session)
    choices = []
    for partner in listed:
        text = texts.shown(by_partner[partner.id], language)
        choices.append(
            Choice(
                id=partner.id,
                kind=partner.kind,
                name=text.name,
                description=text.description,
                language=text.language,
                connected=partner.id in connected,
            )
        )
    return sorted(choices, key=lambda c: (KIND_ORDER.index(c.kind), c.name.casefold()))


def grouped(choices: list[Choice]) -> list[tuple[str, list[Choice]]]:
    """The choices per kind, in the order of ``KIND_ORDER``; kinds without a partner left out."""
    groups = [(kind, [c for c in choices if c.kind == kind]) for kind in KIND_ORDER]
    return [(kind, group) for kind, group in groups if group]


def require_connected(session: Session, partner_ids: set[str]) -> None:
    """A reporter may consent only to a partner that can receive a signal (DESIGN: consent)."""
    require_active(session, partner_ids)
    if partner_ids - connected_ids(session):
        raise Unprocessable("partner_not_connected", NOT_CONNECTED)


def get(session: Session, partner_id: str) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFound("partner_not_found", PARTNER_NOT_FOUND)
    return partner


def create(session: Session, *, partner_id: str, name: str, kind: str, description: str) -> Partner:
    if session.get(Partner, partner_id) is not None:
        raise Conflict("partner_exists", PARTNER_EXISTS)
    partner = Partner(id=partner_id, name=name, kind=kind, description=description, active=True)
    session.add(partner)
    session.flush()
    return partner


def update(session: Session, *, partner_id: str, change: dict[str, object]) -> Partner:
    """Change name, kind, description or the active flag; the id is what consents refer to."""
    partner = get(session, partner_id)
    for field, value in change.items():
        setattr(partner, field, value)
    session.flush()
    return partner
