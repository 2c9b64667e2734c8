from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import N_, Unprocessable
from app.models import Partner

UNKNOWN_PARTNER = N_("One of the chosen organisations is not known. Reload the page.")


def active_partners(session: Session) -> list[Partner]:
    return list(session.scalars(select(Partner).where(Partner.active).order_by(Partner.name)))


def require_active(session: Session, partner_ids: set[str]) -> None:
    if not partner_ids:
        return
    found = set(
        session.scalars(select(Partner.id).where(Partner.id.in_(partner_ids), Partner.active))
    )
    if found != partner_ids:
        raise Unprocessable("unknown_partner", UNKNOWN_PARTNER)
