"""Staff for the login burst: an administrator and advisers who really enrol through the API."""

from __future__ import annotations

import asyncio
import base64
import json
import time
from dataclasses import dataclass

import httpx
import pyotp

from app.db import Database
from app.security.server_keys import ServerKeys
from app.settings import Settings
from app.staff import service as staff_service
from bench.load import Call, Client, Sample, timed
from bench.server import BENCH_SECRET, PBKDF2_ITERATIONS
from client import StaffClient, kdf
from crypto import derive_staff_secrets


@dataclass(frozen=True)
class Adviser:
    username: str
    passphrase: str
    seed: str


def invite_directly(database_url: str, usernames: list[str], *, is_admin: bool) -> list[str]:
    """What ``vertrouwenspunt create-admin`` does: invitations written straight to the database."""
    settings = Settings.model_validate(
        {"environment": "test", "secret_key": BENCH_SECRET, "database_url": database_url}
    )
    keys = ServerKeys.from_secret(BENCH_SECRET)
    database = Database(database_url)
    tokens = []
    try:
        with database.sessionmaker.begin() as session:
            for username in usernames:
                _member, token = staff_service.invite(
                    session,
                    keys=keys,
                    settings=settings,
                    username=username,
                    is_admin=is_admin,
                    is_vp=True,
                )
                tokens.append(token)
    finally:
        database.dispose()
    return tokens


def enrol(http: httpx.Client, token: str, username: str) -> tuple[StaffClient, Adviser]:
    passphrase = f"correct horse battery staple {username}"
    client = StaffClient(http, iterations=PBKDF2_ITERATIONS)
    seed = client.enrol(token, passphrase)
    client.confirm_enrolment(token, pyotp.TOTP(seed).now())
    return client, Adviser(username, passphrase, seed)


def build_team(base_url: str, database_url: str, advisers: int) -> list[Adviser]:
    """Enrol an administrator and ``advisers`` colleagues; the admin makes inbox key v1."""
    # The bench measures the server's side of logging in; the client's PBKDF2 floor (client.kdf)
    # is lowered in this process only, as the test suite does.
    kdf.MIN_ITERATIONS = PBKDF2_ITERATIONS
    (admin_token,) = invite_directly(database_url, ["admin"], is_admin=True)
    names = [f"adviser{i:02d}" for i in range(advisers)]
    tokens = invite_directly(database_url, names, is_admin=False)
    with httpx.Client(base_url=base_url, timeout=60) as http:
        admin, admin_account = enrol(http, admin_token, "admin")
        team = [enrol(http, token, name)[1] for token, name in zip(tokens, names, strict=True)]
        # The next step's code: the one from the confirmation cannot be used twice.
        next_code = pyotp.TOTP(admin_account.seed).at(time.time() + 30)
        admin.login("admin", admin_account.passphrase, totp_code=next_code)
        admin.create_inbox_key()
    return team


_json = {"Content-Type": "application/json"}


def _body(value: object) -> bytes:
    return json.dumps(value).encode()


@dataclass(frozen=True)
class PreparedLogin:
    adviser: Adviser
    auth_value: str


def prepare_logins(base_url: str, team: list[Adviser]) -> list[PreparedLogin]:
    """Derive each adviser's authentication value (PBKDF2, client side) before the burst."""
    prepared = []
    with httpx.Client(base_url=base_url, timeout=60) as http:
        for adviser in team:
            params = http.post(
                "/api/v1/staff/login/parameters", json={"username": adviser.username}
            ).json()
            secrets_ = derive_staff_secrets(
                adviser.passphrase,
                salt=base64.b64decode(params["salt"]),
                iterations=params["iterations"],
            )
            prepared.append(PreparedLogin(adviser, base64.b64encode(secrets_.auth_value).decode()))
    return prepared


async def log_in(client: Client, login: PreparedLogin, failures: list[str]) -> Sample:
    """One complete login: the parameters request, then the login with the next TOTP step's code.

    Each adviser's last accepted step is the one of its enrolment, so the next step is fresh.
    """
    username = login.adviser.username
    start = time.perf_counter()
    params = await timed(
        client,
        Call("POST", "/api/v1/staff/login/parameters", _json, _body({"username": username})),
        failures,
    )
    code = pyotp.TOTP(login.adviser.seed).at(time.time() + 30)
    body = {"username": username, "auth_value": login.auth_value, "totp_code": code}
    result = await timed(client, Call("POST", "/api/v1/staff/login", _json, _body(body)), failures)
    return Sample(start, result.end, params.ok and result.ok)


async def login_burst(
    client: Client, prepared: list[PreparedLogin], failures: list[str]
) -> list[Sample]:
    """Every adviser logs in once, all at the same moment."""
    return list(await asyncio.gather(*(log_in(client, p, failures) for p in prepared)))
