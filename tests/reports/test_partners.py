"""The chain partners a reporter can choose from: the active ones, and nothing internal."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update

from app.models import Partner
from tests.conftest import TotpClock
from tests.factories import admin_with_inbox
from tests.reports.helpers import error_code, post_report, report_body, row_counts

SEEDED = {
    "politie-avim",
    "politie-wijkagent",
    "ggd-soa-poli",
    "belle",
    "zorgcoordinator-mensenhandel",
    "sociaal-plein",
}


def deactivate(app: FastAPI, partner_id: str) -> None:
    with app.state.database.engine.begin() as connection:
        connection.execute(update(Partner).where(Partner.id == partner_id).values(active=False))


def test_partners_lists_the_eight_seeded_partners(client: TestClient) -> None:
    response = client.get("/api/v1/partners")
    assert response.status_code == 200
    partners = response.json()
    assert len(partners) == 8
    assert {p["id"] for p in partners} >= SEEDED


def test_partners_show_only_public_fields(client: TestClient) -> None:
    for partner in client.get("/api/v1/partners").json():
        assert set(partner) == {"id", "name", "kind", "description"}
        assert partner["kind"] in {"police", "care", "municipality"}
        assert partner["name"] and partner["description"]


def test_partners_are_sorted_by_name(client: TestClient) -> None:
    names = [p["name"] for p in client.get("/api/v1/partners").json()]
    assert names == sorted(names)


def test_deactivated_partner_disappears_from_the_list(client: TestClient, app: FastAPI) -> None:
    deactivate(app, "belle")
    ids = {p["id"] for p in client.get("/api/v1/partners").json()}
    assert len(ids) == 7
    assert "belle" not in ids


def test_consent_to_a_deactivated_partner_is_refused(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    admin_with_inbox(app, client, totp_clock)
    deactivate(app, "belle")
    body, _ = report_body(client, consents=["belle"])

    response = post_report(client, body)

    assert response.status_code == 422
    assert error_code(response) == "unknown_partner"
    assert row_counts(app)["reports"] == 0
