"""Security keys (WebAuthn): register, list, log in with one instead of a TOTP code, remove.

Only the authenticator is simulated (it lies outside the project): a P-256 key in Python that
builds real "none" attestations and signed assertions, with clientDataJSON, authenticator data
(rpIdHash, flags, signature counter) and an ECDSA signature, exactly as a security key and the
browser would. Everything on the server side is the real service.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import logging
import os
import struct
from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import pytest
import redis
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.db import Database
from app.main import create_app
from app.models import AuditEntry, StaffSecurityKey, StaffSession
from app.security import rate_limits
from app.settings import Settings
from app.staff import login_throttle, security_keys
from app.staff.security_keys import relying_party
from crypto import derive_staff_secrets
from tests.conftest import TotpClock, make_settings
from tests.factories import Member, enrol, invite_directly
from tests.staff.helpers import BASE, b64, count, headers_of, one, raw_login, row_bytes, rows

RP_ID = "vp.example.org"
ORIGIN = f"https://{RP_ID}"
KEYS = f"{BASE}/security-keys"
LOGIN_OPTIONS = f"{BASE}/login/security-key-options"


@pytest.fixture
def settings(database_url: str, redis_url: str, redis_client: redis.Redis) -> Settings:
    # WebAuthn needs a domain as relying party: it is the host of base_url.
    return make_settings(database_url, redis_url, base_url=ORIGIN)


@pytest.fixture(autouse=True)
def time_passes_between_logins(monkeypatch: pytest.MonkeyPatch) -> None:
    # These tests try many bad assertions in a row; an hour between attempts keeps the login
    # throttle (tested in test_login_throttle.py) from making any of them wait.
    monkeypatch.setattr(login_throttle, "clock", itertools.count(1_900_000_000, 3600).__next__)


# -- the authenticator ---------------------------------------------------------------------------


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def cbor(value: Any) -> bytes:
    """The little of CBOR (RFC 8949) an attestation needs: ints, byte and text strings, maps."""

    def head(major: int, length: int) -> bytes:
        if length < 24:
            return bytes([major << 5 | length])
        for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
            if length < 1 << (8 * size):
                return bytes([major << 5 | extra]) + length.to_bytes(size, "big")
        raise ValueError("too long")

    if isinstance(value, bool) or value is None:
        raise TypeError(value)
    if isinstance(value, int):
        return head(0, value) if value >= 0 else head(1, -1 - value)
    if isinstance(value, bytes):
        return head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode()
        return head(3, len(raw)) + raw
    if isinstance(value, dict):
        return head(5, len(value)) + b"".join(cbor(k) + cbor(v) for k, v in value.items())
    raise TypeError(value)


class SecurityKey:
    """A FIDO2 authenticator with one credential, as a YubiKey would hold for this service."""

    UP, UV, AT = 0x01, 0x04, 0x40

    def __init__(self, rp_id: str = RP_ID, origin: str = ORIGIN) -> None:
        self.private = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(64)
        self.counter = 0
        self.rp_id = rp_id
        self.origin = origin

    def cose_key(self) -> bytes:
        numbers = self.private.public_key().public_numbers()
        return cbor(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )

    def _client_data(self, kind: str, challenge: str, origin: str | None) -> bytes:
        return json.dumps(
            {"type": kind, "challenge": challenge, "origin": origin or self.origin},
            separators=(",", ":"),
        ).encode()

    def create(self, options: dict[str, Any], *, origin: str | None = None) -> dict[str, Any]:
        """navigator.credentials.create(): a "none" attestation of a new credential."""
        assert options["rp"]["id"] == self.rp_id
        client_data = self._client_data("webauthn.create", options["challenge"], origin)
        attested = (
            bytes(16)  # AAGUID: none given, as with "none" attestation
            + struct.pack(">H", len(self.credential_id))
            + self.credential_id
            + self.cose_key()
        )
        auth_data = (
            hashlib.sha256(self.rp_id.encode()).digest()
            + bytes([self.UP | self.AT])
            + struct.pack(">I", self.counter)
            + attested
        )
        attestation = cbor({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "attestationObject": b64url(attestation),
                "transports": ["usb"],
            },
            "authenticatorAttachment": "cross-platform",
            "clientExtensionResults": {},
        }

    def get(
        self,
        options: dict[str, Any],
        *,
        origin: str | None = None,
        counter: int | None = None,
        rp_id: str | None = None,
        spoil_signature: bool = False,
        anywhere: bool = False,
    ) -> dict[str, Any]:
        """navigator.credentials.get(): sign the challenge, if this credential is allowed."""
        allowed = {unb64url(c["id"]) for c in options["allowCredentials"]}
        assert anywhere or self.credential_id in allowed
        self.counter = self.counter + 1 if counter is None else counter
        client_data = self._client_data("webauthn.get", options["challenge"], origin)
        auth_data = (
            hashlib.sha256((rp_id or self.rp_id).encode()).digest()
            + bytes([self.UP])
            + struct.pack(">I", self.counter)
        )
        signed = auth_data + hashlib.sha256(client_data).digest()
        signature = self.private.sign(signed, ec.ECDSA(hashes.SHA256()))
        if spoil_signature:
            signature = self.private.sign(signed + b"!", ec.ECDSA(hashes.SHA256()))
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signature),
            },
            "clientExtensionResults": {},
        }


# -- helpers -------------------------------------------------------------------------------------


@pytest.fixture
def vera(client: TestClient, app: FastAPI, totp_clock: TotpClock) -> Member:
    return enrol(client, totp_clock, invite_directly(app, "vera", is_admin=False), "vera")


def register(
    http: httpx.Client, member: Member, key: SecurityKey, name: str = "YubiKey blauw"
) -> httpx.Response:
    options = http.post(f"{KEYS}/options", headers=headers_of(member))
    assert options.status_code == 200, options.text
    credential = key.create(options.json())
    return http.post(
        KEYS, json={"name": name, "credential": credential}, headers=headers_of(member)
    )


def key_options(http: httpx.Client, username: str) -> dict[str, Any]:
    response = http.post(LOGIN_OPTIONS, json={"username": username})
    assert response.status_code == 200, response.text
    options: dict[str, Any] = response.json()
    return options


def login_with(
    http: httpx.Client, username: str, passphrase: str, assertion: dict[str, Any]
) -> httpx.Response:
    """Log in as the console does: passphrase-derived auth value plus the key's assertion."""
    params = http.post(f"{BASE}/login/parameters", json={"username": username}).json()
    secrets_ = derive_staff_secrets(
        passphrase, salt=base64.b64decode(params["salt"]), iterations=params["iterations"]
    )
    body = {"username": username, "auth_value": b64(secrets_.auth_value), "security_key": assertion}
    return http.post(f"{BASE}/login", json=body)


