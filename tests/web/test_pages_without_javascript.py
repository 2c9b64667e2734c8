"""The reporter pages as a browser without JavaScript uses them (Tor Browser "Safest").

Plain HTTP through the test client: the form is posted, the server seals it on arrival, and the
receipt it shows opens the mailbox; the adviser reads what was sent with the Python client.
"""

from __future__ import annotations

import base64
import re
import tempfile
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.models import Report
from app.web.rendering import PAGE_CSP, REPORT_PAGE_CSP
from client import ReporterClient, protocol
from crypto import reply_private_key, seal
from tests.conftest import TotpClock
from tests.factories import Member, admin_with_inbox, connect_partners
from tests.reports.helpers import all_rows, row_counts
from tests.staff.helpers import row_bytes
from tests.web.pictures import TRACES, has_gps, pdf_with_author, photo_with_gps, png_with_text

CANARY = "CANARY-geen-js Hij stond bij het raam op de Kerkstraat"


@pytest.fixture
def admin(app: FastAPI, client: TestClient, totp_clock: TotpClock) -> Member:
    return admin_with_inbox(app, client, totp_clock)


def form_token(page: httpx.Response) -> str:
    match = re.search(r'name="token" value="([^"]+)"', page.text)
    assert match, "the form carries no token"
    return match.group(1)


def send(client: TestClient, fields: dict[str, Any], lang: str = "nl") -> httpx.Response:
    token = form_token(client.get(f"/{lang}/report"))
    return client.post(f"/{lang}/report", data={"token": token, **fields})


def receipt_on(page: httpx.Response) -> str:
    match = re.search(r'<p class="receipt"[^>]*>([0-9A-Z -]+)</p>', page.text)
    assert match, "no receipt on the page"
    return match.group(1)


def test_the_root_sends_each_visitor_to_their_language(client: TestClient) -> None:
    dutch = client.get("/", follow_redirects=False)
    english = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}, follow_redirects=False)

    assert (dutch.status_code, dutch.headers["location"]) == (303, "/nl/")
    assert english.headers["location"] == "/en/"


def test_every_page_is_strict_neutral_and_sets_no_cookie(client: TestClient, admin: Member) -> None:
    for path in ("/nl/", "/en/", "/nl/danger", "/nl/report", "/en/report", "/nl/mailbox"):
        page = client.get(path)
        assert page.status_code == 200, path
        # Only the form also allows blob: images, for thumbnails of the pictures it cleaned.
        expected = REPORT_PAGE_CSP if path.endswith("/report") else PAGE_CSP
        assert page.headers["content-security-policy"] == expected
        assert "unsafe-inline" not in expected and "<script>" not in page.text
        assert page.headers["referrer-policy"] == "no-referrer"
        assert page.headers["cache-control"] == "no-store"
        assert "set-cookie" not in page.headers
        assert re.search(r"<title>(Informatie|Information)</title>", page.text), path
        # The quick exit is the first thing in the page, so it is first in tab order.
        body = page.text.split("<body>", 1)[1]
        assert body.lstrip().startswith('<a class="quick-exit" id="quick-exit"'), path
        ids = re.findall(r'\bid="([^"]+)"', page.text)
        assert len(ids) == len(set(ids)), f"{path} repeats an id"
        # Every resource the page loads is the service's own.
        for url in re.findall(r'(?:src|href)="([^"]+)"', page.text.split("<body>")[0]):
            assert url.startswith("/"), url


def test_the_language_switch_names_each_language_in_itself(client: TestClient) -> None:
    page = client.get("/nl/report")

    assert 'href="/en/report" hreflang="en" lang="en">English</a>' in page.text
    assert 'lang="nl" aria-current="page">Nederlands</a>' in page.text
    assert "Wat is er gebeurd?" in page.text
    assert "What happened?" in client.get("/en/report").text
    assert client.get("/xx/report").status_code == 404


def test_the_first_question_is_about_danger_and_yes_shows_112(client: TestClient) -> None:
    start = client.get("/nl/")
    assert "Gebeurt het nu, of ben je nu in gevaar?" in start.text
    assert 'href="/nl/danger"' in start.text
    danger = client.get("/nl/danger")
    assert 'href="tel:112"' in danger.text and "Bel nu 112" in danger.text


