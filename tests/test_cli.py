"""The administration CLI on a fresh SQLite file: bootstrap an admin, verify the audit log."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select, update

from app import cli
from app.main import create_app
from app.models import AuditEntry, StaffMember
from app.security import rate_limits
from app.settings import get_settings
from tests.conftest import make_settings
from tests.staff.helpers import enrolment_body

SECRET = "cli-test-secret-" + "s" * 24  # 40 characters: no InsecureSettingWarning
BASE_URL = "https://vp.example.org"


@pytest.fixture
def database_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("VP_ENVIRONMENT", "test")
    monkeypatch.setenv("VP_SECRET_KEY", SECRET)
    monkeypatch.setenv("VP_BASE_URL", BASE_URL)
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def _create_admin(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, str]:
    assert cli.main(["create-admin", *args]) == 0
    output = capsys.readouterr().out
    match = re.search(r"^(https://\S+)$", output, re.MULTILINE)
    assert match, output
    return output, match.group(1)


def _rows(url: str, table: type) -> list[dict[str, object]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [dict(r._mapping) for r in connection.execute(select(table.__table__))]
    finally:
        engine.dispose()


def test_create_admin_prints_link_with_token_in_fragment(
    database_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _output, url = _create_admin(capsys, "alice")

    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == BASE_URL
    assert len(parts.fragment) >= 40
    assert parts.fragment not in parts.path and not parts.query
    [member] = _rows(database_file, StaffMember)
    assert member["username"] == "alice"
    assert member["is_admin"] is True and member["is_vp"] is True
    assert member["status"] == "invited"


def test_database_holds_no_enrolment_token(
    database_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _output, url = _create_admin(capsys, "alice")
    token = urlsplit(url).fragment
    [member] = _rows(database_file, StaffMember)
    assert all(token not in str(value) for value in member.values())


def test_printed_token_starts_enrolment(
    database_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _output, url = _create_admin(capsys, "alice")
    settings = make_settings(database_file, None, secret_key=SECRET)
    rate_limits.reset()
    with TestClient(create_app(settings), base_url="http://testserver") as http:
        body = enrolment_body(urlsplit(url).fragment).body
        response = http.post("/api/v1/staff/enrolment", json=body)
    rate_limits.reset()
    assert response.status_code == 200, response.text


def test_create_admin_without_vp_role(
    database_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _create_admin(capsys, "root", "--no-vp")
    [member] = _rows(database_file, StaffMember)
    assert member["is_admin"] is True and member["is_vp"] is False


def test_create_admin_is_audited(database_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    _create_admin(capsys, "alice")
    [entry] = _rows(database_file, AuditEntry)
    assert entry["actor_kind"] == "cli" and entry["action"] == "staff.bootstrap_admin"


def test_taken_username_is_refused_without_traceback(
    database_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _create_admin(capsys, "alice")

    assert cli.main(["create-admin", "alice"]) == 1

    captured = capsys.readouterr()
    assert "already taken" in captured.err
    assert "https://" not in captured.out
    assert len(_rows(database_file, StaffMember)) == 1


def test_verify_audit_passes_then_fails_after_tampering(
    database_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _create_admin(capsys, "alice")
    _create_admin(capsys, "bob")

    assert cli.main(["verify-audit"]) == 0
    assert "intact" in capsys.readouterr().out

    engine = create_engine(database_file)
    with engine.begin() as connection:
        table = AuditEntry.__table__
        connection.execute(update(table).where(table.c.seq == 1).values(action="staff.login"))
    engine.dispose()

    assert cli.main(["verify-audit"]) == 1
    output = capsys.readouterr().out
    assert "entry 1:" in output and "BROKEN" in output


def test_migrate_on_a_fresh_file(database_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["migrate"]) == 0
    assert "newest schema" in capsys.readouterr().out
    assert _rows(database_file, StaffMember) == []


def test_verify_audit_prints_the_head_and_an_anchor_catches_a_rolled_back_entry(
    database_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _create_admin(capsys, "alice")
    assert cli.main(["verify-audit"]) == 0
    anchor = re.search(
        r"head \(keep a copy elsewhere\): (\d+:[0-9a-f]{64})", capsys.readouterr().out
    )
    assert anchor, "no head printed"
    assert cli.main(["verify-audit", "--anchor", anchor.group(1)]) == 0
    capsys.readouterr()
    # A restored old copy would hold different entries under the same number.
    engine = create_engine(database_file)
    with engine.begin() as connection:
        connection.execute(update(AuditEntry.__table__).values(entry_hash=b"\x07" * 32))
    engine.dispose()

    assert cli.main(["verify-audit", "--anchor", anchor.group(1)]) == 1
    assert "differs from the anchor written down earlier" in capsys.readouterr().out


def test_export_audit_writes_every_entry_as_a_json_line_and_is_itself_logged(
    database_file: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _create_admin(capsys, "alice")
    target = tmp_path / "audit.jsonl"

    assert cli.main(["export-audit", "--output", str(target)]) == 0

    import json

    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert [entry["action"] for entry in lines] == ["staff.bootstrap_admin"]
    assert len(lines[0]["entry_hash"]) == 64
    assert [r["action"] for r in _rows(database_file, AuditEntry)][-1] == "audit.export"
    assert cli.main(["verify-audit"]) == 0


def test_partner_enrolment_prints_a_one_time_token(
    database_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _create_admin(capsys, "alice")

    assert cli.main(["partner-enrolment", "belle"]) == 0
    output = capsys.readouterr().out
    assert "vertrouwenspunt-partner register https://vp.example.org CODE" in output
    # Grouped for reading out by phone, with the entropy of a 256-bit key (260 bits).
    code = output.splitlines()[1]
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}( [0-9A-HJKMNP-TV-Z]{4}){12}", code), code
    assert cli.main(["partner-enrolment", "no-such-partner"]) == 1
    assert "does not exist" in capsys.readouterr().err