def failure(response: httpx.Response) -> tuple[int, str, str]:
    error = response.json()["error"]
    return response.status_code, error["code"], error["message"]


@pytest.fixture
def vera_with_key(client: TestClient, vera: Member) -> Iterator[tuple[Member, SecurityKey]]:
    key = SecurityKey()
    assert register(client, vera, key).status_code == 201
    yield vera, key


# -- registration and the list -------------------------------------------------------------------


def test_a_member_registers_a_key_and_sees_it_listed(
    client: TestClient, app: FastAPI, vera: Member
) -> None:
    key = SecurityKey()
    added = register(client, vera, key, name="  YubiKey blauw ")

    assert added.status_code == 201
    listed = client.get(KEYS, headers=headers_of(vera)).json()
    assert listed == [added.json()]
    assert set(listed[0]) == {"id", "name", "created_on", "last_used_on"}
    assert listed[0]["name"] == "YubiKey blauw"
    assert listed[0]["created_on"] == date.today().isoformat()
    assert listed[0]["last_used_on"] is None
    stored = one(app, StaffSecurityKey)
    assert stored["credential_id"] == key.credential_id
    assert stored["member_id"] == vera.id
    assert stored["sign_count"] == 0
    assert isinstance(stored["created_on"], date)


def test_registration_options_ask_for_no_resident_key_and_exclude_known_keys(
    client: TestClient, vera: Member
) -> None:
    first = client.post(f"{KEYS}/options", headers=headers_of(vera)).json()
    assert first["rp"] == {"id": RP_ID, "name": "Vertrouwenspunt"}
    assert first["attestation"] == "none"
    assert first["authenticatorSelection"]["residentKey"] == "discouraged"
    assert first["excludeCredentials"] == []

    key = SecurityKey()
    assert register(client, vera, key).status_code == 201
    second = client.post(f"{KEYS}/options", headers=headers_of(vera)).json()
    assert [c["id"] for c in second["excludeCredentials"]] == [b64url(key.credential_id)]
    assert second["challenge"] != first["challenge"]


