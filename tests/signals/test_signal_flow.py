"""Signals end to end: consent-checked routing, an audited override that the reporter is told of,
partners that read only their own signals, and feedback that reaches the team, not the reporter."""

from __future__ import annotations

import uuid

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.models import AuditEntry, Message, QueuedSignal, Signal, SignalDelivery
from client.audit import open_case
from client.errors import ApiError
from tests.conftest import TotpClock
from tests.factories import enrol
from tests.signals.helpers import BELLE, POLICE, Region, region, release, signal_to
from tests.staff.helpers import count, refused, rows


@pytest.fixture
def place(app: FastAPI, client: TestClient, totp_clock: TotpClock) -> Region:
    return region(app, client, totp_clock)


def test_a_signal_to_a_partner_the_reporter_allowed_goes_through(
    app: FastAPI, place: Region
) -> None:
    sent = signal_to(place, BELLE)

    assert sent["overridden"] == [] and sent["notice_id"] is None
    assert sent["release"] == "queued"
    # The partner sees nothing until the batch goes out; the team sees it waiting.
    assert place.belle.client.list_signals() == []
    [waiting] = place.admin.client.signals()
    assert (waiting["status"], waiting["queued_until"]) == ("queued", sent["queued_until"])
    assert waiting["team_copy"]["case"] == str(place.case_id)

    assert release(app).released == 1

    [delivery] = place.belle.client.list_signals()
    signal = place.belle.client.read_signal(uuid.UUID(delivery["id"]))
    assert signal.content["text"].startswith("A client in the region")
    assert (signal.category, signal.period, signal.status) == (
        "physical_violence",
        "2026-11",
        "new",
    )
    [team] = place.admin.client.signals()
    assert (team["status"], team["queued_until"]) == ("sent", None)
    assert team["team_copy"]["case"] == str(place.case_id)


def test_a_signal_to_a_partner_the_reporter_did_not_allow_is_refused_and_writes_nothing(
    app: FastAPI, place: Region
) -> None:
    assert refused(signal_to, place, POLICE) == (403, "no_consent")
    # Asking for both is refused as a whole: not even Belle's copy is stored.
    assert refused(signal_to, place, BELLE, POLICE) == (403, "no_consent")

    assert count(app, QueuedSignal) == count(app, Signal) == count(app, SignalDelivery) == 0
    # The adviser's comparison of each partner key is on record; no routing is.
    assert [e for e in rows(app, AuditEntry) if e["action"] == "case.route"] == []
    assert place.police.client.list_signals() == []


def test_an_override_is_audited_and_the_reporter_is_told(app: FastAPI, place: Region) -> None:
    sent = signal_to(
        place,
        POLICE,
        exception="acute_danger",
        reason="He said he would come back tonight with a knife.",
        notice={"text": "We told the police, because we think you are in danger now."},
    )

    assert sent["overridden"] == [POLICE]
    [route] = [e for e in rows(app, AuditEntry) if e["action"] == "case.route"]
    version = route["case_inbox_version"]
    opened = open_case(
        place.admin.client.inbox_keys[version],
        seq=route["seq"],
        version=version,
        sealed=route["case_sealed"],
    )
    detail = opened.detail
    assert opened.case_id == place.case_id
    assert detail["override"]["exception"] == "acute_danger"
    assert detail["override"]["partners"] == [POLICE]
    assert detail["override"]["reporter_notified"] is True
    assert route["actor_id"] == place.admin.id and route["signal_ref"] is None
    # The written reason is kept for the team, sealed: not in the log's plaintext.
    assert "knife" not in route["detail"]
    assert place.case.receipt is not None
    _report, entries = place.reporter.read_mailbox(place.case.receipt)
    assert [e.kind for e in entries] == ["notice"]
    assert "in danger now" in entries[0].content["text"]
    # Acute danger does not wait for the next release: the police have it already.
    assert (sent["release"], sent["queued_until"]) == ("sent_now", None)
    [police_copy] = place.police.client.list_signals()
    assert place.police.client.read_signal(uuid.UUID(police_copy["id"])).urgency == "normal"


def test_an_override_needs_a_notice_when_the_reporter_has_a_mailbox(
    app: FastAPI, place: Region
) -> None:
    assert refused(signal_to, place, POLICE, exception="legal_duty", reason="A court order.") == (
        422,
        "notice_required",
    )
    assert refused(
        signal_to, place, BELLE, exception="legal_duty", reason="Not needed.", notice={"t": 1}
    ) == (422, "override_not_needed")
    assert count(app, QueuedSignal) == count(app, Signal) == count(app, Message) == 0


