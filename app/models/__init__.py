"""All ORM models, one module per table; Alembic takes its metadata from here."""

from app.models.api_token import ApiToken
from app.models.audit_entry import AuditEntry
from app.models.audit_head import AuditHead
from app.models.base import Base
from app.models.case_label import CaseLabel
from app.models.consent import Consent
from app.models.erasure_tombstone import ErasureTombstone
from app.models.inbox_key import InboxKey
from app.models.inbox_key_wrap import InboxKeyWrap
from app.models.message import Message
from app.models.note import Note
from app.models.notice_due import NoticeDue
from app.models.partner import Partner
from app.models.partner_enrolment import PartnerEnrolment
from app.models.partner_key import PartnerKey
from app.models.partner_text import PartnerText
from app.models.queued_signal import QueuedSignal
from app.models.recovery_code import RecoveryCode
from app.models.report import Report
from app.models.security_key import StaffSecurityKey
from app.models.signal import Signal
from app.models.signal_delivery import SignalDelivery
from app.models.signal_feedback import SignalFeedback
from app.models.staff_member import StaffMember
from app.models.staff_session import StaffSession

__all__ = [
    "ApiToken",
    "AuditEntry",
    "AuditHead",
    "Base",
    "CaseLabel",
    "Consent",
    "ErasureTombstone",
    "InboxKey",
    "InboxKeyWrap",
    "Message",
    "Note",
    "NoticeDue",
    "Partner",
    "PartnerEnrolment",
    "PartnerKey",
    "PartnerText",
    "QueuedSignal",
    "RecoveryCode",
    "Report",
    "Signal",
    "SignalDelivery",
    "SignalFeedback",
    "StaffMember",
    "StaffSecurityKey",
    "StaffSession",
]
