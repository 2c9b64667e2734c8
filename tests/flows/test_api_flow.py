"""The whole core path through the API, in-process, on each database."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import TotpClock
from tests.factories import add_colleague, admin_with_inbox, connect_partners, reporter


def test_report_reply_follow_up_and_erase(client: TestClient, app, totp_clock: TotpClock) -> None:
    admin = admin_with_inbox(app, client, totp_clock)
    connect_partners(app, "belle")
    sender = reporter(client)
    sent = sender.submit({"text": "Hij sloeg me bij de garage."}, consents=["belle"])
    assert sent.receipt is not None

    page = admin.client.list_cases()
    assert [item["id"] for item in page["items"]] == [str(sent.report_id)]
    case = admin.client.read_case(sent.report_id)
    assert case.report == {"text": "Hij sloeg me bij de garage."}
    assert case.summary["consents"] == ["belle"]

    admin.client.update_case(sent.report_id, labels=["physical_violence"], status="in_progress")
    admin.client.reply(sent.report_id, {"text": "Dank je. We helpen je graag."})

    own, entries = sender.read_mailbox(sent.receipt)
    assert own == {"text": "Hij sloeg me bij de garage."}
    assert [e.content for e in entries] == [{"text": "Dank je. We helpen je graag."}]

    sender.follow_up(sent.receipt, {"text": "Hij komt morgen terug."})
    colleague = add_colleague(admin, client, totp_clock, "colleague")
    thread = colleague.client.read_case(sent.report_id)
    assert [m["content"]["text"] for m in thread.messages] == [
        "Dank je. We helpen je graag.",
        "Hij komt morgen terug.",
    ]

    sender.erase(sent.receipt)
    assert admin.client.list_cases()["items"] == []
