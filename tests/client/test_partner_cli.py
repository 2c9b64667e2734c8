"""A partner's own system, through ``vertrouwenspunt-partner`` against the running service."""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import pytest

from app.db import Database
from client import ReporterClient
from crypto import private_key_bytes
from tests.conftest import ROOT
from tests.e2e.live_server import live_server
from tests.e2e.test_live_server import _bootstrap_admin, enrol_and_login
from tests.signals.helpers import release_queued

PASSPHRASE = "correct horse battery staple for belle"


def cli(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BELLE_PASSPHRASE": PASSPHRASE}
    command = [
        sys.executable,
        "-m",
        "client.partner_cli",
        "--key-file",
        str(workdir / "belle-key.json"),
        "--config",
        str(workdir / "belle-config.json"),
        "--passphrase-env",
        "BELLE_PASSPHRASE",
        *args,
    ]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.slow
def test_a_partner_registers_pulls_decrypts_acknowledges_and_answers(
    database: Database, database_url: str, redis_url: str, tmp_path: Path
) -> None:
    with (
        live_server(
            database_url=database_url, redis_url=redis_url, log_path=tmp_path / "server.log"
        ) as base,
        httpx.Client(base_url=base, timeout=30) as http,
    ):
        admin, _ = enrol_and_login(http, _bootstrap_admin(database, database_url), "admin")
        admin.create_inbox_key()
        made = cli(tmp_path, "init")
        assert made.returncode == 0, made.stderr
        registered = cli(tmp_path, "register", base, admin.partner_enrolment("belle"))
        assert registered.returncode == 0, registered.stderr
        # Only now may a reporter consent to Belle: before its key it cannot receive a signal.
        sent = ReporterClient(http).submit({"text": "report"}, consents=["belle"])
        admin.send_signal(
            sent.report_id,
            {"text": "Signal for Belle"},
            partners=["belle"],
            category="threats",
            period="2026-Q4",
        )
        # The release at the next fixed time of day (R5), run here rather than waited for.
        release_queued(database)
        pulled = cli(tmp_path, "pull", "--ack")
        assert pulled.returncode == 0, pulled.stderr
        [line] = pulled.stdout.splitlines()
        signal = json.loads(line)
        answered = cli(tmp_path, "feedback", signal["id"], "Seen; we will visit the area.")
        assert answered.returncode == 0, answered.stderr
        again = cli(tmp_path, "pull")

        [team] = admin.signals()
        feedback = admin.signal_feedback(uuid.UUID(team["id"]))

    assert "fingerprint:" in registered.stdout
    assert signal["content"] == {"text": "Signal for Belle"}
    assert (signal["category"], signal["period"], signal["status"]) == (
        "threats",
        "2026-Q4",
        "acknowledged",
    )
    assert again.stdout == ""  # nothing new after the acknowledgement
    assert team["deliveries"][0]["status"] == "acknowledged"
    assert feedback == [
        {"partner_id": "belle", "content": {"text": "Seen; we will visit the area."}}
    ]
    for name in ("belle-key.json", "belle-config.json"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600


def test_the_key_file_never_holds_the_private_key_in_the_clear(tmp_path: Path) -> None:
    from client import keyfile

    path = tmp_path / "key.json"
    keyfile.create(path, PASSPHRASE, iterations=1000)
    raw = private_key_bytes(keyfile.unlock(path, PASSPHRASE))
    text = path.read_bytes()

    assert raw not in text
    assert base64.b64encode(raw) not in text and raw.hex().encode() not in text
    wrong = cli(tmp_path, "--key-file", str(path), "pull")
    assert wrong.returncode != 0
    with pytest.raises(FileExistsError):
        keyfile.create(path, PASSPHRASE, iterations=1000)
