"""R6: the audit log is hash-chained; verify() names the entry where tampering breaks the chain."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import delete, insert, update

from app.audit import service as audit
from app.models import AuditEntry, AuditHead
from tests.conftest import TotpClock
from tests.factories import admin_with_inbox, reporter
from tests.staff.helpers import one, rows, set_values

TABLE = AuditEntry.__table__
CONTENT = (
    "created_at",
    "actor_kind",
    "actor_id",
    "action",
    "case_ref",
    "case_sealed",
    "case_inbox_version",
    "detail",
)


@pytest.fixture
def log(client: TestClient, app: FastAPI, totp_clock: TotpClock) -> int:
    """A log of a dozen or so real entries; returns the number of entries."""
    admin = admin_with_inbox(app, client, totp_clock)
    sent = reporter(client).submit({"text": "test"})
    admin.client.list_cases()
    admin.client.read_case(sent.report_id)
    admin.client.update_case(sent.report_id, labels=["threats"])
    admin.client.reply(sent.report_id, {"text": "antwoord"})
    admin.client.add_note(sent.report_id, {"text": "notitie"})
    admin.client.invite("vera")
    entries = len(rows(app, AuditEntry))
    assert entries >= 8
    return entries


def _verify(app: FastAPI) -> list[audit.ChainProblem]:
    with app.state.database.sessionmaker() as session:
        return audit.verify(session)


def _entry(app: FastAPI, seq: int) -> dict[str, Any]:
    return one(app, AuditEntry, AuditEntry.seq == seq)


def test_empty_log_is_intact(app: FastAPI) -> None:
    assert _verify(app) == []


def test_intact_log_verifies(app: FastAPI, log: int) -> None:
    assert _verify(app) == []


def test_edited_action_is_named(app: FastAPI, log: int) -> None:
    set_values(app, AuditEntry, AuditEntry.seq == 4, action="case.export")

    problems = _verify(app)

    assert [p.seq for p in problems] == [4]
    assert problems[0].reason == "content was changed"


def test_edited_actor_is_named(app: FastAPI, log: int) -> None:
    set_values(app, AuditEntry, AuditEntry.seq == log - 1, actor_id=None, actor_kind="cli")
    assert [p.seq for p in _verify(app)] == [log - 1]


def test_deleted_entry_is_named(app: FastAPI, log: int) -> None:
    with app.state.database.engine.begin() as connection:
        connection.execute(delete(TABLE).where(TABLE.c.seq == 5))

    problems = _verify(app)

    assert problems and {p.seq for p in problems} == {6}
    assert any("entry 5" in p.reason for p in problems)


def test_forged_entry_in_the_middle_breaks_the_chain_right_after_it(app: FastAPI, log: int) -> None:
    """A forger who knows the algorithm can make the forged entry itself look right.

    To fit it in after entry 3 they must renumber the later entries and relink the next one, and
    that is what verify catches: the chain breaks at the entry the forgery pushed aside.
    """
    after = _entry(app, 3)
    forged = AuditEntry(
        seq=4,
        created_at=after["created_at"],
        actor_kind="staff",
        actor_id=after["actor_id"],
        action="case.export",
        case_ref=None,
        detail='{"forged":true}',
        prev_hash=after["entry_hash"],
    )
    forged.entry_hash = audit._entry_hash(after["entry_hash"], forged)
    with app.state.database.engine.begin() as connection:
        for seq in range(log, 3, -1):  # from the end, so no two rows ever share a seq
            connection.execute(update(TABLE).where(TABLE.c.seq == seq).values(seq=seq + 1))
        connection.execute(
            update(TABLE).where(TABLE.c.seq == 5).values(prev_hash=forged.entry_hash)
        )
        connection.execute(
            insert(TABLE).values(
                **{c: getattr(forged, c) for c in (*CONTENT, "seq", "prev_hash", "entry_hash")}
            )
        )

    problems = _verify(app)

    assert problems
    assert problems[0].seq == 5
    assert 4 not in {p.seq for p in problems}
    assert len(rows(app, AuditEntry)) == log + 1


def test_naively_forged_entry_is_named(app: FastAPI, log: int) -> None:
    """Inserted with a made-up hash: the forged entry itself is named."""
    moment = _entry(app, 2)["created_at"]
    with app.state.database.engine.begin() as connection:
        connection.execute(update(TABLE).where(TABLE.c.seq == log).values(seq=log + 1))
        connection.execute(
            insert(TABLE).values(
                seq=log,
                created_at=moment,
                actor_kind="staff",
                actor_id=None,
                action="case.read",
                case_ref=None,
                detail="{}",
                prev_hash=b"\x01" * 32,
                entry_hash=b"\x02" * 32,
            )
        )

    assert log in {p.seq for p in _verify(app)}


def test_swapped_entries_are_both_named(app: FastAPI, log: int) -> None:
    first, second = _entry(app, 3), _entry(app, 6)
    set_values(app, AuditEntry, AuditEntry.seq == 3, **{c: second[c] for c in CONTENT})
    set_values(app, AuditEntry, AuditEntry.seq == 6, **{c: first[c] for c in CONTENT})

    assert sorted(p.seq for p in _verify(app)) == [3, 6]


def test_entries_cut_off_the_end_are_named(app: FastAPI, log: int) -> None:
    with app.state.database.engine.begin() as connection:
        connection.execute(delete(TABLE).where(TABLE.c.seq >= log - 1))

    problems = _verify(app)

    assert [p.seq for p in problems] == [log - 1]
    assert problems[0].reason == f"entries {log - 1} to {log} were removed"


def test_a_head_moved_back_to_fit_a_shortened_log_is_named(app: FastAPI, log: int) -> None:
    """Without the server's key the head cannot be made to agree with a shorter chain."""
    kept = _entry(app, log - 2)
    with app.state.database.engine.begin() as connection:
        connection.execute(delete(TABLE).where(TABLE.c.seq > log - 2))
    set_values(app, AuditHead, AuditHead.id == 1, seq=log - 2, entry_hash=kept["entry_hash"])

    problems = _verify(app)

    assert [(p.seq, p.reason) for p in problems] == [(log - 2, "the head record was altered")]


