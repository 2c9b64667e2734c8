"""The schema changes only through migrations: head equals the models, every step goes both ways."""

from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from app.db import create_db_engine
from app.migrate import alembic_config, downgrade, upgrade
from app.models import Base
from tests.conftest import drop_postgres_database, fresh_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request: pytest.FixtureRequest, tmp_path) -> Engine:
    if request.param == "sqlite":
        engine = create_db_engine(f"sqlite:///{tmp_path / 'migrations.db'}")
        yield engine
        engine.dispose()
        return
    name = f"vp_migrations_{os.getpid()}"
    engine = create_db_engine(fresh_postgres_database(name))
    yield engine
    engine.dispose()
    drop_postgres_database(name)


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def test_head_matches_the_models(empty_engine: Engine) -> None:
    upgrade(empty_engine)
    with empty_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_every_revision_goes_up_and_down(empty_engine: Engine) -> None:
    revisions = _revisions()
    assert len(revisions) >= 2
    previous = "base"
    for revision in revisions:
        upgrade(empty_engine, revision)
        downgrade(empty_engine, previous)
        upgrade(empty_engine, revision)
        previous = revision
    tables = set(inspect(empty_engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    downgrade(empty_engine, "base")
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}


def test_there_is_one_head() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
