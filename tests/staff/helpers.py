"""Shared helpers for the staff, cases and audit tests: raw requests, row counts, DB tampering."""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import Table, func, select, update

from client.errors import ApiError
from crypto import (
    PrivateKey,
    StaffSecrets,
    derive_staff_secrets,
    generate_private_key,
    public_key_bytes,
    wrap_private_key,
)
from tests.conftest import TEST_PBKDF2_ITERATIONS
from tests.factories import Member

BASE = "/api/v1/staff"


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def error_of(response: httpx.Response) -> tuple[int, str]:
    """What a user notices about a refusal: the status and the machine-readable code."""
    return response.status_code, response.json()["error"]["code"]


def refused(call: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[int, str]:
    """Run a client call that must fail; return its status and error code."""
    with pytest.raises(ApiError) as caught:
        call(*args, **kwargs)
    return caught.value.status, caught.value.code


def count(app: FastAPI, table: Table | Any) -> int:
    table = getattr(table, "__table__", table)
    with app.state.database.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(table)))


def rows(app: FastAPI, table: Table | Any, *where: Any) -> list[dict[str, Any]]:
    table = getattr(table, "__table__", table)
    with app.state.database.engine.connect() as connection:
        result = connection.execute(select(table).where(*where))
        return [dict(row._mapping) for row in result]


def one(app: FastAPI, table: Table | Any, *where: Any) -> dict[str, Any]:
    found = rows(app, table, *where)
    assert len(found) == 1, found
    return found[0]


def set_values(app: FastAPI, table: Table | Any, *where: Any, **values: Any) -> None:
    """Change rows behind the application's back, as time passing (or an attacker) would."""
    table = getattr(table, "__table__", table)
    with app.state.database.engine.begin() as connection:
        connection.execute(update(table).where(*where).values(**values))


def row_bytes(row: dict[str, Any]) -> bytes:
    """Every value of a row as bytes, in every encoding a secret might hide in."""
    parts = []
    for value in row.values():
        if isinstance(value, bytes):
            parts += [value, b64(value).encode(), value.hex().encode()]
        elif value is not None:
            parts.append(str(value).encode())
    return b"\x00".join(parts)


def headers_of(member: Member) -> dict[str, str]:
    """The cookie and CSRF header the member's browser would send."""
    return member.client._headers()


def cookie_only(member: Member) -> dict[str, str]:
    return {"Cookie": member.client._headers()["Cookie"]}


@dataclass
class Enrolment:
    body: dict[str, Any]
    secrets: StaffSecrets
    personal: PrivateKey
    passphrase: str


def enrolment_body(
    token: str,
    passphrase: str = "a long and careful passphrase",  # noqa: S107 - a test passphrase
    *,
    iterations: int = TEST_PBKDF2_ITERATIONS,
    salt: bytes | None = None,
) -> Enrolment:
    """What the browser sends to start enrolment; each field can be spoiled by the test."""
    salt = os.urandom(16) if salt is None else salt
    secrets_ = derive_staff_secrets(passphrase, salt=salt, iterations=iterations)
    personal = generate_private_key()
    body = {
        "token": token,
        "public_key": b64(public_key_bytes(personal.public_key())),
        "wrapped_private_key": b64(wrap_private_key(personal, wrap_key=secrets_.wrap_key)),
        "kdf_salt": b64(salt),
        "kdf_iterations": iterations,
        "auth_value": b64(secrets_.auth_value),
    }
    return Enrolment(body, secrets_, personal, passphrase)


def raw_login(
    http: httpx.Client,
    username: str,
    passphrase: str,
    *,
    totp_code: str | None = None,
    recovery_code: str | None = None,
) -> httpx.Response:
    """Log in as the browser does, returning the raw response (success or refusal)."""
    params = http.post(f"{BASE}/login/parameters", json={"username": username}).json()
    secrets_ = derive_staff_secrets(
        passphrase, salt=base64.b64decode(params["salt"]), iterations=params["iterations"]
    )
    body: dict[str, Any] = {"username": username, "auth_value": b64(secrets_.auth_value)}
    if totp_code is not None:
        body["totp_code"] = totp_code
    if recovery_code is not None:
        body["recovery_code"] = recovery_code
    return http.post(f"{BASE}/login", json=body)
