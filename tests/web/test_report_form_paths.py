"""The form's two ways in without JavaScript: about oneself, or worried about someone else.

The choice and what was seen travel only inside the sealed report; the server refuses values the
form never offers there instead of guessing.
"""

from __future__ import annotations

import base64
import re

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.web.rendering import PAGE_CSP, REPORT_PAGE_CSP
from tests.factories import Member
from tests.reports.helpers import all_rows, row_counts
from tests.staff.helpers import row_bytes
from tests.web.pictures import TRACES, photo_with_gps
from tests.web.test_pages_without_javascript import admin, form_token, send  # noqa: F401

WORRY = "Een collega mag nooit alleen de deur uit."


def test_the_landing_page_offers_both_ways_in(client: TestClient) -> None:
    start = client.get("/nl/").text

    assert 'href="/nl/report?about=self">Het is mij overkomen</a>' in start
    assert 'href="/nl/report?about=other">Ik maak me zorgen om iemand anders</a>' in start
    assert "mannen, trans en non-binaire mensen" in start


def test_the_form_about_someone_else_asks_what_was_seen(client: TestClient) -> None:
    other = client.get("/nl/report?about=other").text
    own = client.get("/nl/report").text

    assert 'name="about" value="other"' in other and 'name="seen"' in other
    assert 'name="what"' not in other and 'name="other_name"' not in other
    assert "we kunnen niet beloven hoe het afloopt" in other
    assert 'name="about" value="self"' in own and 'name="seen"' not in own
    # Talking is offered once, as a want, not again as a category.
    assert 'value="talk"' in own and 'value="just_talk"' not in own
    for jargon in ("exploitant", "geldezel", "uitstapprogramma"):
        assert jargon not in own
    # A value the landing page never links to is the ordinary form.
    assert 'name="about" value="self"' in client.get("/nl/report?about=boss").text
    # Switching language keeps the path; no other query parameter is repeated in the links.
    assert 'href="/ro/report?about=other"' in other
    assert 'href="/ro/report"' in client.get("/nl/report?about=self&x=1").text


def test_a_worry_sent_without_javascript_reaches_the_adviser_sealed(
    app: FastAPI,
    client: TestClient,
    admin: Member,  # noqa: F811
) -> None:
    page = send(
        client,
        {
            "about": "other",
            "seen": ["cannot_leave_or_refuse", "under_18"],
            "when": "week",
            "municipality": "hilversum",
            "text": WORRY,
        },
    )

    assert page.status_code == 200, page.text
    [case] = admin.client.list_cases()["items"]
    report = admin.client.read_case(case["id"]).report
    assert report["about"] == "other"
    assert report["seen"] == ["cannot_leave_or_refuse", "under_18"]
    assert report["text"] == WORRY and "what" not in report and "wants" not in report
    for row in all_rows(app, "reports"):
        assert WORRY.encode() not in row_bytes(row)
        assert b"under_18" not in row_bytes(row)

    # The reporter's mailbox shows the path and what was seen, from their own sealed copy.
    [receipt] = re.findall(r'<p class="receipt">([^<]+)</p>', page.text)
    thread = client.post("/nl/mailbox", data={"receipt": receipt, "action": "read"}).text
    assert '<p class="sent-about">Ik maak me zorgen om iemand anders</p>' in thread
    assert 'data-value="cannot_leave_or_refuse"' in thread and 'data-value="under_18"' in thread
    assert 'data-value="threats"' not in thread


def test_a_report_about_oneself_says_so_inside(client: TestClient, admin: Member) -> None:  # noqa: F811
    send(client, {"what": ["threats"]})

    [case] = admin.client.list_cases()["items"]
    assert admin.client.read_case(case["id"]).report["about"] == "self"


def test_unknown_choices_for_who_or_what_was_seen_are_refused_in_the_page_language(
    app: FastAPI,
    client: TestClient,
    admin: Member,  # noqa: F811
) -> None:
    unknown_about = send(client, {"about": "boss", "text": WORRY})
    unknown_seen = send(client, {"about": "other", "seen": ["under_18", "gossip"]}, lang="en")
    nothing_seen = send(client, {"about": "other", "when": "today"})

    assert unknown_about.status_code == 422
    assert "Kies of het jou is overkomen of iemand anders" in unknown_about.text
    assert unknown_seen.status_code == 422
    assert "One of the choices under &#39;What did you see?&#39; is not known" in unknown_seen.text
    assert 'href="#step-seen"' in unknown_seen.text
    # What was ticked is kept, so nothing has to be chosen twice.
    assert 'value="under_18" checked' in unknown_seen.text
    assert nothing_seen.status_code == 422
    assert '<a href="#step-seen">Kies wat je hebt gezien' in nothing_seen.text
    assert 'name="about" value="other"' in nothing_seen.text
    assert row_counts(app)["reports"] == 0


def test_only_wanting_to_talk_is_a_whole_report(client: TestClient, admin: Member) -> None:  # noqa: F811
    page = send(client, {"wants": ["talk"]})

    assert page.status_code == 200
    [case] = admin.client.list_cases()["items"]
    assert admin.client.read_case(case["id"]).report["wants"] == ["talk"]


def test_pictures_cleaned_by_the_server_say_so_inside_the_report(
    client: TestClient,
    admin: Member,  # noqa: F811
) -> None:
    token = form_token(client.get("/nl/report?about=other"))
    page = client.post(
        "/nl/report",
        data={"token": token, "about": "other", "seen": ["something_else"]},
        files=[("attachments", ("IMG_1.jpg", photo_with_gps(), "image/jpeg"))],
    )

    assert page.status_code == 200, page.text
    [case] = admin.client.list_cases()["items"]
    [picture] = admin.client.read_case(case["id"]).report["attachments"]
    assert picture["cleaned"] == "server"
    assert not [t for t in TRACES if t in base64.b64decode(picture["data"])]


def test_only_the_form_may_show_blob_pictures(client: TestClient) -> None:
    def csp(response: httpx.Response) -> str:
        return response.headers["content-security-policy"]

    assert "blob:" in csp(client.get("/nl/report"))
    assert csp(client.get("/nl/report")) == REPORT_PAGE_CSP
    for path in ("/nl/", "/nl/danger", "/nl/mailbox"):
        assert csp(client.get(path)) == PAGE_CSP and "blob:" not in PAGE_CSP
