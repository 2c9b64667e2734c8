"""Safety numbers that an adviser compared before their browser sealed to a key from the server.

The comparison itself happens between people (DESIGN: team changes; docs/crypto.md). The server
only checks that the number a client reports belongs to the key it holds, so that a console bug
cannot record a comparison of the wrong key, and the routes write each one to the audit log
(``member.key_verified``, ``partner_key.verified``) with the key's number and never a case (R5).
"""

from __future__ import annotations

import hmac
import uuid
from collections.abc import Iterable
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import service as audit
from app.errors import N_, NotFound, Unprocessable
from app.models import PartnerKey, StaffMember
from crypto import load_public_key, safety_number

NOT_VERIFIED = N_("Compare the safety number of this key before you give it access.")
MISMATCH = N_("This safety number does not belong to this key. Compare it again.")
KEY_NOT_FOUND = N_("This key does not exist.")


class VerifiedWrap(Protocol):
    member_id: uuid.UUID
    safety_number: str | None


def _require(public_key: bytes | None, number: str | None) -> None:
    if number is None or public_key is None:
        raise Unprocessable("key_not_verified", NOT_VERIFIED)
    if not hmac.compare_digest(
        number.encode(), safety_number(load_public_key(public_key)).encode()
    ):
        raise Unprocessable("safety_number_mismatch", MISMATCH)


def require_safety_number(member: StaffMember, number: str | None) -> None:
    _require(member.public_key, number)


def verify_partner_key(
    session: Session, *, partner_id: str, key_id: str, number: str
) -> PartnerKey:
    """The partner key ``key_id`` of ``partner_id``, if ``number`` is its safety number."""
    key = session.scalars(
        select(PartnerKey).where(PartnerKey.partner_id == partner_id, PartnerKey.key_id == key_id)
    ).first()
    if key is None:
        raise NotFound("key_not_found", KEY_NOT_FOUND)
    _require(key.public_key, number)
    return key


def record_key_verified(
    session: Session, *, actor: StaffMember, member_id: uuid.UUID, number: str
) -> None:
    audit.record(
        session,
        actor_kind="staff",
        actor_id=actor.id,
        action="member.key_verified",
        detail={"member": str(member_id), "safety_number": number},
    )


def record_verified_wraps(
    session: Session, *, actor: StaffMember, wraps: Iterable[VerifiedWrap]
) -> None:
    """One ``member.key_verified`` entry per colleague whose number the maker compared."""
    for wrap in wraps:
        if wrap.member_id != actor.id and wrap.safety_number is not None:
            record_key_verified(
                session, actor=actor, member_id=wrap.member_id, number=wrap.safety_number
            )


def record_partner_key_verified(session: Session, *, actor: StaffMember, key: PartnerKey) -> None:
    audit.record(
        session,
        actor_kind="staff",
        actor_id=actor.id,
        action="partner_key.verified",
        detail={
            "partner": key.partner_id,
            "key_id": key.key_id,
            "safety_number": safety_number(load_public_key(key.public_key)),
        },
    )
