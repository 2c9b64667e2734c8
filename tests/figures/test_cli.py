"""``vertrouwenspunt figures [--format csv|json] [--k N]`` on a SQLite file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from app import cli
from app.db import Database
from app.models import AuditEntry
from tests.figures import helpers as data
from tests.retention.helpers import unit_of_work


@pytest.fixture
def database_file(cli_database: Path) -> Path:
    """The migrated file with the figures' hand-made data set in it."""
    database = Database(f"sqlite:///{cli_database}")
    with unit_of_work(database) as session:
        data.build(session)
    database.dispose()
    return cli_database


def _threats(rows: list[dict[str, str]]) -> dict[str, str]:
    [row] = [r for r in rows if r["category"] == "threats"]
    return row


def test_csv_to_stdout_suppresses_below_k(
    database_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert cli.main(["figures", "--format", "csv"]) == 0

    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    threats = _threats(rows)
    assert (threats["signals_police"], threats["signals_care"]) == ("5", "<5")
    [sexual] = [r for r in rows if r["category"] == "sexual_violence"]
    assert sexual["cases_received"] == "<5"


def test_json_with_a_higher_k_suppresses_more(
    database_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert cli.main(["figures", "--k", "6"]) == 0

    body = json.loads(capsys.readouterr().out)
    assert body["k"] == 6
    [threats] = [r for r in body["rows"] if r["category"] == "threats"]
    assert threats["signals_police"] is None and "signals_police" in threats["suppressed"]
    assert threats["cases_received"] == 10


def test_k_below_the_configured_one_is_refused(
    database_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert cli.main(["figures", "--k", "3"]) == 2

    captured = capsys.readouterr()
    assert "configured 5" in captured.err
    assert captured.out == ""


def test_cli_export_is_audited_and_the_chain_holds(
    database_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["figures", "--format", "csv"]) == 0

    database = Database(f"sqlite:///{database_file}")
    with database.engine.connect() as connection:
        [entry] = connection.execute(select(AuditEntry.__table__)).all()
    database.dispose()
    assert (entry.actor_kind, entry.action) == ("cli", "figures.export")
    assert json.loads(entry.detail) == {"format": "csv", "k": 5}
    assert cli.main(["verify-audit"]) == 0
    assert "intact" in capsys.readouterr().out