def test_registration_needs_a_session_and_the_csrf_token(client: TestClient, vera: Member) -> None:
    cookie_only = {"Cookie": headers_of(vera)["Cookie"]}
    assert client.post(f"{KEYS}/options").status_code == 401
    assert client.post(f"{KEYS}/options", headers=cookie_only).status_code == 403
    assert client.get(KEYS).status_code == 401


def test_a_registration_challenge_works_once_for_its_own_member_and_origin(
    client: TestClient, app: FastAPI, totp_clock: TotpClock, vera: Member
) -> None:
    other = enrol(client, totp_clock, invite_directly(app, "otto", is_admin=False), "otto")
    options = client.post(f"{KEYS}/options", headers=headers_of(vera)).json()
    key = SecurityKey()

    wrong_origin = key.create(options, origin="https://evil.example")
    refused_origin = client.post(
        KEYS, json={"name": "a", "credential": wrong_origin}, headers=headers_of(vera)
    )
    # The refused attempt spent the challenge: nothing can be done with it any more.
    replayed = client.post(
        KEYS, json={"name": "a", "credential": key.create(options)}, headers=headers_of(vera)
    )
    fresh = client.post(f"{KEYS}/options", headers=headers_of(vera)).json()
    someone_elses = client.post(
        KEYS, json={"name": "a", "credential": key.create(fresh)}, headers=headers_of(other)
    )

    for response in (refused_origin, replayed, someone_elses):
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "security_key_invalid"
    assert count(app, StaffSecurityKey) == 0


