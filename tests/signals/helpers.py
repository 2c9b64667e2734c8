"""A region with two chain partners that registered their own keys, and a reporter's case."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.testclient import TestClient

from client import ReporterClient
from client.partner import PartnerClient, register_key
from client.reporter import SubmittedReport
from crypto import PrivateKey, generate_private_key, public_key_bytes
from tests.conftest import TotpClock
from tests.factories import Member, admin_with_inbox, reporter

BELLE = "belle"
POLICE = "politie-avim"
PERIOD = "2026-11"


@dataclass
class Partner:
    id: str
    key: PrivateKey
    api_token: str
    client: PartnerClient


@dataclass
class Region:
    admin: Member
    reporter: ReporterClient
    case: SubmittedReport
    belle: Partner
    police: Partner

    @property
    def case_id(self) -> uuid.UUID:
        return self.case.report_id


def enrolled_partner(admin: Member, http: TestClient, partner_id: str) -> Partner:
    """The partner's own system makes its key and registers it with an admin's one-time token."""
    key = generate_private_key()
    registration = register_key(
        http,
        enrolment_token=admin.client.partner_enrolment(partner_id),
        public_key=public_key_bytes(key.public_key()),
    )
    assert registration.partner_id == partner_id
    client = PartnerClient(http, api_token=registration.api_token, keys=[key])
    return Partner(partner_id, key, registration.api_token, client)


def region(
    app: FastAPI, http: TestClient, clock: TotpClock, *, consents: list[str] | None = None
) -> Region:
    admin = admin_with_inbox(app, http, clock)
    belle = enrolled_partner(admin, http, BELLE)
    police = enrolled_partner(admin, http, POLICE)
    sender = reporter(http)
    case = sender.submit(
        {"text": "CANARY-signal-report at Jansstraat 4"},
        consents=[BELLE] if consents is None else consents,
    )
    return Region(admin, sender, case, belle, police)


def signal_to(place: Region, *partners: str, **options: object) -> dict[str, object]:
    return place.admin.client.send_signal(
        place.case_id,
        {"text": "A client in the region hits sex workers; the VP will ask what help is wanted."},
        partners=list(partners),
        category="physical_violence",
        period=PERIOD,
        **options,  # type: ignore[arg-type]
    )
