"""``vertrouwenspunt release-signals``, for operators who run the release from cron."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import cli
from app.db import Database
from app.models import QueuedSignal, Signal, SignalDelivery
from app.models.base import utcnow
from tests.retention.helpers import unit_of_work
from tests.signals.helpers import BELLE, POLICE, queue_signal


def _count(database: Database, model: type) -> int:
    with database.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(model)))


def test_the_command_releases_what_is_due_and_leaves_the_rest(
    cli_database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = Database(f"sqlite:///{cli_database}")
    with unit_of_work(database) as session:
        due = queue_signal(session, release_at=utcnow() - timedelta(hours=1), partners=[BELLE])
        queue_signal(session, release_at=utcnow() + timedelta(hours=3), partners=[POLICE])

    assert cli.main(["release-signals"]) == 0

    assert "released: 1" in capsys.readouterr().out
    with database.engine.connect() as connection:
        assert connection.scalar(select(Signal.id)) == due
    assert _count(database, SignalDelivery) == 1
    assert _count(database, QueuedSignal) == 1
    # An operator may also send everything now (still as one batch).
    assert cli.main(["release-signals", "--all"]) == 0
    assert "released: 1" in capsys.readouterr().out
    assert _count(database, QueuedSignal) == 0 and _count(database, Signal) == 2
    database.dispose()
