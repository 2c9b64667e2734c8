"""``vertrouwenspunt purge [--dry-run]`` on a SQLite file, as an operator or cron runs it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import cli
from app.db import Database
from app.models import AuditEntry, Base, Report
from tests.cases.helpers import days_ago
from tests.retention.helpers import add_report, add_signal, unit_of_work


@pytest.fixture
def database_file(cli_database: Path) -> Path:
    return cli_database


@pytest.fixture
def expired(database_file: Path) -> Iterator[bytes]:
    """An expired closed case and an old signal; yields the case's ciphertext."""
    database = Database(f"sqlite:///{database_file}")
    with unit_of_work(database) as session:
        case = add_report(
            session,
            created_on=days_ago(900),
            status="closed",
            closed_on=days_ago(400),
            labels=["threats"],
            message_days=[days_ago(899)],
        )
        add_signal(session, created_on=days_ago(400), deliveries=[("belle", None)])
        ciphertext = session.get_one(Report, case).ciphertext
    database.dispose()
    yield ciphertext


def _row_counts(path: Path) -> dict[str, int]:
    database = Database(f"sqlite:///{path}")
    try:
        with database.engine.connect() as connection:
            return {
                table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
                for table in Base.metadata.sorted_tables
            }
    finally:
        database.dispose()


def _printed_counts(output: str) -> dict[str, int]:
    pairs = (line.split(": ") for line in output.splitlines() if ": " in line)
    return {name: int(value) for name, value in pairs}


def test_dry_run_reports_counts_and_changes_nothing(
    database_file: Path, expired: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _row_counts(database_file)

    assert cli.main(["purge", "--dry-run"]) == 0

    output = capsys.readouterr().out
    assert _printed_counts(output) == {
        "closed_cases": 1,
        "mailboxes_closed": 0,
        "signal_deliveries": 1,
        "signals": 1,
        "erasure_tombstones": 0,
        "staff_sessions": 0,
    }
    assert "dry run" in output
    assert _row_counts(database_file) == before
    assert before["audit_entries"] == 0


def test_purge_deletes_audits_and_leaves_nothing_in_the_file(
    database_file: Path, expired: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    files = sorted(database_file.parent.glob("cli.db*"))
    assert any(expired[:32] in path.read_bytes() for path in files)

    assert cli.main(["purge"]) == 0

    assert _printed_counts(capsys.readouterr().out)["closed_cases"] == 1
    counts = _row_counts(database_file)
    for table in ("reports", "messages", "notes", "case_labels", "signals", "signal_feedback"):
        assert counts[table] == 0, table
    assert counts["audit_entries"] == 1
    # Deleted, not just unlinked: the ciphertext is in neither the file nor its journal.
    for path in database_file.parent.glob("cli.db*"):
        assert expired[:32] not in path.read_bytes(), path.name

    assert cli.main(["purge"]) == 0
    assert set(_printed_counts(capsys.readouterr().out).values()) == {0}
    assert _row_counts(database_file)["audit_entries"] == 1


def test_purge_audit_entry_names_the_counts(
    database_file: Path, expired: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    cli.main(["purge"])
    database = Database(f"sqlite:///{database_file}")
    with database.engine.connect() as connection:
        entry = connection.execute(select(AuditEntry.__table__)).one()._mapping
    database.dispose()
    assert entry["action"] == "retention.purge"
    assert json.loads(entry["detail"])["closed_cases"] == 1
    assert cli.main(["verify-audit"]) == 0
