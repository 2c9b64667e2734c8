"""Builders for test actors: staff members who really enrol and log in, and reporters."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import httpx
from fastapi import FastAPI
from sqlalchemy import insert

from app.models import PartnerKey
from app.security.server_keys import ServerKeys
from app.staff import service as staff_service
from client import ReporterClient, StaffClient
from client.staff import KeyToConfirm
from crypto import generate_private_key, key_id, public_key_bytes
from tests.conftest import TEST_PBKDF2_ITERATIONS, TotpClock


@dataclass
class KeysShown:
    """Stands in for the adviser who compares safety numbers: says yes, remembers each key shown.

    The suite plays every role, so there is nobody to read the number aloud to; tests of the
    comparison itself pass a callback that says no (tests/staff/test_key_checks.py).
    """

    shown: list[KeyToConfirm] = field(default_factory=list)

    def __call__(self, key: KeyToConfirm) -> bool:
        self.shown.append(key)
        return True


@dataclass
class Member:
    username: str
    passphrase: str
    seed: str
    client: StaffClient
    recovery_codes: list[str] = field(default_factory=list)

    @property
    def id(self) -> uuid.UUID:
        return uuid.UUID(self.client.member["id"])


def invite_directly(app: FastAPI, username: str, *, is_admin: bool, is_vp: bool = True) -> str:
    """What ``vertrouwenspunt create-admin`` does: an invitation written straight to the DB."""
    settings = app.state.settings
    keys = ServerKeys.from_secret(settings.secret_key.get_secret_value())
    with app.state.database.sessionmaker.begin() as session:
        _member, token = staff_service.invite(
            session,
            keys=keys,
            settings=settings,
            username=username,
            is_admin=is_admin,
            is_vp=is_vp,
        )
    return token


def enrol(http: httpx.Client, clock: TotpClock, token: str, username: str) -> Member:
    passphrase = f"correct horse battery staple {username}"
    client = StaffClient(http, iterations=TEST_PBKDF2_ITERATIONS, confirm_key=KeysShown())
    seed = client.enrol(token, passphrase)
    codes = client.confirm_enrolment(token, clock.code(seed))
    client.login(username, passphrase, totp_code=clock.code(seed))
    return Member(username, passphrase, seed, client, codes)


def admin_with_inbox(app: FastAPI, http: httpx.Client, clock: TotpClock) -> Member:
    """The first administrator (also an adviser), enrolled, logged in, with inbox key v1 made."""
    token = invite_directly(app, "admin", is_admin=True)
    admin = enrol(http, clock, token, "admin")
    admin.client.create_inbox_key()
    admin.client.refresh()
    return admin


def add_colleague(admin: Member, http: httpx.Client, clock: TotpClock, username: str) -> Member:
    """Invite, enrol and grant inbox access to a new adviser, as the team would."""
    token = admin.client.invite(username)
    member = enrol(http, clock, token, username)
    admin.client.grant_access(member.id)
    member.client.refresh()
    return member


def reporter(http: httpx.Client) -> ReporterClient:
    return ReporterClient(http)


def connect_partners(app: FastAPI, *partner_ids: str) -> None:
    """Give each partner a key, as if it had registered its own: only then may reporters consent.

    The private half is thrown away, so no test can read a signal sealed to these keys; tests that
    follow a signal to the partner enrol a real one (tests/signals/helpers.py).
    """
    with app.state.database.engine.begin() as connection:
        for partner_id in partner_ids:
            public = generate_private_key().public_key()
            connection.execute(
                insert(PartnerKey),
                {
                    "id": uuid.uuid4(),
                    "partner_id": partner_id,
                    "public_key": public_key_bytes(public),
                    "key_id": key_id(public),
                },
            )
