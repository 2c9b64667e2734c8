"""The reporter's language travels sealed in the report, never beside it (R3, R4).

In a small population the language of the pages is a strong identifier, so only an adviser who
decrypts the report learns it; the server's rows hold no trace of it.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.factories import Member
from tests.reports.helpers import REPORT_TABLES, all_rows
from tests.web.test_pages_without_javascript import admin, send  # noqa: F401


def test_a_report_sent_without_javascript_carries_its_pages_language_sealed(
    app: FastAPI,
    client: TestClient,
    admin: Member,  # noqa: F811
) -> None:
    mine = send(client, {"what": ["threats"], "text": "Un client m-a amenințat."}, lang="ro")
    worry = send(client, {"about": "other", "seen": ["under_18"]}, lang="ro")

    assert mine.status_code == 200, mine.text
    assert worry.status_code == 200, worry.text
    reports = [admin.client.read_case(c["id"]).report for c in admin.client.list_cases()["items"]]
    assert sorted(r["about"] for r in reports) == ["other", "self"]
    assert [r["language"] for r in reports] == ["ro", "ro"]
    # Nothing the server keeps in plaintext names the language: no column, no stray JSON.
    for table in REPORT_TABLES:
        for row in all_rows(app, table):
            assert not any("lang" in column for column in row), table
            for value in row.values():
                if isinstance(value, str):
                    assert value != "ro" and '"ro"' not in value, (table, value)
                elif isinstance(value, bytes):
                    assert b'"language"' not in value and b'"ro"' not in value, table
