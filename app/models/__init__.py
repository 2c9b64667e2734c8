"""All ORM models, one module per table; Alembic takes its metadata from here."""

from app.models.audit_entry import AuditEntry
from app.models.base import Base
from app.models.case_label import CaseLabel
from app.models.consent import Consent
from app.models.inbox_key import InboxKey
from app.models.inbox_key_wrap import InboxKeyWrap
from app.models.message import Message
from app.models.note import Note
from app.models.partner import Partner
from app.models.recovery_code import RecoveryCode
from app.models.report import Report
from app.models.staff_member import StaffMember
from app.models.staff_session import StaffSession

__all__ = [
    "AuditEntry",
    "Base",
    "CaseLabel",
    "Consent",
    "InboxKey",
    "InboxKeyWrap",
    "Message",
    "Note",
    "Partner",
    "RecoveryCode",
    "Report",
    "StaffMember",
    "StaffSession",
]
