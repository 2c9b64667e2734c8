"""Bad signal requests get a clear 4xx and write nothing: no signal, delivery, notice or entry."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.models import (
    AuditEntry,
    Message,
    PartnerKey,
    QueuedSignal,
    Signal,
    SignalDelivery,
    SignalFeedback,
)
from app.models.base import utcnow
from client import protocol
from crypto import load_public_key, seal
from tests.conftest import TotpClock
from tests.factories import connect_partners
from tests.signals.helpers import BELLE, PERIOD, Region, region, release, signal_to
from tests.staff.helpers import count, error_of, headers_of, set_values


@pytest.fixture
def place(app: FastAPI, client: TestClient, totp_clock: TotpClock) -> Region:
    return region(app, client, totp_clock)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _body(place: Region, **change: Any) -> dict[str, Any]:
    key = place.admin.client.recipients()[BELLE]["key"]
    version = max(place.admin.client.inbox_keys)
    inbox = place.admin.client.inbox_keys[version].public_key()
    signal_id, delivery_id = uuid.uuid4(), uuid.uuid4()
    body: dict[str, Any] = {
        "id": str(signal_id),
        "report_id": str(place.case_id),
        "category": "threats",
        "urgency": "normal",
        "period": PERIOD,
        "inbox_version": version,
        "team_ciphertext": _b64(seal(inbox, b"{}", info=protocol.signal_team(signal_id, version))),
        "deliveries": [
            {
                "id": str(delivery_id),
                "partner_id": BELLE,
                "key_id": key["key_id"],
                "ciphertext": _b64(
                    seal(
                        load_public_key(base64.b64decode(key["public_key"])),
                        b"{}",
                        info=protocol.signal_delivery(delivery_id, key["key_id"]),
                    )
                ),
            }
        ],
    }
    body.update(change)
    return body


def _nothing_written(app: FastAPI, audit_before: int) -> None:
    assert count(app, QueuedSignal) == count(app, Message) == 0
    assert count(app, Signal) == count(app, SignalDelivery) == 0
    assert count(app, AuditEntry) == audit_before


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"period": "2026-11-24"}, (422, "invalid_request")),  # a day is too exact
        ({"period": "2026-W54"}, (422, "invalid_request")),
        ({"category": "gossip"}, (422, "invalid_request")),
        ({"urgency": "whenever"}, (422, "invalid_request")),
        ({"team_ciphertext": _b64(b"plain text, not sealed")}, (422, "invalid_request")),
        ({"deliveries": []}, (422, "invalid_request")),
        ({"report_id": str(uuid.uuid4())}, (404, "case_not_found")),
        ({"inbox_version": 7}, (422, "unknown_key_version")),
        ({"id": "not-a-uuid"}, (422, "invalid_request")),
        ({"surprise": True}, (422, "invalid_request")),
    ],
)
def test_a_malformed_signal_is_refused(
    app: FastAPI,
    client: TestClient,
    place: Region,
    change: dict[str, Any],
    expected: tuple[int, str],
) -> None:
    before = count(app, AuditEntry)
    response = client.post(
        "/api/v1/signals", json=_body(place, **change), headers=headers_of(place.admin)
    )
    assert error_of(response) == expected
    _nothing_written(app, before)


def test_a_signal_sealed_to_an_old_partner_key_is_refused(
    app: FastAPI, client: TestClient, place: Region
) -> None:
    body = _body(place)
    body["deliveries"][0]["key_id"] = "0" * 32
    before = count(app, AuditEntry)

    response = client.post("/api/v1/signals", json=body, headers=headers_of(place.admin))

    assert error_of(response) == (409, "stale_partner_key")
    _nothing_written(app, before)


def test_a_signal_sent_twice_is_stored_once(
    app: FastAPI, client: TestClient, place: Region
) -> None:
    body = _body(place)
    assert (
        client.post("/api/v1/signals", json=body, headers=headers_of(place.admin)).status_code
        == 201
    )

    again = client.post("/api/v1/signals", json=body, headers=headers_of(place.admin))

    assert error_of(again)[0] == 409
    assert count(app, QueuedSignal) == 1
    release(app)
    # ... and once more after it went out.
    assert (
        error_of(client.post("/api/v1/signals", json=body, headers=headers_of(place.admin)))[0]
        == 409
    )
    assert count(app, Signal) == count(app, SignalDelivery) == 1
    assert count(app, QueuedSignal) == 0


def test_a_signal_to_a_partner_without_a_key_is_refused(
    app: FastAPI, client: TestClient, totp_clock: TotpClock
) -> None:
    # The reporter consented while the GGD had a key; the key was retired before the signal.
    connect_partners(app, "ggd-soa-poli")
    place = region(app, client, totp_clock, consents=["ggd-soa-poli"])
    set_values(app, PartnerKey, PartnerKey.partner_id == "ggd-soa-poli", retired_at=utcnow())
    assert error_of(
        client.post(
            "/api/v1/signals",
            json=_body(
                place, deliveries=[{**_body(place)["deliveries"][0], "partner_id": "ggd-soa-poli"}]
            ),
            headers=headers_of(place.admin),
        )
    ) == (422, "no_partner_key")


def test_feedback_with_bad_input_writes_nothing(
    app: FastAPI, client: TestClient, place: Region
) -> None:
    signal_to(place, BELLE)
    release(app)
    delivery = place.belle.client.list_signals()[0]["id"]
    url = f"/api/v1/partner/signals/{delivery}/feedback"
    auth = {"Authorization": f"Bearer {place.belle.api_token}"}
    good = {"id": str(uuid.uuid4()), "inbox_version": 1, "ciphertext": _b64(b"x" * 10)}

    assert error_of(client.post(url, json=good, headers=auth)) == (422, "invalid_request")
    assert error_of(client.post(url, json=good, headers={"Authorization": "Bearer vpt_nope"})) == (
        401,
        "token_invalid",
    )
    assert error_of(client.post(url, json=good)) == (401, "session_expired")
    assert count(app, SignalFeedback) == 0