def test_a_report_sent_without_javascript_reaches_the_adviser_and_opens_with_the_receipt(
    app: FastAPI, client: TestClient, admin: Member
) -> None:
    connect_partners(app, "belle")
    page = send(
        client,
        {
            "wants": ["talk", "pass_on"],
            "what": ["threats", "stalking_harassment", "not-a-category"],
            "when": "week",
            "municipality": "hilversum",
            "place": "window",
            "other_name": "Rik",
            "text": CANARY,
            "consent": ["belle", "no-such-partner"],
        },
    )

    assert page.status_code == 200
    assert "Je melding is ontvangen" in page.text
    assert "zonder JavaScript" in page.text  # the page says this path is weaker
    receipt = receipt_on(page)
    [case] = admin.client.list_cases()["items"]
    report = admin.client.read_case(case["id"]).report
    assert report["text"] == CANARY
    assert report["what"] == ["threats", "stalking_harassment"]
    assert report["where"] == {"municipality": "hilversum", "place": "window"}
    assert report["other_person"]["name"] == "Rik"
    assert report["sent_without_javascript"] is True
    assert [c["partner_id"] for c in all_rows(app, "consents")] == ["belle"]
    own, _messages = ReporterClient(client).read_mailbox(receipt)
    assert own["text"] == CANARY
    for table in ("reports", "consents", "messages"):
        for row in all_rows(app, table):
            assert CANARY.encode() not in row_bytes(row), table
            assert receipt.encode() not in row_bytes(row), table


def test_a_form_is_sent_once_only(client: TestClient, admin: Member, app: FastAPI) -> None:
    token = form_token(client.get("/nl/report"))
    first = client.post("/nl/report", data={"token": token, "text": "een"})
    again = client.post("/nl/report", data={"token": token, "text": "twee"})

    assert first.status_code == 200
    # Sent again with the same token (a reload), it shows the same receipt and stores nothing.
    assert again.status_code == 200
    assert receipt_on(again) == receipt_on(first)
    assert row_counts(app)["reports"] == 1


def test_an_empty_report_is_refused_and_nothing_stored(
    client: TestClient, admin: Member, app: FastAPI
) -> None:
    page = send(client, {"when": "today", "other_name": "Rik"})

    assert page.status_code == 422
    assert "Kies wat er is gebeurd, of vertel het in je eigen woorden." in page.text
    # What was filled in is shown again, so nothing has to be typed twice.
    assert 'value="Rik"' in page.text and 'value="today" checked' in page.text
    assert row_counts(app)["reports"] == 0


def test_a_one_way_report_has_no_receipt_and_no_mailbox(
    client: TestClient, admin: Member, app: FastAPI
) -> None:
    page = send(client, {"what": ["other"], "one_way": "1"}, lang="en")

    assert page.status_code == 200
    assert "without a receipt" in page.text
    assert 'class="receipt"' not in page.text
    [row] = all_rows(app, "reports")
    assert row["credential_hash"] is None and row["reply_public_key"] is None


def open_mailbox(client: TestClient, receipt: str, lang: str = "nl") -> httpx.Response:
    return client.post(f"/{lang}/mailbox", data={"receipt": receipt, "action": "read"})


def test_the_reporter_reads_a_reply_and_answers_without_javascript(
    client: TestClient, admin: Member
) -> None:
    receipt = receipt_on(send(client, {"what": ["threats"], "text": CANARY}))
    [case] = admin.client.list_cases()["items"]
    admin.client.reply(case["id"], {"text": "Wat naar. Ben je nu veilig?"})

    # Typed as a person might: small letters, spaces instead of dashes.
    page = open_mailbox(client, receipt.lower().replace("-", " "))

    assert page.status_code == 200
    assert "Wat naar. Ben je nu veilig?" in page.text and CANARY in page.text
    token = form_token(page)
    answered = client.post(
        "/nl/mailbox",
        data={"receipt": receipt, "action": "send", "token": token, "text": "Ja, nu wel."},
    )
    assert "Je bericht is verstuurd." in answered.text
    messages = admin.client.read_case(case["id"]).messages
    assert [m["content"]["text"] for m in messages] == [
        "Wat naar. Ben je nu veilig?",
        "Ja, nu wel.",
    ]


def test_a_typo_is_told_apart_from_an_unknown_receipt(client: TestClient, admin: Member) -> None:
    receipt = receipt_on(send(client, {"what": ["other"]}))
    typo = receipt[:-1] + ("0" if receipt[-1] != "0" else "1")
    unknown = crypto_receipt()

    mistyped = open_mailbox(client, typo)
    assert mistyped.status_code == 422 and "typfout" in mistyped.text
    assert "Dit is geen code." in open_mailbox(client, "hallo").text
    refused = open_mailbox(client, unknown)
    assert refused.status_code == 401
    assert "We kennen deze code niet." in refused.text