def test_a_deleted_head_is_named(app: FastAPI, log: int) -> None:
    with app.state.database.engine.begin() as connection:
        connection.execute(delete(AuditHead.__table__))
    assert [(p.seq, p.reason) for p in _verify(app)] == [(log, "the head record is missing")]


def test_an_entry_appended_without_the_key_is_named(app: FastAPI, log: int) -> None:
    last = _entry(app, log)
    forged = AuditEntry(
        seq=log + 1,
        created_at=last["created_at"],
        actor_kind="staff",
        actor_id=last["actor_id"],
        action="case.export",
        case_ref=None,
        detail="{}",
        prev_hash=last["entry_hash"],
    )
    forged.entry_hash = audit._entry_hash(last["entry_hash"], forged)
    with app.state.database.engine.begin() as connection:
        connection.execute(
            insert(TABLE).values(
                **{c: getattr(forged, c) for c in (*CONTENT, "seq", "prev_hash", "entry_hash")}
            )
        )

    assert [p.seq for p in _verify(app)] == [log + 1]


def test_an_entry_never_names_a_case_and_a_signal_together(app: FastAPI) -> None:
    with app.state.database.sessionmaker() as session, pytest.raises(ValueError, match="R5"):
        audit.record(
            session,
            actor_kind="staff",
            actor_id=None,
            action="case.route",
            case_id=uuid.uuid4(),
            signal_id=uuid.uuid4(),
        )


def test_entries_written_before_sealing_keep_their_hashes() -> None:
    """An entry with the old hashed case reference hashes exactly as it did when written."""
    old = AuditEntry(
        seq=7,
        created_at=datetime(2026, 11, 1, 9, 30, 5),
        actor_kind="staff",
        actor_id=uuid.UUID(int=1),
        action="case.route",
        case_ref=bytes(range(16)),
        signal_ref=None,
        case_sealed=None,
        case_inbox_version=None,
        detail='{"partners":["belle"]}',
    )
    # The content as the code before sealing serialised it, key for key.
    content = (
        '{"action":"case.route","actor_id":"00000000-0000-0000-0000-000000000001",'
        '"actor_kind":"staff","case_ref":"000102030405060708090a0b0c0d0e0f",'
        '"created_at":"2026-11-01T09:30:05","detail":"{\\"partners\\":[\\"belle\\"]}","seq":7}'
    )
    prev = b"\x05" * 32

    assert audit._entry_hash(prev, old) == hashlib.sha256(prev + content.encode()).digest()
