"""The issue's proof, over real HTTP against ``python -m app.server``, on each database.

Python clients play the reporter and the advisers. Afterwards the database bytes, everything the
service logged and every Redis key and value are scanned for what must never be kept (R1–R4, R7).
"""

from __future__ import annotations

import base64
import json
import subprocess
import time
import uuid
from pathlib import Path

import httpx
import pyotp
import pytest
import redis
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from app.db import Database
from app.models import Base, InboxKeyWrap, Report, Signal
from client import ReporterClient, StaffClient, protocol
from client.errors import ApiError
from client.partner import PartnerClient, register_key
from crypto import (
    DecryptionError,
    generate_private_key,
    mailbox_credential,
    open_sealed,
    parse_receipt,
    public_key_bytes,
)
from tests.conftest import TEST_PBKDF2_ITERATIONS
from tests.e2e.live_server import live_server
from tests.factories import KeysShown, invite_directly
from tests.signals.helpers import release_queued

REPORTER_ADDRESS = "127.23.45.67"
FORGED_FORWARD = "198.51.100.23"
USER_AGENT = "Mozilla/5.0 (Linux; Android 13; Canary-Phone-7781) Mobile Safari/537.36"
CANARY = "CANARY-Jansen-straat-17-0612345678"


def reporter_http(base_url: str) -> httpx.Client:
    return httpx.Client(
        base_url=base_url,
        transport=httpx.HTTPTransport(local_address=REPORTER_ADDRESS),
        headers={
            "User-Agent": USER_AGENT,
            "X-Forwarded-For": FORGED_FORWARD,
            "X-Real-IP": FORGED_FORWARD,
            "Forwarded": f"for={FORGED_FORWARD}",
        },
        timeout=30,
    )


def now_code(seed: str, steps_ahead: int = 0) -> str:
    # The server runs in its own process on the real clock, so codes come from the real clock too.
    return pyotp.TOTP(seed).at(time.time() + steps_ahead * 30)


def enrol_and_login(http: httpx.Client, token: str, username: str) -> tuple[StaffClient, str]:
    passphrase = f"a long passphrase for {username}"
    staff = StaffClient(http, iterations=TEST_PBKDF2_ITERATIONS, confirm_key=KeysShown())
    seed = staff.enrol(token, passphrase)
    staff.confirm_enrolment(token, now_code(seed))
    # The next time step's code: the one just used is never accepted again.
    staff.login(username, passphrase, totp_code=now_code(seed, 1))
    return staff, passphrase


def database_bytes(database_url: str) -> bytes:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        path = Path(str(url.database))
        return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    return subprocess.run(["pg_dump", "--no-owner", dsn], capture_output=True, check=True).stdout


def redis_dump(client: redis.Redis) -> bytes:
    parts: list[bytes] = []
    for key in client.scan_iter(count=1000):
        parts.append(key)
        kind = client.type(key)
        if kind == b"string":
            parts.append(client.get(key) or b"")
        elif kind == b"list":
            parts.extend(client.lrange(key, 0, -1))
        elif kind == b"zset":
            parts.extend(member for member, _ in client.zrange(key, 0, -1, withscores=True))
        elif kind == b"hash":
            for field, value in client.hgetall(key).items():
                parts.extend((field, value))
        elif kind == b"set":
            parts.extend(client.smembers(key))
    return b"\n".join(parts)


def forbidden_values(receipt: str) -> dict[str, list[bytes]]:
    canonical = parse_receipt(receipt)
    credential = mailbox_credential(receipt)
    return {
        "report text": [CANARY.encode(), CANARY.encode("utf-16-le")],
        "receipt": [receipt.encode(), canonical.encode(), canonical.lower().encode()],
        "credential": [credential, base64.b64encode(credential)],
        "client address": [REPORTER_ADDRESS.encode(), FORGED_FORWARD.encode()],
        "user agent": [USER_AGENT.encode(), b"Canary-Phone-7781"],
    }


