"""A region with two chain partners that registered their own keys, and a reporter's case."""

from __future__ import annotations

import base64
import os
import random
import uuid
from dataclasses import dataclass
from datetime import datetime

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.db import Database, commit
from app.models import QueuedSignal
from app.security.server_keys import ServerKeys
from app.signals import service
from client import ReporterClient
from client.partner import PartnerClient, register_key
from client.reporter import SubmittedReport
from crypto import PrivateKey, generate_private_key, public_key_bytes
from tests.conftest import TEST_SECRET, TotpClock
from tests.factories import Member, admin_with_inbox, reporter
from tests.retention.helpers import inbox_version, partner_key

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


def release_queued(
    database: Database, *, rng: random.Random | None = None, secret: str = TEST_SECRET
) -> service.ReleaseCounts:
    """Run the release step as if the next release time had come: everything queued goes.

    ``secret`` is the server secret the signals were queued under (the mailbox notices are
    sealed with a key derived from it); every test service runs with ``TEST_SECRET``.
    """
    notice_key = ServerKeys.from_secret(secret).signal_notice
    session = database.sessionmaker()
    session.info["database"] = database
    try:
        counts = service.release(session, notice_key=notice_key, rng=rng)
        commit(session)
    finally:
        session.close()
    service.deliver_notices(database, notice_key=notice_key)
    return counts


def release(app: FastAPI) -> service.ReleaseCounts:
    return release_queued(app.state.database)


def queue_signal(session: Session, *, release_at: datetime, partners: list[str]) -> uuid.UUID:
    """A queued signal written straight through the ORM, as if an adviser had sent it."""
    signal_id = uuid.uuid4()
    session.add(
        QueuedSignal(
            id=signal_id,
            release_at=release_at,
            category="threats",
            urgency="normal",
            period=PERIOD,
            inbox_version=inbox_version(session),
            team_ciphertext=os.urandom(96),
            deliveries=[
                {
                    "id": str(uuid.uuid4()),
                    "partner_id": partner_id,
                    "partner_key_id": str(partner_key(session, partner_id)),
                    "ciphertext": base64.b64encode(os.urandom(96)).decode(),
                }
                for partner_id in partners
            ],
        )
    )
    session.flush()
    return signal_id