def test_an_expired_registration_challenge_is_refused(
    client: TestClient, vera: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = client.post(f"{KEYS}/options", headers=headers_of(vera)).json()
    later = security_keys.clock() + security_keys.CHALLENGE_TTL_SECONDS + 1
    monkeypatch.setattr(security_keys, "clock", lambda: later)

    response = client.post(
        KEYS,
        json={"name": "a", "credential": SecurityKey().create(options)},
        headers=headers_of(vera),
    )
    assert response.status_code == 422


def test_the_same_key_cannot_be_registered_twice(
    client: TestClient, app: FastAPI, vera_with_key: tuple[Member, SecurityKey]
) -> None:
    vera, key = vera_with_key
    again = register(client, vera, key)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "security_key_taken"
    assert count(app, StaffSecurityKey) == 1


def test_errors_are_translated(client: TestClient, vera: Member) -> None:
    options = client.post(f"{KEYS}/options", headers=headers_of(vera)).json()
    body = {"name": "a", "credential": SecurityKey().create(options, origin="https://x.example")}
    english = client.post(
        KEYS, json=body, headers={**headers_of(vera), "Accept-Language": "en"}
    ).json()["error"]
    assert english == {"code": "security_key_invalid", "message": security_keys.KEY_INVALID}


# -- logging in with a key -----------------------------------------------------------------------


def test_logging_in_with_the_key_opens_a_working_session(
    client: TestClient, app: FastAPI, vera_with_key: tuple[Member, SecurityKey]
) -> None:
    vera, key = vera_with_key
    response = login_with(client, "vera", vera.passphrase, key.get(key_options(client, "vera")))

    assert response.status_code == 200, response.text
    assert response.json()["member"]["username"] == "vera"
    token = response.cookies.get("__Host-vp-session")
    session = client.get(f"{BASE}/session", headers={"Cookie": f"__Host-vp-session={token}"})
    assert session.status_code == 200
    stored = one(app, StaffSecurityKey)
    assert stored["sign_count"] == key.counter == 1
    assert stored["last_used_on"] == date.today()
    listed = client.get(KEYS, headers=headers_of(vera)).json()
    assert listed[0]["last_used_on"] == date.today().isoformat()


def test_totp_and_recovery_codes_keep_working_next_to_a_key(
    client: TestClient, totp_clock: TotpClock, vera_with_key: tuple[Member, SecurityKey]
) -> None:
    vera, _key = vera_with_key
    by_code = raw_login(client, "vera", vera.passphrase, totp_code=totp_clock.code(vera.seed))
    by_recovery = raw_login(client, "vera", vera.passphrase, recovery_code=vera.recovery_codes[0])
    assert (by_code.status_code, by_recovery.status_code) == (200, 200)


def test_every_bad_assertion_fails_like_any_other_login_failure(
    client: TestClient,
    app: FastAPI,
    totp_clock: TotpClock,
    vera_with_key: tuple[Member, SecurityKey],
) -> None:
    vera, key = vera_with_key
    otto = enrol(client, totp_clock, invite_directly(app, "otto", is_admin=False), "otto")
    ottos_key = SecurityKey()
    assert register(client, otto, ottos_key).status_code == 201
    right = totp_clock.code(vera.seed)
    generic = failure(
        raw_login(client, "vera", vera.passphrase, totp_code=f"{(int(right) + 1) % 10**6:06d}")
    )
    assert generic[:2] == (401, "login_failed")
    sessions_before = count(app, StaffSession)

    def attempt(assertion: dict[str, Any], username: str = "vera") -> tuple[int, str, str]:
        return failure(login_with(client, username, vera.passphrase, assertion))

    wrong_signature = attempt(key.get(key_options(client, "vera"), spoil_signature=True))
    wrong_origin = attempt(key.get(key_options(client, "vera"), origin="https://evil.example"))
    wrong_rp = attempt(key.get(key_options(client, "vera"), rp_id="evil.example"))
    # Otto's key signs a challenge issued for vera's name: a key of another member.
    not_hers = attempt(ottos_key.get(key_options(client, "vera"), anywhere=True))
    # A challenge issued for another username.
    other_name = attempt(key.get(key_options(client, "otto"), anywhere=True))
    # A counter that goes back: a cloned authenticator.
    key.counter = 10
    assert login_with(
        client, "vera", vera.passphrase, key.get(key_options(client, "vera"))
    ).is_success
    sessions_before += 1
    regressed = attempt(key.get(key_options(client, "vera"), counter=5))
    key.counter = 11
    # The same challenge twice, even signed afresh with a higher counter.
    options = key_options(client, "vera")
    assert login_with(client, "vera", vera.passphrase, key.get(options)).is_success
    sessions_before += 1
    replayed = attempt(key.get(options))
    # A genuine assertion with the wrong passphrase, and for a user who does not exist.
    wrong_passphrase = failure(
        login_with(client, "vera", "not the passphrase", key.get(key_options(client, "vera")))
    )
    unknown = attempt(key.get(key_options(client, "nobody"), anywhere=True), username="nobody")

    failures = [
        wrong_signature,
        wrong_origin,
        wrong_rp,
        not_hers,
        other_name,
        regressed,
        replayed,
        wrong_passphrase,
        unknown,
    ]
    assert set(failures) == {generic}
    assert count(app, StaffSession) == sessions_before
    assert one(app, StaffSecurityKey, StaffSecurityKey.member_id == vera.id)["sign_count"] == 12


def test_an_expired_login_challenge_is_refused(
    client: TestClient,
    vera_with_key: tuple[Member, SecurityKey],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    vera, key = vera_with_key
    options = key_options(client, "vera")
    later = security_keys.clock() + security_keys.CHALLENGE_TTL_SECONDS + 1
    monkeypatch.setattr(security_keys, "clock", lambda: later)
    response = login_with(client, "vera", vera.passphrase, key.get(options))
    assert failure(response)[:2] == (401, "login_failed")


def test_a_login_gives_exactly_one_second_factor(
    client: TestClient, totp_clock: TotpClock, vera_with_key: tuple[Member, SecurityKey]
) -> None:
    vera, key = vera_with_key
    params = client.post(f"{BASE}/login/parameters", json={"username": "vera"}).json()
    secrets_ = derive_staff_secrets(
        vera.passphrase, salt=base64.b64decode(params["salt"]), iterations=params["iterations"]
    )
    body = {
        "username": "vera",
        "auth_value": b64(secrets_.auth_value),
        "totp_code": totp_clock.code(vera.seed),
        "security_key": key.get(key_options(client, "vera")),
    }
    assert client.post(f"{BASE}/login", json=body).status_code == 422


def test_login_options_look_the_same_for_anyone(
    client: TestClient,
    app: FastAPI,
    totp_clock: TotpClock,
    vera_with_key: tuple[Member, SecurityKey],
) -> None:
    _vera, key = vera_with_key
    enrol(client, totp_clock, invite_directly(app, "otto", is_admin=False), "otto")
    real = key_options(client, "vera")
    without_keys = key_options(client, "otto")
    unknown = key_options(client, "nobody")
    unknown_again = key_options(client, "nobody")

    def shape(options: dict[str, Any]) -> Any:
        return (
            sorted(options),
            {k: v for k, v in options.items() if k not in ("challenge", "allowCredentials")},
            len(unb64url(options["challenge"])),
            [(sorted(c), c["type"]) for c in options["allowCredentials"]][:1],
        )

    assert shape(real) == shape(without_keys) == shape(unknown)
    assert real["rpId"] == RP_ID
    assert [unb64url(c["id"]) for c in real["allowCredentials"]] == [key.credential_id]
    assert all(len(unb64url(c["id"])) == 64 for c in unknown["allowCredentials"])
    # Made up, but stable: asking again does not show that they are made up.
    assert unknown["allowCredentials"] == unknown_again["allowCredentials"]
    assert unknown["challenge"] != unknown_again["challenge"]
    assert without_keys["allowCredentials"] != unknown["allowCredentials"]


def test_a_challenge_is_single_use_without_redis_too(
    database: Database, database_url: str, totp_clock: TotpClock
) -> None:
    """One process without Redis keeps spent challenges in its memory."""
    single = create_app(make_settings(database_url, None, base_url=ORIGIN), database=database)
    rate_limits.reset()
    with TestClient(single, base_url="http://testserver") as http:
        vera = enrol(http, totp_clock, invite_directly(single, "vera", is_admin=False), "vera")
        key = SecurityKey()
        assert register(http, vera, key).status_code == 201
        options = key_options(http, "vera")
        assert login_with(http, "vera", vera.passphrase, key.get(options)).status_code == 200
        replay = login_with(http, "vera", vera.passphrase, key.get(options))
        assert failure(replay)[:2] == (401, "login_failed")
    rate_limits.reset()


# -- removal, audit, logs ------------------------------------------------------------------------


def test_removing_a_key_stops_it_working_and_only_its_owner_can(
    client: TestClient,
    app: FastAPI,
    totp_clock: TotpClock,
    vera_with_key: tuple[Member, SecurityKey],
) -> None:
    vera, key = vera_with_key
    otto = enrol(client, totp_clock, invite_directly(app, "otto", is_admin=False), "otto")
    key_id = client.get(KEYS, headers=headers_of(vera)).json()[0]["id"]

    by_other = client.delete(f"{KEYS}/{key_id}", headers=headers_of(otto))
    assert (by_other.status_code, by_other.json()["error"]["code"]) == (
        404,
        "security_key_not_found",
    )
    assert client.delete(f"{KEYS}/{key_id}", headers=headers_of(vera)).status_code == 204
    assert client.delete(f"{KEYS}/{key_id}", headers=headers_of(vera)).status_code == 404
    assert client.get(KEYS, headers=headers_of(vera)).json() == []

    options = key_options(client, "vera")
    # The options no longer name the key: they are the made-up ones of a user without keys.
    assert b64url(key.credential_id) not in [c["id"] for c in options["allowCredentials"]]
    refused = login_with(client, "vera", vera.passphrase, key.get(options, anywhere=True))
    assert failure(refused)[:2] == (401, "login_failed")


def test_registration_and_removal_are_audited_without_the_credential(
    client: TestClient, app: FastAPI, vera_with_key: tuple[Member, SecurityKey]
) -> None:
    vera, key = vera_with_key
    key_id = client.get(KEYS, headers=headers_of(vera)).json()[0]["id"]
    assert client.delete(f"{KEYS}/{key_id}", headers=headers_of(vera)).status_code == 204

    entries = {
        r["action"]: r
        for r in rows(app, AuditEntry)
        if r["action"].startswith("staff.security_key")
    }
    assert set(entries) == {"staff.security_key_added", "staff.security_key_removed"}
    for entry in entries.values():
        assert entry["actor_id"] == vera.id
        assert json.loads(entry["detail"]) == {"key": key_id}
        for form in (key.credential_id, b64url(key.credential_id).encode()):
            assert form not in row_bytes(entry)


def test_nothing_identifying_reaches_the_logs(
    client: TestClient, vera: Member, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    key = SecurityKey()
    assert register(client, vera, key).status_code == 201
    assert login_with(
        client, "vera", vera.passphrase, key.get(key_options(client, "vera"))
    ).is_success
    bad = key.get(key_options(client, "vera"), spoil_signature=True)
    assert login_with(client, "vera", vera.passphrase, bad).status_code == 401
    key_id = client.get(KEYS, headers=headers_of(vera)).json()[0]["id"]
    client.delete(f"{KEYS}/{key_id}", headers=headers_of(vera))

    # Everything the service logged (the test's own HTTP client logs the URLs it asked for).
    logged = "\n".join(
        record.getMessage()
        for record in caplog.records
        if not record.name.startswith(("httpx", "httpcore"))
    )
    assert "/security-keys" in logged  # the access log did run
    credential = key.credential_id
    for form in (
        b64url(credential),
        base64.b64encode(credential).decode(),
        credential.hex(),
        key_id,
        "YubiKey",
    ):
        assert form not in logged


# -- configuration -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base_url", "rp_id", "origin"),
    [
        ("https://vp.example.org", "vp.example.org", "https://vp.example.org"),
        ("https://VP.example.org:443/console/", "vp.example.org", "https://vp.example.org"),
        ("https://vp.example.org:8443", "vp.example.org", "https://vp.example.org:8443"),
        ("http://localhost:8000", "localhost", "http://localhost:8000"),
        ("http://localhost:80", "localhost", "http://localhost"),
    ],
)
def test_the_relying_party_comes_from_base_url(base_url: str, rp_id: str, origin: str) -> None:
    party = relying_party(Settings(environment="test", base_url=base_url))
    assert (party.id, party.origin) == (rp_id, origin)


def test_malformed_responses_are_refused_not_a_crash(
    client: TestClient, app: FastAPI, vera_with_key: tuple[Member, SecurityKey]
) -> None:
    vera, key = vera_with_key
    assertion = key.get(key_options(client, "vera"))
    # The last one nests deeper than Python's parser can recurse, within the length limit.
    deep = b64url(b"[" * 3000)
    malformed = ("AA", b64url(b"[]"), b64url(b'{"challenge": 1}'), b64url(b"\xff\xfe"), deep)
    for client_data in malformed:
        spoiled = {**assertion, "response": {**assertion["response"]}}
        spoiled["response"]["clientDataJSON"] = client_data
        assert login_with(client, "vera", vera.passphrase, spoiled).status_code == 401
    options = client.post(f"{KEYS}/options", headers=headers_of(vera)).json()
    credential = key.create(options)
    credential["response"]["attestationObject"] = b64url(b"not cbor")
    response = client.post(
        KEYS, json={"name": "x", "credential": credential}, headers=headers_of(vera)
    )
    assert response.status_code == 422
    assert count(app, StaffSecurityKey) == 1  # the first key, nothing else
