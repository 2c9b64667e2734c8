"""The case list: newest first, keyset pages, filters and deadlines in each summary."""

from __future__ import annotations

import base64
import uuid
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.models import Report
from app.models.base import today
from tests.cases.helpers import days_ago, listed, new_case
from tests.conftest import TotpClock
from tests.factories import Member, add_colleague, reporter
from tests.staff.helpers import error_of, headers_of, set_values

CASES = "/api/v1/cases"


def test_newest_case_comes_first(client: TestClient, app: FastAPI, admin: Member) -> None:
    oldest = new_case(client, app, days_ago(2))
    newest = new_case(client, app)
    middle = new_case(client, app, days_ago(1))

    assert listed(admin) == [newest, middle, oldest]


def _all_pages(admin: Member, between_pages: object = None) -> tuple[list[uuid.UUID], int]:
    seen: list[uuid.UUID] = []
    cursor, pages = None, 0
    while True:
        page = admin.client.list_cases(limit=2, cursor=cursor)
        assert len(page["items"]) <= 2
        seen += [uuid.UUID(item["id"]) for item in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            return seen, pages
        if callable(between_pages) and pages == 1:
            between_pages()


def test_pages_return_every_case_exactly_once(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    # Two days with several cases each: the id breaks ties within a day.
    ids = [new_case(client, app, days_ago(n % 2)) for n in range(5)]

    seen, pages = _all_pages(admin)

    assert sorted(seen) == sorted(ids)
    assert pages == 3
    expected = sorted(ids, key=lambda i: (-1 if i in ids[1::2] else 0, i), reverse=True)
    assert seen == expected


def test_pages_stay_stable_when_a_case_arrives_between_them(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    ids = [new_case(client, app, days_ago(n % 3)) for n in range(5)]
    arrived: list[uuid.UUID] = []

    seen, _pages = _all_pages(admin, lambda: arrived.append(new_case(client, app)))

    assert len(seen) == len(set(seen))
    assert set(ids) <= set(seen) <= set(ids) | set(arrived)


def test_exactly_full_last_page_has_no_next_cursor(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    for _ in range(2):
        new_case(client, app)
    assert admin.client.list_cases(limit=2)["next_cursor"] is None


def test_summary_shows_both_deadlines(client: TestClient, app: FastAPI, admin: Member) -> None:
    case = new_case(client, app, date(2025, 1, 31))

    item = admin.client.list_cases()["items"][0]

    assert item["id"] == str(case)
    assert item["created_on"] == "2025-01-31"
    assert item["acknowledge_due"] == "2025-02-07"
    assert item["feedback_due"] == "2025-04-30"
    assert item["acknowledge_overdue"] is True and item["feedback_overdue"] is True


def test_fresh_case_is_not_overdue(client: TestClient, app: FastAPI, admin: Member) -> None:
    new_case(client, app)
    item = admin.client.list_cases()["items"][0]
    assert item["acknowledge_due"] == (today() + timedelta(days=7)).isoformat()
    assert item["acknowledge_overdue"] is False and item["feedback_overdue"] is False


def test_filter_by_status(client: TestClient, app: FastAPI, admin: Member) -> None:
    open_case, closed = new_case(client, app), new_case(client, app)
    admin.client.update_case(closed, status="closed")

    assert listed(admin, status="closed") == [closed]
    assert listed(admin, status="new") == [open_case]


def test_filter_by_label(client: TestClient, app: FastAPI, admin: Member) -> None:
    threat, _other = new_case(client, app), new_case(client, app)
    admin.client.update_case(threat, labels=["threats", "stalking_harassment"])

    assert listed(admin, label="threats") == [threat]
    assert listed(admin, label="robbery_theft") == []


def test_filter_by_unknown_label_is_refused(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    new_case(client, app)
    response = client.get(CASES, params={"label": "no_such_label"}, headers=headers_of(admin))
    assert error_of(response) == (422, "invalid_request")


def test_filter_by_unknown_status_is_refused(client: TestClient, admin: Member) -> None:
    response = client.get(CASES, params={"status": "lost"}, headers=headers_of(admin))
    assert error_of(response) == (422, "invalid_request")


def test_filter_by_assignee(
    client: TestClient, app: FastAPI, admin: Member, totp_clock: TotpClock
) -> None:
    vera = add_colleague(admin, client, totp_clock, "vera")
    mine, hers, nobodys = new_case(client, app), new_case(client, app), new_case(client, app)
    admin.client.update_case(mine, assignee_id=str(admin.id))
    admin.client.update_case(hers, assignee_id=str(vera.id))

    assert listed(admin, assignee="me") == [mine]
    assert listed(vera, assignee="me") == [hers]
    assert listed(admin, assignee="none") == [nobodys]
    assert listed(admin, assignee=str(vera.id)) == [hers]


def test_filter_by_malformed_assignee_is_refused(client: TestClient, admin: Member) -> None:
    response = client.get(CASES, params={"assignee": "someone"}, headers=headers_of(admin))
    assert error_of(response) == (400, "invalid_assignee")


def test_overdue_acknowledgement(client: TestClient, app: FastAPI, admin: Member) -> None:
    late = new_case(client, app, days_ago(8))
    new_case(client, app, days_ago(7))

    assert listed(admin, overdue="acknowledge") == [late]
    assert listed(admin, overdue="feedback") == []
    item = next(i for i in admin.client.list_cases()["items"] if i["id"] == str(late))
    assert item["acknowledge_overdue"] is True and item["feedback_overdue"] is False


def test_reply_clears_acknowledgement_overdue(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    late = new_case(client, app, days_ago(8))

    admin.client.reply(late, {"text": "We hebben je melding gelezen."})

    assert listed(admin, overdue="acknowledge") == []
    item = admin.client.list_cases()["items"][0]
    assert item["acknowledged_on"] == today().isoformat()
    assert item["acknowledge_overdue"] is False


def test_overdue_feedback(client: TestClient, app: FastAPI, admin: Member) -> None:
    late = new_case(client, app, days_ago(122))
    unanswered = new_case(client, app, days_ago(80))
    admin.client.reply(late, {"text": "We zijn ermee bezig."})

    assert listed(admin, overdue="feedback") == [late]
    assert listed(admin, overdue="acknowledge") == [unanswered]
    item = next(i for i in admin.client.list_cases()["items"] if i["id"] == str(late))
    assert item["feedback_overdue"] is True and item["acknowledge_overdue"] is False


def test_overdue_any_lists_both_kinds(client: TestClient, app: FastAPI, admin: Member) -> None:
    unacknowledged = new_case(client, app, days_ago(8))
    no_feedback = new_case(client, app, days_ago(122))
    new_case(client, app, days_ago(1))
    admin.client.reply(no_feedback, {"text": "We zijn ermee bezig."})

    assert listed(admin, overdue="any") == [unacknowledged, no_feedback]


def test_one_way_report_has_no_acknowledgement_deadline(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    """Without a mailbox nobody can be told the report arrived: never late for that."""
    one_way = new_case(client, app, days_ago(30), one_way=True)
    with_mailbox = new_case(client, app, days_ago(30))

    assert listed(admin, overdue="acknowledge") == [with_mailbox]
    assert listed(admin, overdue="any") == [with_mailbox]
    item = next(i for i in admin.client.list_cases()["items"] if i["id"] == str(one_way))
    assert item["one_way"] is True
    assert item["acknowledge_due"] is None and item["acknowledge_overdue"] is False
    detail = admin.client.read_case(one_way).summary
    assert detail["acknowledge_due"] is None and detail["acknowledge_overdue"] is False


def test_one_way_report_keeps_its_feedback_deadline(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    one_way = new_case(client, app, days_ago(122), one_way=True)

    assert listed(admin, overdue="feedback") == [one_way]
    assert listed(admin, overdue="any") == [one_way]
    item = admin.client.list_cases()["items"][0]
    assert item["feedback_overdue"] is True and item["acknowledge_overdue"] is False


def test_closing_clears_both_overdue_flags(client: TestClient, app: FastAPI, admin: Member) -> None:
    late = new_case(client, app, days_ago(122))

    admin.client.update_case(late, status="closed")

    for kind in ("acknowledge", "feedback", "any"):
        assert listed(admin, overdue=kind) == []
    item = admin.client.list_cases()["items"][0]
    assert item["acknowledge_overdue"] is False and item["feedback_overdue"] is False


@pytest.mark.parametrize(
    "cursor",
    [
        "!!!",
        "abc",
        base64.urlsafe_b64encode(b"yesterday|someone").decode(),
        base64.urlsafe_b64encode(b"2025-01-01|not-a-uuid").decode(),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ],
)
def test_bad_cursor_is_refused(client: TestClient, admin: Member, cursor: str) -> None:
    response = client.get(CASES, params={"cursor": cursor}, headers=headers_of(admin))
    assert error_of(response) == (400, "invalid_cursor")


def test_stored_status_drives_the_list(client: TestClient, app: FastAPI, admin: Member) -> None:
    case = new_case(client, app)
    set_values(app, Report, Report.id == case, status="waiting")
    assert listed(admin, status="waiting") == [case]


def test_a_case_counts_the_reporters_messages_the_team_has_not_answered_yet(
    client: TestClient, app: FastAPI, admin: Member
) -> None:
    sender = reporter(client)
    sent = sender.submit({"text": "iets is gebeurd"})
    assert sent.receipt is not None

    def unanswered() -> int:
        [item] = [i for i in admin.client.list_cases()["items"] if i["id"] == str(sent.report_id)]
        assert admin.client.read_case(sent.report_id).summary["unanswered"] == item["unanswered"]
        return int(item["unanswered"])

    assert unanswered() == 0
    sender.follow_up(sent.receipt, {"text": "nog iets"})
    sender.follow_up(sent.receipt, {"text": "en nog iets"})
    assert unanswered() == 2
    admin.client.reply(sent.report_id, {"text": "We lezen het."})
    assert unanswered() == 0
    sender.follow_up(sent.receipt, {"text": "dank je"})
    assert unanswered() == 1