def test_the_partner_acknowledges_and_its_feedback_reaches_the_team(
    app: FastAPI, place: Region
) -> None:
    sent = signal_to(place, BELLE)
    release(app)
    belle = place.belle.client
    delivery_id = uuid.UUID(belle.list_signals(status="new")[0]["id"])

    belle.acknowledge(delivery_id)
    belle.send_feedback(
        delivery_id, {"text": "We know this client. Can she call us?"}, inbox=belle.inbox_key()
    )

    assert belle.list_signals(status="new") == []
    [acknowledged] = belle.list_signals(status="acknowledged")
    assert acknowledged["acknowledged_on"] is not None
    [feedback] = place.admin.client.signal_feedback(uuid.UUID(str(sent["id"])))
    assert feedback == {
        "partner_id": BELLE,
        "content": {"text": "We know this client. Can she call us?"},
    }
    [team] = place.admin.client.signals()
    assert team["deliveries"][0]["status"] == "acknowledged"
    assert team["deliveries"][0]["feedback"] == 1
    # Partners never reach the reporter: the mailbox holds only the release's notice, which
    # names the partner and nothing of its feedback.
    assert place.case.receipt is not None
    entries = place.reporter.read_mailbox(place.case.receipt)[1]
    assert [(e.kind, e.content) for e in entries] == [
        ("notice", {"kind": "signal_sent", "partner": BELLE})
    ]


def test_partners_see_only_their_own_signals(
    app: FastAPI, client: TestClient, totp_clock: TotpClock
) -> None:
    place = region(app, client, totp_clock, consents=[BELLE, POLICE])
    signal_to(place, BELLE, POLICE)
    release(app)
    [belle_copy] = place.belle.client.list_signals()
    [police_copy] = place.police.client.list_signals()

    for reader, other in ((place.belle, police_copy), (place.police, belle_copy)):
        other_id = uuid.UUID(other["id"])
        assert refused(reader.client.read_signal, other_id) == (404, "signal_not_found")
        assert refused(reader.client.acknowledge, other_id) == (404, "signal_not_found")
    # A Belle user who logs in with the staff login sees Belle's signals only.
    token = place.admin.client.invite_partner_user(BELLE, "belle.anna")
    anna = enrol(client, totp_clock, token, "belle.anna")
    listed = anna.client.request("GET", "/api/v1/partner/signals").json()
    assert [s["id"] for s in listed] == [belle_copy["id"]]
    missing = anna.client.http.get(
        f"/api/v1/partner/signals/{police_copy['id']}", headers=anna.client._headers()
    )
    assert missing.status_code == 404
    # ... and none of the team's: a partner user is not an adviser.
    assert refused(anna.client.request, "GET", "/api/v1/cases") == (403, "not_allowed")
    assert refused(anna.client.request, "GET", "/api/v1/signals") == (403, "not_allowed")
    assert refused(anna.client.request, "GET", "/api/v1/staff/members") == (403, "not_allowed")


def test_a_revoked_token_is_refused(app: FastAPI, place: Region) -> None:
    signal_to(place, BELLE)
    release(app)
    token_id, secret = place.admin.client.create_token(BELLE, "second system")
    from client.partner import PartnerClient

    second = PartnerClient(place.belle.client.http, api_token=secret, keys=[place.belle.key])
    assert len(second.list_signals()) == 1

    place.admin.client.revoke_token(BELLE, token_id)

    with pytest.raises(ApiError) as caught:
        second.list_signals()
    assert (caught.value.status, caught.value.code) == (401, "token_invalid")
    assert len(place.belle.client.list_signals()) == 1


def test_no_stored_value_links_a_signal_to_its_report(app: FastAPI, place: Region) -> None:
    sent = signal_to(
        place,
        BELLE,
        POLICE,
        exception="suspected_minor",
        reason="She said she is sixteen.",
        notice={"text": "We passed on a signal because we worry about someone under 18."},
    )
    release(app)
    belle = place.belle.client
    delivery = uuid.UUID(belle.list_signals()[0]["id"])
    belle.acknowledge(delivery)
    belle.send_feedback(delivery, {"text": "thanks"}, inbox=belle.inbox_key())
    report_forms = _forms(place.case_id)
    signal_ids = [uuid.UUID(str(sent["id"]))] + [
        uuid.UUID(d["id"])
        for d in sent["deliveries"]  # type: ignore[attr-defined]
    ]
    signal_forms = [form for s in signal_ids for form in _forms(s)]

    from app.models import Base
    from tests.staff.helpers import row_bytes

    for table in Base.metadata.sorted_tables:
        for row in rows(app, table):
            blob = row_bytes(row)
            names_report = any(form in blob for form in report_forms)
            names_signal = any(form in blob for form in signal_forms)
            assert not (names_report and names_signal), (table.name, row)
            if table.name.startswith("signal"):
                assert not names_report, (table.name, row)


def _forms(value: uuid.UUID) -> list[bytes]:
    return [str(value).encode(), value.hex.encode(), value.bytes]
