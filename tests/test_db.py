"""What the database layer lets out: a failing statement's values never reach an error message."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.db import Database

CANARY = "CANARY-username-0612345678"


def test_a_database_error_does_not_carry_the_statements_values(database: Database) -> None:
    with pytest.raises(DBAPIError) as failure, database.engine.connect() as connection:
        connection.execute(
            text("SELECT id FROM no_such_table WHERE name = :name"), {"name": CANARY}
        )
    assert CANARY not in str(failure.value)
    assert "no_such_table" in str(failure.value)