def test_erasing_needs_a_tick_and_then_leaves_nothing(
    app: FastAPI, client: TestClient, admin: Member
) -> None:
    receipt = receipt_on(send(client, {"what": ["other"], "text": CANARY}))
    token = form_token(open_mailbox(client, receipt))

    unconfirmed = client.post(
        "/nl/mailbox", data={"receipt": receipt, "action": "erase", "token": token}
    )
    assert unconfirmed.status_code == 422
    assert row_counts(app)["reports"] == 1
    token = form_token(unconfirmed)
    erased = client.post(
        "/nl/mailbox",
        data={"receipt": receipt, "action": "erase", "token": token, "confirm": "1"},
    )

    assert "Alles is gewist" in erased.text
    assert row_counts(app)["reports"] == 0
    assert open_mailbox(client, receipt).status_code == 401


def crypto_receipt() -> str:
    from crypto import generate_receipt

    return generate_receipt()


def test_a_wrong_address_gets_a_page_in_the_reporters_language(client: TestClient) -> None:
    missing = client.get("/xx/report", headers={"Accept-Language": "en"})
    nowhere = client.get("/nl/nergens/hier")

    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("text/html")
    assert "This page does not exist." in missing.text and 'href="/en/"' in missing.text
    assert nowhere.status_code == 404 and 'lang="nl"' in nowhere.text
    assert nowhere.headers["content-security-policy"] == PAGE_CSP
    # The API keeps answering in JSON.
    assert client.get("/api/v1/nothing-here").json()["error"]["code"] == "not_found"


def test_pictures_sent_without_javascript_reach_the_adviser_cleaned_and_never_touch_disk(
    client: TestClient, admin: Member, app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Starlette spools an upload over 1 MiB to a temporary file; the only way to see whether one
    # was made (Linux makes them unnamed) is to watch the standard library make it.
    made: list[object] = []
    real = tempfile.TemporaryFile

    def watched(*args: Any, **kwargs: Any) -> Any:
        made.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "TemporaryFile", watched)
    big = photo_with_gps((1600, 1200), noisy=True)
    assert len(big) > 1024 * 1024 and has_gps(big)
    token = form_token(client.get("/nl/report"))

    page = client.post(
        "/nl/report",
        data={"token": token, "what": ["threats"], "text": CANARY},
        files=[
            ("attachments", ("IMG_20261124_Jane.jpg", big, "image/jpeg")),
            ("attachments", ("chat.png", png_with_text(), "image/png")),
            ("attachments", ("", b"", "application/octet-stream")),  # an input left empty
        ],
    )

    assert page.status_code == 200, page.text
    assert made == []
    receipt = receipt_on(page)
    [case] = admin.client.list_cases()["items"]
    report = admin.client.read_case(case["id"]).report
    assert [a["type"] for a in report["attachments"]] == ["image/jpeg", "image/png"]
    for attachment in report["attachments"]:
        data = base64.b64decode(attachment["data"])
        assert not [trace for trace in TRACES if trace in data]
    assert "IMG_20261124_Jane" not in str(report)
    own, _messages = ReporterClient(client).read_mailbox(receipt)
    assert own["text"] == CANARY and "attachments" not in own
    for row in all_rows(app, "reports"):
        assert b"IMG_2026" not in row_bytes(row)


def test_a_pdf_without_javascript_is_refused_with_a_reason_and_nothing_stored(
    client: TestClient, admin: Member, app: FastAPI
) -> None:
    token = form_token(client.get("/en/report"))

    page = client.post(
        "/en/report",
        data={"token": token, "text": "See the letter"},
        files=[("attachments", ("letter.pdf", pdf_with_author(), "application/pdf"))],
    )

    assert page.status_code == 422
    assert "A PDF can only be added with JavaScript on." in page.text
    assert "See the letter" in page.text  # what was typed is kept
    assert row_counts(app)["reports"] == 0


def test_a_form_that_cannot_be_parsed_gets_a_clear_error(client: TestClient, admin: Member) -> None:
    page = client.post(
        "/nl/report",
        content=b"--x\r\nnonsense",
        headers={"Content-Type": "multipart/form-data"},  # no boundary
    )

    assert page.status_code == 400
    assert "text/html" in page.headers["content-type"]
    assert "Het formulier kon niet worden gelezen." in page.text


def test_a_copy_nested_too_deeply_still_opens_the_mailbox_page(
    client: TestClient, admin: Member, app: FastAPI
) -> None:
    # The reporter's own browser sealed it, so only the page that decrypts it sees the nesting,
    # deeper than Python's parser can follow.
    reporter = ReporterClient(client)
    sealed = reporter.submit({"text": "onder"}, consents=[])
    assert sealed.receipt is not None
    deep = b'{"more":' * 5000 + b"{}" + b"}" * 5000
    reply_key = reply_private_key(sealed.receipt)
    with app.state.database.sessionmaker.begin() as session:
        report = session.get(Report, sealed.report_id)
        report.reporter_copy = seal(
            reply_key.public_key(), deep, info=protocol.report_copy(sealed.report_id)
        )

    page = open_mailbox(client, sealed.receipt)
    assert page.status_code == 200
