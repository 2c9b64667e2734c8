"""Migration 0009 on a used database: plainer seeded texts, translations, admins' edits kept."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text

from app.db import create_db_engine
from app.migrate import downgrade, upgrade
from tests.conftest import drop_postgres_database, fresh_postgres_database

EDITED = "Onze eigen tekst over Belle."
OLD_POLICE = "De afdeling van de politie die mensenhandel en uitbuiting onderzoekt."


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:
    if request.param == "sqlite":
        made = create_db_engine(f"sqlite:///{tmp_path / 'partner-texts.db'}")
        yield made
        made.dispose()
        return
    name = f"vp_partner_texts_{os.getpid()}"
    made = create_db_engine(fresh_postgres_database(name))
    yield made
    made.dispose()
    drop_postgres_database(name)


def dutch(engine: Engine, partner_id: str) -> tuple[str, str]:
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT name, description FROM partners WHERE id = :id"), {"id": partner_id}
        ).one()
    return row.name, row.description


def languages_of(engine: Engine, partner_id: str) -> set[str]:
    with engine.connect() as connection:
        found = connection.execute(
            text("SELECT language FROM partner_texts WHERE partner_id = :id"), {"id": partner_id}
        )
        return {row.language for row in found}


def test_upgrade_rewrites_unedited_seeds_and_keeps_an_admins_edit(engine: Engine) -> None:
    upgrade(engine, "0008")
    assert dutch(engine, "politie-avim")[1] == OLD_POLICE
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE partners SET description = :d WHERE id = 'belle'"), {"d": EDITED}
        )

    upgrade(engine, "0009")

    name, description = dutch(engine, "politie-avim")
    assert name == "Politie – team mensenhandel (AVIM)"
    assert "niet je naam, niet je code en niet je melding zelf" in description
    assert dutch(engine, "gemeente-toezicht")[1].startswith("Dit is geen hulp.")
    assert languages_of(engine, "politie-avim") == {
        "en", "es", "ro", "hu", "bg", "pl", "pt-BR", "th", "uk", "ru"
    }  # fmt: skip
    # The admin's text is kept, and no translation of the old seed is put next to it.
    assert dutch(engine, "belle")[1] == EDITED
    assert languages_of(engine, "belle") == set()

    downgrade(engine, "0008")

    assert dutch(engine, "politie-avim")[1] == OLD_POLICE
    assert dutch(engine, "belle")[1] == EDITED


def test_dutch_cannot_be_stored_as_a_translation(engine: Engine) -> None:
    upgrade(engine, "0009")
    with pytest.raises(Exception, match="(?i)check"), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO partner_texts (partner_id, language, name, description) "
                "VALUES ('belle', 'nl', 'Belle', 'Tweede plek voor de Nederlandse tekst')"
            )
        )
