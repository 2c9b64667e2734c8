"""What an attacker who seizes the server holds (R9): the database, every log line, a Redis dump.

The database is read with the engine's own columns, because they are part of what a copy of the
files or a dump-as-superuser gives away: SQLite's ``rowid`` where a table has one, PostgreSQL's
``xmin``, ``xmax`` and ``ctid`` on every row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import redis
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

Row = dict[str, Any]


@dataclass
class RedisEntry:
    key: bytes
    kind: str
    values: list[bytes]
    ttl_seconds: int


@dataclass
class Evidence:
    dialect: str
    tables: dict[str, list[Row]]
    log_lines: list[str]
    redis: list[RedisEntry]
    # When the dump was taken: a seizing attacker knows when they took it.
    seized_at: float
    has_rowid: dict[str, bool] = field(default_factory=dict)

    def rows(self, table: str) -> list[Row]:
        return self.tables.get(table, [])


def _sqlite_rows(engine: Engine, table: str) -> tuple[list[Row], bool]:
    with engine.connect() as connection:
        try:
            # Table names come from the engine's own catalogue, never from input.
            query = f'SELECT rowid AS "_rowid", * FROM "{table}"'  # noqa: S608
            result = connection.execute(text(query))
            return [dict(r._mapping) for r in result], True
        except OperationalError:
            # A WITHOUT ROWID table: the attacker gets the rows in the file's own order.
            result = connection.execute(text(f'SELECT * FROM "{table}"'))  # noqa: S608
            return [dict(r._mapping) for r in result], False


def _postgres_rows(engine: Engine, table: str) -> list[Row]:
    engine_columns = (
        'xmin::text::bigint AS "_xmin", xmax::text::bigint AS "_xmax", ctid::text AS "_ctid"'
    )
    query = f'SELECT {engine_columns}, * FROM "{table}"'  # noqa: S608
    with engine.connect() as connection:
        return [dict(r._mapping) for r in connection.execute(text(query))]


def read_database(engine: Engine) -> tuple[dict[str, list[Row]], dict[str, bool]]:
    tables: dict[str, list[Row]] = {}
    has_rowid: dict[str, bool] = {}
    for table in inspect(engine).get_table_names():
        if engine.dialect.name == "sqlite":
            tables[table], has_rowid[table] = _sqlite_rows(engine, table)
        else:
            tables[table] = _postgres_rows(engine, table)
            has_rowid[table] = False
    return tables, has_rowid


def read_redis(client: redis.Redis) -> list[RedisEntry]:
    entries = []
    for key in client.scan_iter(count=1000):
        kind = client.type(key).decode()
        values: list[bytes] = []
        if kind == "string":
            values = [client.get(key) or b""]
        elif kind == "list":
            values = list(client.lrange(key, 0, -1))
        elif kind == "zset":
            for member, score in client.zrange(key, 0, -1, withscores=True):
                values += [member, repr(score).encode()]
        elif kind == "hash":
            for name, value in client.hgetall(key).items():
                values += [name, value]
        elif kind == "set":
            values = list(client.smembers(key))
        entries.append(RedisEntry(key, kind, values, int(client.ttl(key))))
    return entries


_LOG_TIME = re.compile(r"(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?)")


def log_time(line: str) -> float | None:
    """The moment a log line names, to the second or finer; None when it names none."""
    found = _LOG_TIME.search(line)
    if found is None:
        return None
    stamp = found.group(1).replace(",", ".").replace("T", " ")
    return datetime.fromisoformat(stamp).astimezone().timestamp()
