"""Engine, sessions and the one unit of work per request.

The session dependency commits when the route returns and rolls back on any exception, before the
response is sent (``scope="function"``), so a client never sees success for something not written.
Services call ``flush()``, never ``commit()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        # Erased reports must not linger in free pages of the file (R7, the right to erase).
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A deferred transaction that reads and then writes fails with SQLITE_BUSY_SNAPSHOT when
        # another writer committed in between; taking the write lock up front makes writers queue
        # on the busy timeout instead, which the audit hash chain relies on.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_db_engine(url: str) -> Engine:
    # hide_parameters: a database error's message would otherwise carry the statement's values
    # (a username, a hash, anything a later field holds) into the logged traceback (R1, T2).
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 10},
            hide_parameters=True,
        )
        _configure_sqlite(engine)
        return engine
    # No pool_pre_ping: it costs a round trip on every checkout, a fifth of a submission's time.
    # A connection PostgreSQL dropped fails one request (503, see app.exception_handlers), and
    # SQLAlchemy then discards the whole pool; pool_recycle retires idle connections first.
    return create_engine(
        url, pool_size=10, max_overflow=20, pool_recycle=1800, hide_parameters=True
    )


class Database:
    """The engine and session factory of one application instance."""

    def __init__(self, url: str) -> None:
        self.engine = create_db_engine(url)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)

    def use_audit_key(self, key: bytes) -> None:
        """Give every session the key that seals the audit log's head (app.audit.service)."""
        self.sessionmaker.configure(info={"audit_key": key})

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def dispose(self) -> None:
        self.engine.dispose()

    def wipe_journal(self) -> None:
        """After an erasure, move SQLite's WAL into the file and empty it.

        With ``secure_delete`` the main file is overwritten, but the write-ahead log keeps old
        page images until a checkpoint; TRUNCATE empties it so erased rows do not linger (R7).
        """
        if self.dialect != "sqlite":
            return
        raw = self.engine.raw_connection()
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()


def release(session: Session) -> None:
    """End a read-only transaction and return its connection before slow work such as Argon2.

    Nothing may have been written yet. On SQLite every transaction holds the write lock and on
    PostgreSQL a pooled connection; neither may be held while a request waits for a hash.
    """
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("release() is only for read-only transactions")
    session.rollback()


def mark_erasure(session: Session) -> None:
    """Ask for the journal to be wiped once this unit of work has committed."""
    session.info["erased"] = True


def commit(session: Session) -> None:
    """Commit the unit of work, then wipe SQLite's journal if it erased something."""
    erased = session.info.pop("erased", False)
    session.commit()
    if erased:
        database: Database = session.info["database"]
        database.wipe_journal()


def get_session(request: Request) -> Iterator[Session]:
    database: Database = request.app.state.database
    session = database.sessionmaker()
    session.info["database"] = database
    try:
        yield session
        # Sync routes have committed already (app.routing.UnitOfWorkRoute); this commits what
        # async routes wrote, and is a no-op otherwise.
        commit(session)
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


DbSession = Annotated[Session, Depends(get_session, scope="function")]
