"""Small helpers for the reporter-side tests: raw request bodies, proof of work, row counts.

The reporter client (client/reporter.py) sends only well-formed requests; these helpers build the
same body by hand so that each test can break exactly one part of it.
"""

from __future__ import annotations

import base64
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.db import Database
from app.main import create_app
from app.models import Base
from app.security import rate_limits
from app.settings import Settings
from client import protocol
from crypto import (
    generate_receipt,
    load_public_key,
    mailbox_credential,
    public_key_bytes,
    reply_private_key,
    seal,
    solve_proof_of_work,
)

# Every table a report's erasure must empty; consents, labels, notes and messages hang off reports.
REPORT_TABLES = ("reports", "consents", "case_labels", "notes", "messages")


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def error_code(response: httpx.Response) -> str:
    code: str = response.json()["error"]["code"]
    return code


def count_rows(app: FastAPI, table: str) -> int:
    model_table = Base.metadata.tables[table]
    with app.state.database.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(model_table)) or 0)


def all_rows(app: FastAPI, table: str) -> list[dict[str, Any]]:
    with app.state.database.engine.connect() as connection:
        result = connection.execute(Base.metadata.tables[table].select())
        return [dict(row._mapping) for row in result]


def row_counts(app: FastAPI, tables: tuple[str, ...] = REPORT_TABLES) -> dict[str, int]:
    return {table: count_rows(app, table) for table in tables}


def solve(issued: dict[str, Any]) -> str:
    """The X-Proof-Of-Work value for a challenge as the API issued it (or a forgery of one)."""
    token = issued["challenge"]
    solution = solve_proof_of_work(token.encode(), puzzles=issued["puzzles"], bits=issued["bits"])
    return f"{token}:{solution}"


def pow_header(http: httpx.Client) -> dict[str, str]:
    """A freshly issued and solved challenge, as the X-Proof-Of-Work header."""
    return {"X-Proof-Of-Work": solve(http.get("/api/v1/proof-of-work").json())}


def report_body(
    http: httpx.Client, *, one_way: bool = False, consents: list[str] | None = None
) -> tuple[dict[str, Any], str | None]:
    """A valid report body for the current inbox key, and its receipt (None when one-way)."""
    key = http.get("/api/v1/inbox-key").json()
    version, public = key["version"], base64.b64decode(key["public_key"])
    report_id = uuid.uuid4()
    body: dict[str, Any] = {
        "id": str(report_id),
        "inbox_version": version,
        "ciphertext": b64(
            seal(
                load_public_key(public), b'{"text": "x"}', info=protocol.report(report_id, version)
            )
        ),
        "consents": consents or [],
    }
    if one_way:
        return body, None
    receipt = generate_receipt()
    reply_public = reply_private_key(receipt).public_key()
    body["reply_public_key"] = b64(public_key_bytes(reply_public))
    body["mailbox_credential"] = b64(mailbox_credential(receipt))
    body["reporter_copy"] = b64(
        seal(reply_public, b'{"text": "x"}', info=protocol.report_copy(report_id))
    )
    return body, receipt


def envelope_shaped(size: int = 1024 + 48) -> str:
    """Random bytes of a valid envelope length: passes the shape check, opens for nobody."""
    return b64(secrets.token_bytes(size))


def post_report(http: httpx.Client, body: dict[str, Any], **headers: str) -> httpx.Response:
    return http.post("/api/v1/reports", json=body, headers={**pow_header(http), **headers})


def credential_header(receipt: str) -> dict[str, str]:
    return {"X-Mailbox-Credential": b64(mailbox_credential(receipt))}


@contextmanager
def client_with(database: Database, settings: Settings) -> Iterator[tuple[FastAPI, TestClient]]:
    """An application with custom settings on the test database, like the ``client`` fixture."""
    application = create_app(settings, database=database)
    rate_limits.reset()
    try:
        with TestClient(application, base_url="http://testserver") as http:
            yield application, http
    finally:
        rate_limits.reset()
