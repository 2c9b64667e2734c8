from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow

MEMBER_STATUSES = ("invited", "active", "removed")


class StaffMember(Base):
    """A confidential adviser (VP), an administrator, or a partner user.

    A partner user belongs to one chain partner and sees only that partner's signals; they log in
    exactly as staff do (Argon2id-hashed authentication value and TOTP).

    The server holds the member's public key, the private key wrapped under a key only their
    passphrase yields, and an Argon2id hash of a separate authentication value (DESIGN: keys).
    """

    __tablename__ = "staff_members"
    __table_args__ = (
        CheckConstraint(f"status IN {MEMBER_STATUSES!r}", name="status"),
        CheckConstraint("is_admin OR is_vp OR partner_id IS NOT NULL", name="has_role"),
        CheckConstraint(
            "partner_id IS NULL OR (NOT is_admin AND NOT is_vp)", name="partner_user_only"
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    is_admin: Mapped[bool] = mapped_column(default=False)
    is_vp: Mapped[bool] = mapped_column(default=True)
    partner_id: Mapped[str | None] = mapped_column(
        String(64), ForeignKey("partners.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default="invited")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    enrolment_token_hash: Mapped[bytes | None] = mapped_column(unique=True)
    enrolment_expires_at: Mapped[datetime | None]
    public_key: Mapped[bytes | None]
    wrapped_private_key: Mapped[bytes | None]
    kdf_salt: Mapped[bytes | None]
    kdf_iterations: Mapped[int | None]
    auth_hash: Mapped[str | None] = mapped_column(String(255))
    # The TOTP seed, sealed under a server key: a stolen database alone does not yield it (T1, T7).
    totp_secret_sealed: Mapped[bytes | None]
    # The last accepted TOTP time step: a code is never accepted twice.
    totp_last_step: Mapped[int | None]
    # Failed logins in a row and when the last was counted: the growing delay of
    # app.staff.login_throttle (T7). A staff member's time is theirs to keep; R3 is about
    # reporters. A successful login sets both back.
    login_failures: Mapped[int] = mapped_column(default=0, server_default="0")
    login_failed_at: Mapped[datetime | None]
