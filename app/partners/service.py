"""The partner registry: chain partners are data that admins edit, not code (TAXONOMY.md)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import N_, Conflict, NotFound, Unprocessable
from app.models import Partner

UNKNOWN_PARTNER = N_("One of the chosen organisations is not known. Reload the page.")
PARTNER_NOT_FOUND = N_("This organisation does not exist.")
PARTNER_EXISTS = N_("An organisation with this id already exists.")


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
