"""Apply the Alembic migrations from code: at start-up of the embedded default, and in tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine

import migrations

# Found through the package, so an installed copy (the Docker image) migrates like a checkout.
SCRIPT_LOCATION = Path(migrations.__file__).resolve().parent


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    return config


@contextmanager
def _migration_connection(engine: Engine) -> Iterator[Connection]:
    """One transaction for the migrations; on SQLite with foreign keys off until it ends.

    SQLite changes most of a table by rebuilding it (Alembic's batch mode): a copy is made, the
    old table dropped and the copy renamed. With foreign keys on, that DROP deletes every row
    that references the table (ON DELETE CASCADE): rebuilding ``reports`` would empty the
    messages. SQLite's own procedure for such changes turns foreign keys off around them and
    runs ``PRAGMA foreign_key_check`` before the commit, which is what happens here. The pragma
    has no effect inside a transaction, so it is set on the driver's connection before the
    transaction begins.
    """
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        raw: Any = connection.connection.driver_connection
        if sqlite:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                yield connection
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left {len(broken)} broken references")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys=ON")


def upgrade(engine: Engine, revision: str = "head") -> None:
    config = alembic_config()
    with _migration_connection(engine) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str) -> None:
    config = alembic_config()
    with _migration_connection(engine) as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
