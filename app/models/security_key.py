from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, today


class StaffSecurityKey(Base):
    """A staff member's FIDO2/WebAuthn security key, an alternative second factor to TOTP.

    Only what verifying an assertion needs: the credential id the authenticator chose, its public
    key (COSE) and signature counter, and the label the member gave it. No attestation, no AAGUID,
    no transports: nothing that tells which make of key a member carries.
    """

    __tablename__ = "staff_security_keys"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("staff_members.id", ondelete="CASCADE"), index=True
    )
    credential_id: Mapped[bytes] = mapped_column(unique=True)
    public_key: Mapped[bytes]
    # The authenticator's counter at its last use; a counter that goes back means a cloned key.
    sign_count: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(64))
    # Dates only, as elsewhere: enough to spot a key nobody uses, no trail of logins.
    created_on: Mapped[date] = mapped_column(default=today)
    last_used_on: Mapped[date | None]
