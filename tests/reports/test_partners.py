"""The chain partners a reporter can choose from: the active ones, in the reporter's language, and
only those with a key as a choice that the server accepts."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update

from app.models import Partner, PartnerKey
from app.models.base import utcnow
from app.partners.service import KIND_ORDER
from client import ReporterClient
from tests.conftest import TotpClock
from tests.factories import admin_with_inbox, connect_partners
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


def by_id(client: TestClient, **params: str) -> dict[str, dict[str, object]]:
    return {p["id"]: p for p in client.get("/api/v1/partners", params=params).json()}


def test_partners_lists_the_eight_seeded_partners(client: TestClient) -> None:
    response = client.get("/api/v1/partners")
    assert response.status_code == 200
    partners = response.json()
    assert len(partners) == 8
    assert {p["id"] for p in partners} >= SEEDED


def test_partners_show_only_public_fields(client: TestClient) -> None:
    for partner in client.get("/api/v1/partners").json():
        assert set(partner) == {"id", "name", "kind", "description", "language", "connected"}
        assert partner["kind"] in {"police", "care", "municipality"}
        assert partner["name"] and partner["description"]


def test_partners_come_help_first_then_police_then_supervision(client: TestClient) -> None:
    listed = client.get("/api/v1/partners").json()
    kinds = [p["kind"] for p in listed]
    assert kinds == sorted(kinds, key=KIND_ORDER.index)
    for kind in KIND_ORDER:
        names = [p["name"] for p in listed if p["kind"] == kind]
        assert names == sorted(names, key=str.casefold)


def test_only_partners_with_a_key_are_connected(client: TestClient, app: FastAPI) -> None:
    assert not any(p["connected"] for p in by_id(client).values())

    connect_partners(app, "belle")

    connected = {pid for pid, p in by_id(client).items() if p["connected"]}
    assert connected == {"belle"}


def test_the_list_is_in_the_asked_language(client: TestClient) -> None:
    romanian = by_id(client, lang="ro")["politie-avim"]
    assert romanian["language"] == "ro"
    assert romanian["name"] == "Poliția – echipa pentru trafic de persoane (AVIM)"
    assert "nu numele tău" in str(romanian["description"])

    by_header = client.get("/api/v1/partners", headers={"Accept-Language": "hu"}).json()
    assert {p["language"] for p in by_header} == {"hu"}
    assert {p["language"] for p in ReporterClient(client).partners("bg")} == {"bg"}


def test_police_says_what_it_never_gets(client: TestClient) -> None:
    dutch = by_id(client, lang="nl")
    for police in ("politie-avim", "politie-wijkagent"):
        assert "niet je naam, niet je code en niet je melding zelf" in str(
            dutch[police]["description"]
        )


def test_supervision_says_it_is_not_help(client: TestClient) -> None:
    supervision = by_id(client, lang="en")["gemeente-toezicht"]
    assert supervision["kind"] == "municipality"
    assert str(supervision["description"]).startswith("This is not help.")


def test_deactivated_partner_disappears_from_the_list(client: TestClient, app: FastAPI) -> None:
    deactivate(app, "belle")
    ids = {p["id"] for p in client.get("/api/v1/partners").json()}
    assert len(ids) == 7
    assert "belle" not in ids


def test_consent_to_a_deactivated_partner_is_refused(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    admin_with_inbox(app, client, totp_clock)
    connect_partners(app, "belle")
    deactivate(app, "belle")
    body, _ = report_body(client, consents=["belle"])

    response = post_report(client, body)

    assert response.status_code == 422
    assert error_code(response) == "unknown_partner"
    assert row_counts(app)["reports"] == 0


def test_consent_to_a_partner_without_a_key_is_refused_in_the_reporters_language(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    admin_with_inbox(app, client, totp_clock)
    connect_partners(app, "belle")
    body, _ = report_body(client, consents=["belle", "politie-avim"])

    response = post_report(client, body, **{"Accept-Language": "nl"})

    assert response.status_code == 422
    assert error_code(response) == "partner_not_connected"
    assert "nog niet aangesloten" in response.json()["error"]["message"]
    assert row_counts(app)["reports"] == 0


def test_consent_to_a_partner_whose_key_was_retired_is_refused(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    admin_with_inbox(app, client, totp_clock)
    connect_partners(app, "belle")
    body, _ = report_body(client, consents=["belle"])
    with app.state.database.engine.begin() as connection:
        connection.execute(
            update(PartnerKey).where(PartnerKey.partner_id == "belle").values(retired_at=utcnow())
        )

    response = post_report(client, body)

    assert response.status_code == 422
    assert error_code(response) == "partner_not_connected"
    assert row_counts(app)["reports"] == 0
