"""R5: an audit entry about a case names it only sealed to the inbox key.

A thief of the database sees who did what and when, but nothing that says which case: no report
id, no hash of one, no value shared with the report's rows, and no value shared between two
entries about the same case. The advisers open the references; the chain verifies without them.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest
import redis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from app import cli
from app.audit import service as audit
from app.models import AuditEntry, Base, Partner, StaffMember
from app.settings import Settings, get_settings
from client.audit import open_case
from crypto import ENVELOPE_OVERHEAD, DecryptionError, generate_private_key
from tests.conftest import TEST_SECRET, TotpClock, make_settings
from tests.factories import enrol, invite_directly
from tests.signals.helpers import BELLE, Region, region, release, signal_to
from tests.staff.helpers import rows, set_values

# Every table whose rows belong to one report: they name it, or are deleted with it.
REPORT_SIDE = ("reports", "messages", "notes", "consents", "case_labels")
# The same few words for every case (a status, a kind of message): they match actions by chance
# ("reply" in "case.reply") and tell nothing about which case.
VOCABULARY = {("reports", "status"), ("messages", "kind")}
CASE_ACTIONS = {"case.read", "case.update", "case.reply", "case.note", "case.route"}


@pytest.fixture
def settings(database_url: str, redis_url: str, redis_client: redis.Redis) -> Settings:
    # The test releases the signal queue itself (tests/signals/conftest.py says why).
    return make_settings(database_url, redis_url, signals={"release_in_service": False})


@pytest.fixture
def day(app: FastAPI, client: TestClient, totp_clock: TotpClock) -> Region:
    """A case that an adviser reads, labels, answers, notes on and routes to a partner."""
    place = region(app, client, totp_clock)
    adviser = place.admin.client
    adviser.read_case(place.case_id)
    adviser.update_case(place.case_id, labels=["threats"], status="in_progress")
    adviser.reply(place.case_id, {"text": "We hebben je melding gelezen."})
    adviser.add_note(place.case_id, {"text": "Bel morgen terug."})
    signal_to(place, BELLE)
    release(app)
    adviser.read_case(place.case_id)
    return place


def _case_entries(app: FastAPI) -> list[dict[str, Any]]:
    found = rows(app, AuditEntry, AuditEntry.case_sealed.is_not(None))
    return sorted(found, key=lambda e: e["seq"])


def _open(place: Region, entry: dict[str, Any], *, seq: int | None = None) -> Any:
    version = entry["case_inbox_version"]
    return open_case(
        place.admin.client.inbox_keys[version],
        seq=entry["seq"] if seq is None else seq,
        version=version,
        sealed=entry["case_sealed"],
    )


def test_every_case_action_is_sealed_and_nothing_of_the_case_is_in_clear(
    app: FastAPI, day: Region
) -> None:
    entries = _case_entries(app)

    assert {e["action"] for e in entries} >= CASE_ACTIONS
    for entry in entries:
        assert entry["case_ref"] is None and entry["signal_ref"] is None
        assert entry["detail"] == "{}"
        assert entry["case_inbox_version"] == 1
    # Padded to one bucket: the length does not tell a routing from a read, or which labels.
    assert {len(e["case_sealed"]) for e in entries} == {ENVELOPE_OVERHEAD + 1024}


def test_the_adviser_opens_each_reference_to_the_right_case_and_detail(
    app: FastAPI, day: Region
) -> None:
    opened = {e["action"]: _open(day, e) for e in _case_entries(app)}

    assert {o.case_id for o in opened.values()} == {day.case_id}
    assert opened["case.update"].detail == {"labels": ["threats"], "status": "in_progress"}
    assert BELLE in str(opened["case.route"].detail)
    # The same through the API, as the console gets them.
    listed = [e for e in day.admin.client.audit_log() if e["case_sealed"]]
    assert {e["case"].case_id for e in listed} == {day.case_id}
    assert all(e["detail"] == {} and e["case_ref"] is None for e in listed)


def test_a_reference_opens_only_for_its_own_entry_and_key(app: FastAPI, day: Region) -> None:
    first, second = _case_entries(app)[:2]

    with pytest.raises(DecryptionError):
        _open(day, first, seq=first["seq"] + 1)
    with pytest.raises(DecryptionError):
        _open(day, {**first, "case_sealed": second["case_sealed"]})
    with pytest.raises(DecryptionError):
        open_case(generate_private_key(), seq=first["seq"], version=1, sealed=first["case_sealed"])


def _windows(data: bytes, size: int = 16) -> set[bytes]:
    return {data[i : i + size] for i in range(len(data) - size + 1)}


def test_two_entries_about_one_case_share_no_value(app: FastAPI, day: Region) -> None:
    entries = _case_entries(app)
    assert len(entries) >= 6
    for one, other in itertools.combinations(entries, 2):
        # A fresh HPKE key per entry: not even 16 bytes in common, so no grouping by case.
        assert not _windows(one["case_sealed"]) & _windows(other["case_sealed"])


def _forms(value: object) -> set[bytes]:
    """The ways a value could be written into another column: raw, hex, base64, text."""
    if isinstance(value, uuid.UUID):
        return {value.bytes, str(value).encode(), value.hex.encode()}
    if isinstance(value, bytes) and len(value) >= 8:
        return {value, value.hex().encode(), base64.b64encode(value[:30])[:40]}
    if isinstance(value, str) and len(value) >= 4:
        return {value.encode()}
    # Numbers, dates and flags are shared by every case of a version or a day.
    return set()


def _haystacks(value: object) -> list[bytes]:
    if isinstance(value, uuid.UUID):
        return [value.bytes, str(value).encode()]
    if isinstance(value, bytes):
        return [value]
    if isinstance(value, str | datetime | date):
        return [str(value).encode()]
    return []


def _report_side_values(app: FastAPI) -> dict[bytes, str]:
    """Each form of each value in the report-side tables, with where it was found."""
    found: dict[bytes, str] = {}
    for name in REPORT_SIDE:
        for row in rows(app, Base.metadata.tables[name]):
            for column, value in row.items():
                if (name, column) in VOCABULARY:
                    continue
                # A time of day on a report-side row could be matched with an entry's time.
                assert not isinstance(value, datetime), f"{name}.{column} holds a time"
                for form in _forms(value):
                    found[form] = f"{name}.{column}"
    return found


def _hashes_of(case_id: uuid.UUID) -> set[bytes]:
    digests = set()
    for form in (case_id.bytes, str(case_id).encode(), case_id.hex.encode()):
        for algorithm in ("sha256", "sha1", "blake2b", "md5"):
            digest = hashlib.new(algorithm, form).digest()
            digests |= {digest, digest[:16], digest.hex().encode()}
    return digests


def test_no_audit_column_shares_a_value_with_the_report_side_tables(
    app: FastAPI, day: Region
) -> None:
    needles = _report_side_values(app)
    # Named on purpose: R6 wants the staff member in each entry, and partners are a public list
    # (partner administration is logged by partner name). Neither says which case.
    with app.state.database.engine.connect() as connection:
        public = [
            *connection.scalars(select(StaffMember.id)),
            *connection.scalars(select(Partner.id)),
        ]
    for value in public:
        for form in _forms(value):
            needles.pop(form, None)
    needles |= {digest: "a hash of the report id" for digest in _hashes_of(day.case_id)}
    assert len(needles) > 20

    entries = rows(app, AuditEntry)
    assert {e["action"] for e in entries} >= CASE_ACTIONS
    for entry in entries:
        for column, value in entry.items():
            for haystack in _haystacks(value):
                shared = [where for needle, where in needles.items() if needle in haystack]
                assert not shared, (entry["seq"], entry["action"], column, shared)


@pytest.fixture
def cli_env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("VP_ENVIRONMENT", "test")
    monkeypatch.setenv("VP_SECRET_KEY", TEST_SECRET)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_verify_audit_needs_no_inbox_key_and_names_a_changed_sealed_reference(
    app: FastAPI, day: Region, cli_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["verify-audit"]) == 0
    assert "audit log intact" in capsys.readouterr().out

    target = _case_entries(app)[2]
    flipped = bytearray(target["case_sealed"])
    flipped[-1] ^= 1
    set_values(app, AuditEntry, AuditEntry.seq == target["seq"], case_sealed=bytes(flipped))

    assert cli.main(["verify-audit"]) == 1
    assert f"entry {target['seq']}: content was changed" in capsys.readouterr().out


def test_sealed_references_swapped_between_entries_break_the_chain_at_both(
    app: FastAPI, day: Region
) -> None:
    one, other = _case_entries(app)[1:3]
    set_values(app, AuditEntry, AuditEntry.seq == one["seq"], case_sealed=other["case_sealed"])
    set_values(app, AuditEntry, AuditEntry.seq == other["seq"], case_sealed=one["case_sealed"])

    with app.state.database.sessionmaker() as session:
        problems = audit.verify(session)

    assert sorted(p.seq for p in problems) == [one["seq"], other["seq"]]


def test_an_administrator_who_is_no_adviser_sees_only_that_the_case_is_sealed(
    app: FastAPI, client: TestClient, totp_clock: TotpClock, day: Region
) -> None:
    ada = enrol(client, totp_clock, invite_directly(app, "ada", is_admin=True, is_vp=False), "ada")
    assert ada.client.inbox_keys == {}

    entries = ada.client.audit_log()

    sealed = [e for e in entries if e["case_sealed"]]
    assert {e["action"] for e in sealed} >= CASE_ACTIONS
    for entry in sealed:
        assert entry["case"] is None and entry["detail"] == {} and entry["case_ref"] is None
        assert entry["actor_id"] == str(day.admin.id) and entry["created_at"]
