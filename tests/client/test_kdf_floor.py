"""The Python clients refuse weak passphrase settings whatever the server says (T3, client.kdf).

A lying server is outside the project, so an httpx.MockTransport plays it: it answers the login
parameters with what an attacker would like, and records whether anything derived reached it.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import httpx
import pytest

import crypto
from client import StaffClient, kdf, keyfile
from client.kdf import WeakKdfParametersError
from client.partner_cli import main as partner_cli

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def published_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real floor, not the suite's cheaper one (tests/fixtures.py lowers it for speed)."""
    monkeypatch.setattr(kdf, "MIN_ITERATIONS", crypto.MIN_PBKDF2_ITERATIONS)


class LyingServer:
    """Answers the login parameters with ``salt`` and ``iterations``; keeps every request."""

    def __init__(self, *, salt: bytes, iterations: object) -> None:
        self.answer = {"kdf": "pbkdf2-sha256", "salt": base64.b64encode(salt).decode()}
        if iterations is not None:
            self.answer["iterations"] = iterations  # type: ignore[assignment]
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.path == "/api/v1/staff/login/parameters":
            return httpx.Response(200, json=self.answer)
        return httpx.Response(200, json={"error": "the attacker got an auth value"})

    def paths(self) -> list[str]:
        return [r.url.path for r in self.requests]


@pytest.mark.parametrize(
    ("salt", "iterations"),
    [
        (os.urandom(16), 1),
        (os.urandom(16), 1000),
        (os.urandom(16), crypto.MIN_PBKDF2_ITERATIONS - 1),
        (os.urandom(12), crypto.MIN_PBKDF2_ITERATIONS),
        (b"", crypto.MIN_PBKDF2_ITERATIONS),
        (os.urandom(16), None),
        (os.urandom(16), "600000"),
        (os.urandom(16), True),
    ],
    ids=["one", "thousand", "just-below", "12-byte-salt", "no-salt", "missing", "text", "bool"],
)
def test_login_refuses_weak_settings_and_sends_no_auth_value(
    salt: bytes, iterations: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    derived: list[object] = []
    monkeypatch.setattr(kdf, "derive_staff_secrets", lambda *a, **k: derived.append(k))
    server = LyingServer(salt=salt, iterations=iterations)
    staff = StaffClient(httpx.Client(transport=httpx.MockTransport(server), base_url="http://vp"))

    with pytest.raises(WeakKdfParametersError):
        staff.login("vera", PASSPHRASE, totp_code="123456")

    assert server.paths() == ["/api/v1/staff/login/parameters"]
    assert derived == []


def test_login_derives_with_the_published_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    derived: list[dict[str, object]] = []

    def fake(passphrase: str, **kwargs: object) -> crypto.StaffSecrets:
        derived.append(kwargs)
        return crypto.StaffSecrets(wrap_key=bytes(32), auth_value=bytes(32))

    monkeypatch.setattr(kdf, "derive_staff_secrets", fake)
    salt = os.urandom(16)
    server = LyingServer(salt=salt, iterations=crypto.MIN_PBKDF2_ITERATIONS)
    staff = StaffClient(httpx.Client(transport=httpx.MockTransport(server), base_url="http://vp"))

    with pytest.raises(Exception):  # noqa: B017, PT011 - the fake server answers nonsense
        staff.login("vera", PASSPHRASE, totp_code="123456")

    assert derived == [{"salt": salt, "iterations": crypto.MIN_PBKDF2_ITERATIONS}]
    assert server.paths() == ["/api/v1/staff/login/parameters", "/api/v1/staff/login"]


def test_enrolment_refuses_a_client_set_below_the_floor() -> None:
    server = LyingServer(salt=os.urandom(16), iterations=1)
    staff = StaffClient(
        httpx.Client(transport=httpx.MockTransport(server), base_url="http://vp"), iterations=1000
    )
    with pytest.raises(WeakKdfParametersError):
        staff.enrol("token-" + "x" * 30, PASSPHRASE)
    assert server.requests == []


def _weakened(path: Path, **kdf_settings: object) -> None:
    document = json.loads(path.read_text())
    document["kdf"].update(kdf_settings)
    path.write_text(json.dumps(document))


@pytest.fixture(scope="module")
def made_key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("key") / "partner-key.json"
    keyfile.create(path, PASSPHRASE)
    return path


@pytest.mark.parametrize(
    "change", [{"iterations": 1}, {"iterations": 599_999}, {"salt": "00" * 12}, {"iterations": "1"}]
)
def test_a_key_file_with_weak_settings_is_refused_before_deriving(
    made_key: Path, tmp_path: Path, change: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "swapped.json"
    path.write_text(made_key.read_text())
    _weakened(path, **change)
    monkeypatch.setattr(kdf, "derive_staff_secrets", lambda *a, **k: pytest.fail("derived"))

    with pytest.raises(WeakKdfParametersError):
        keyfile.unlock(path, PASSPHRASE)


def test_a_key_file_at_the_minimum_opens(made_key: Path) -> None:
    assert keyfile.unlock(made_key, PASSPHRASE).public_key() is not None


def test_a_weak_key_file_is_never_written(tmp_path: Path) -> None:
    with pytest.raises(WeakKdfParametersError):
        keyfile.create(tmp_path / "weak.json", PASSPHRASE, iterations=1000)
    assert not (tmp_path / "weak.json").exists()


def test_the_partner_cli_refuses_a_swapped_weak_key_file(
    made_key: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "partner-key.json"
    path.write_text(made_key.read_text())
    _weakened(path, iterations=1)
    config = tmp_path / "partner-config.json"
    config.write_text(
        json.dumps({"server": "http://vp", "api_token": "t", "key_files": [str(path)]})
    )
    monkeypatch.setenv("VP_KEY_PASSPHRASE", PASSPHRASE)
    args = [
        "--key-file",
        str(path),
        "--config",
        str(config),
        "--passphrase-env",
        "VP_KEY_PASSPHRASE",
    ]

    with pytest.raises(SystemExit) as stopped:
        partner_cli([*args, "pull"])

    assert "not protected well enough" in str(stopped.value)
    assert (
        partner_cli(
            [*args, "--key-file", str(tmp_path / "new.json"), "init", "--iterations", "1000"]
        )
        == 1
    )
    assert "minimum is 600000 iterations" in capsys.readouterr().err