@pytest.mark.slow
def test_core_flow_over_http_leaves_no_trace(
    database: Database, database_url: str, redis_url: str, redis_client: redis.Redis, tmp_path: Path
) -> None:
    log_path = tmp_path / "server.log"
    with live_server(database_url=database_url, redis_url=redis_url, log_path=log_path) as base:
        http = reporter_http(base)
        invite_token = _bootstrap_admin(database, database_url)
        admin, _ = enrol_and_login(http, invite_token, "admin")
        admin.create_inbox_key()

        # Belle's own system registers its key: only a connected partner is a reporter's choice.
        belle_key = generate_private_key()
        registration = register_key(
            http,
            enrolment_token=admin.partner_enrolment("belle"),
            public_key=public_key_bytes(belle_key.public_key()),
        )

        reporter = ReporterClient(http)
        sent = reporter.submit(
            {"what": ["threats"], "text": f"Hij bedreigde me. {CANARY}"}, consents=["belle"]
        )
        assert sent.receipt

        # The adviser decrypts in their own memory, labels and replies.
        case = admin.read_case(sent.report_id)
        assert CANARY in case.report["text"]
        admin.update_case(sent.report_id, labels=["threats"])
        admin.reply(sent.report_id, {"text": "We hebben je melding. Ben je nu veilig?"})

        # The reporter has only the receipt, and reads the reply.
        _, entries = reporter.read_mailbox(sent.receipt)
        assert [e.content["text"] for e in entries] == ["We hebben je melding. Ben je nu veilig?"]
        reporter.follow_up(sent.receipt, {"text": f"Ja, nu wel. {CANARY}"})

        # A colleague joins, gets access from the admin's browser, and is later removed.
        colleague, _ = enrol_and_login(http, admin.invite("colleague"), "colleague")
        colleague_id = uuid.UUID(colleague.member["id"])
        admin.grant_access(colleague_id)
        colleague.refresh()
        assert colleague.read_case(sent.report_id).messages[-1]["content"]["text"].startswith("Ja")
        old_personal_key = colleague.personal_key
        new_version = admin.remove_member(colleague_id)
        assert new_version == 2
        with pytest.raises(ApiError) as refused:
            colleague.list_cases()
        assert refused.value.status == 401

        admin_id = uuid.UUID(admin.member["id"])
        with database.sessionmaker() as session:
            wraps = session.scalars(select(InboxKeyWrap)).all()
            # The removed member's wraps are gone; version 2 was made for the admin only.
            assert {(w.inbox_version, w.member_id) for w in wraps} == {(1, admin_id), (2, admin_id)}
            admins_new_wrap = next(w for w in wraps if w.inbox_version == 2)
        assert old_personal_key is not None
        with pytest.raises(DecryptionError):
            open_sealed(
                old_personal_key, admins_new_wrap.wrapped_key, info=protocol.key_wrap(2, admin_id)
            )

        # The same reporter without JavaScript: the server seals the form on arrival (R4), and the
        # receipt it shows opens the mailbox page; neither may leave a trace below.
        form = http.get("/nl/report").text
        token = form.split('name="token" value="', 1)[1].split('"', 1)[0]
        page = http.post("/nl/report", data={"token": token, "text": f"Zonder JS. {CANARY}"})
        no_js_receipt = page.text.split('<p class="receipt">', 1)[1].split("<", 1)[0]
        opened = http.post("/nl/mailbox", data={"receipt": no_js_receipt, "action": "read"})
        assert f"Zonder JS. {CANARY}" in opened.text
        erase_token = opened.text.split('name="token" value="', 1)[1].split('"', 1)[0]
        erased = http.post(
            "/nl/mailbox",
            data={
                "receipt": no_js_receipt,
                "action": "erase",
                "token": erase_token,
                "confirm": "1",
            },
        )
        assert "Alles is gewist" in erased.text

        second = reporter.submit({"text": "Tweede melding"}, consents=[])
        with database.sessionmaker() as session:
            assert session.get(Report, second.report_id).inbox_version == 2
        assert admin.read_case(second.report_id).report == {"text": "Tweede melding"}
        assert admin.read_case(sent.report_id).report["text"].endswith(CANARY)

        # The reporter allowed Belle, so a signal goes out.
        admin.send_signal(
            sent.report_id,
            {"text": "Een klant bedreigt sekswerkers in de regio."},
            partners=["belle"],
            category="threats",
            period="2026-Q4",
        )
        belle = PartnerClient(http, api_token=registration.api_token, keys=[belle_key])
        # Nothing reaches Belle before the release at the next fixed time of day (R5).
        assert belle.list_signals() == []
        release_queued(database)
        [delivery] = belle.list_signals()
        signal = belle.read_signal(uuid.UUID(delivery["id"]))
        assert CANARY not in json.dumps(signal.content)
        belle.acknowledge(signal.id)
        belle.send_feedback(signal.id, {"text": "Bekend bij ons."}, inbox=belle.inbox_key())

        # The reporter erases the first report.
        reporter.erase(sent.receipt)
        with pytest.raises(ApiError) as gone:
            reporter.read_mailbox(sent.receipt)
        assert gone.value.status == 401
        reporter.erase(second.receipt)
        http.close()

    with database.sessionmaker() as session:
        for table in ("reports", "messages", "notes", "case_labels", "consents"):
            model = Base.metadata.tables[table]
            assert session.scalar(select(func.count()).select_from(model)) == 0, table

    stored = {
        "database": database_bytes(database_url),
        "log": log_path.read_bytes(),
        "redis": redis_dump(redis_client),
    }
    assert stored["log"], "the server logged nothing; the scan would prove nothing"
    assert b"/api/v1/reports" in stored["log"]
    # The signal outlives the report it came from, and still names nothing of it (R5, R7).
    with database.sessionmaker() as session:
        assert session.scalar(select(func.count()).select_from(Signal)) == 1
    for place, content in stored.items():
        assert registration.api_token.encode() not in content, f"API token in {place}"
        for needle in (no_js_receipt.encode(), no_js_receipt.replace(" ", "").encode()):
            assert needle not in content, f"the no-JS receipt in {place}"
        for what, needles in forbidden_values(sent.receipt).items():
            for needle in needles:
                assert needle not in content, f"{what} found in {place}"
        for report in (sent, second):
            assert str(report.report_id).encode() not in content, f"erased report id in {place}"
            assert report.report_id.bytes not in content, f"erased report id in {place}"
            assert report.report_id.hex.encode() not in content, f"erased report id in {place}"


def _bootstrap_admin(database: Database, database_url: str) -> str:
    from fastapi import FastAPI

    from tests.conftest import make_settings

    app = FastAPI()
    app.state.settings = make_settings(database_url, None)
    app.state.database = database
    return invite_directly(app, "admin", is_admin=True)
