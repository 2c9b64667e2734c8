"""The reporter hears in their mailbox which partner a signal went to, once it is released."""

from __future__ import annotations

import html
import uuid

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.models import NoticeDue, Partner, QueuedSignal, Report
from app.security.server_keys import ServerKeys
from app.signals import notices, service
from tests.conftest import TotpClock
from tests.factories import reporter
from tests.signals.helpers import BELLE, POLICE, Region, region, release, signal_to

SIGNAL_SENT = {"kind": "signal_sent"}


@pytest.fixture
def place(app: FastAPI, client: TestClient, totp_clock: TotpClock) -> Region:
    return region(app, client, totp_clock, consents=[BELLE])


def _mailbox(place: Region) -> list[tuple[str, dict[str, object]]]:
    assert place.case.receipt is not None
    return [(e.kind, e.content) for e in place.reporter.read_mailbox(place.case.receipt)[1]]


def test_the_notice_follows_the_release_not_the_advisers_click(app: FastAPI, place: Region) -> None:
    signal_to(place, BELLE)
    assert _mailbox(place) == []

    release(app)

    assert _mailbox(place) == [("notice", {**SIGNAL_SENT, "partner": BELLE})]
    # The team reads the same notice in the case's thread (sealed to the inbox key too).
    thread = place.admin.client.read_case(place.case_id).messages
    assert thread == [{"kind": "notice", "content": {**SIGNAL_SENT, "partner": BELLE}}]


def test_only_partners_the_reporter_allowed_are_named_by_the_release(
    app: FastAPI, place: Region
) -> None:
    signal_to(
        place,
        BELLE,
        POLICE,
        exception="legal_duty",
        reason="A court order.",
        notice={"text": "We had to tell the police."},
    )
    release(app)

    # The exception has its own notice, written by the adviser; the release adds only Belle.
    assert _mailbox(place) == [
        ("notice", {"text": "We had to tell the police."}),
        ("notice", {**SIGNAL_SENT, "partner": BELLE}),
    ]


def test_the_queue_row_names_no_report_in_the_clear(app: FastAPI, place: Region) -> None:
    signal_to(place, BELLE)
    with app.state.database.sessionmaker() as session:
        [queued] = session.scalars(select(QueuedSignal))
        sealed = queued.pending_notice
    assert sealed is not None
    for form in (place.case_id.bytes, str(place.case_id).encode(), place.case_id.hex.encode()):
        assert form not in sealed
    # Sealed to a fixed size, whatever it holds.
    other = notices.seal_pending(
        ServerKeys.from_secret("another-secret-" + "y" * 40).signal_notice,
        signal_id=uuid.uuid4(),
        report=_report(app, place.case_id),
        partners=[],
    )
    assert len(other) == len(sealed)


def test_a_report_erased_while_its_signal_waited_gets_no_notice_and_the_signal_still_goes(
    app: FastAPI, place: Region
) -> None:
    signal_to(place, BELLE)
    assert place.case.receipt is not None
    place.reporter.erase(place.case.receipt)

    assert release(app).released == 1

    assert len(place.belle.client.list_signals()) == 1
    assert _notices_due(app) == 0


def test_a_one_way_report_gets_no_notice(app: FastAPI, client: TestClient, place: Region) -> None:
    one_way = reporter(client).submit({"text": "no mailbox"}, consents=[BELLE], one_way=True)
    place.admin.client.send_signal(
        one_way.report_id,
        {"text": "A client hits sex workers."},
        partners=[BELLE],
        category="threats",
        period="2026-11",
    )
    assert release(app).released == 1
    assert _notices_due(app) == 0


def test_a_notice_sealed_under_another_secret_is_dropped_and_the_signal_goes(
    app: FastAPI, place: Region
) -> None:
    signal_to(place, BELLE)
    with app.state.database.sessionmaker() as session:
        other = ServerKeys.from_secret("another-secret-" + "y" * 40).signal_notice
        counts = service.release(session, notice_key=other)
        session.commit()
    assert counts.released == 1
    assert _notices_due(app) == 0
    assert _mailbox(place) == []


def test_notices_left_due_by_a_failed_run_are_written_by_the_next(
    app: FastAPI, place: Region
) -> None:
    key = app.state.keys.signal_notice
    signal_to(place, BELLE)
    with app.state.database.sessionmaker() as session:
        service.release(session, notice_key=key)
        session.commit()
    # The notices' own transaction never ran (the process stopped after the release).
    assert _notices_due(app) == 1
    assert _mailbox(place) == []

    assert service.deliver_notices(app.state.database, notice_key=key) == 1

    assert _notices_due(app) == 0
    assert _mailbox(place) == [("notice", {**SIGNAL_SENT, "partner": BELLE})]


def _notices_due(app: FastAPI) -> int:
    with app.state.database.sessionmaker() as session:
        return len(list(session.scalars(select(NoticeDue))))


def _report(app: FastAPI, report_id: uuid.UUID) -> Report:
    with app.state.database.sessionmaker() as session:
        report = session.get(Report, report_id)
        assert report is not None
        session.expunge(report)
        return report


def _open_page(client: TestClient, receipt: str, lang: str = "nl") -> str:
    response = client.post(f"/{lang}/mailbox", data={"receipt": receipt, "action": "read"})
    assert response.status_code == 200
    return html.unescape(response.text)


def _partner_name(app: FastAPI, partner_id: str) -> str:
    with app.state.database.sessionmaker() as session:
        partner = session.get(Partner, partner_id)
        assert partner is not None
        return partner.name


def test_without_javascript_the_thread_shows_the_choices_and_the_signal_notice(
    app: FastAPI, client: TestClient, place: Region
) -> None:
    sender = reporter(client)
    sent = sender.submit(
        {"wants": ["pass_on"], "what": ["threats", "stealthing"], "text": "Hij dreigde."},
        consents=[BELLE],
    )
    assert sent.receipt is not None
    belle = _partner_name(app, BELLE)

    page = _open_page(client, sent.receipt)

    chosen = page.split('class="sent-choices"')[1].split("</div>")[0]
    assert "Bedreiging" in chosen and "Condoom" in chosen
    assert "Fysiek geweld" not in chosen
    assert "Wie een signaal zonder je naam mag krijgen" in chosen and belle in chosen
    assert "Een signaal zonder je naam" not in page

    place.admin.client.send_signal(
        sent.report_id,
        {"text": "A client threatens sex workers."},
        partners=[BELLE],
        category="threats",
        period="2026-11",
    )
    assert "Een signaal zonder je naam" not in _open_page(client, sent.receipt)
    release(app)

    page = _open_page(client, sent.receipt)
    assert f"Een signaal zonder je naam is naar {belle} gegaan." in page
    assert "A signal without your name went to " in _open_page(client, sent.receipt, "en")


def test_without_javascript_a_report_without_consent_says_so(
    client: TestClient, place: Region
) -> None:
    sent = reporter(client).submit({"what": ["other"], "text": "Iets."}, consents=[])
    assert sent.receipt is not None
    page = _open_page(client, sent.receipt)
    assert "Je hebt geen enkele organisatie toestemming gegeven voor een signaal." in page
