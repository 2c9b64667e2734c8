"""Proof of work on anonymous writes (T6): each challenge is signed, fresh, solved and used once."""

from __future__ import annotations

import base64
import hashlib
import re
import struct
import time
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
import redis
from fastapi import FastAPI
from fastapi.testclient import TestClient

import crypto.proof_of_work
from app.db import Database
from app.errors import Forbidden
from app.security import proof_of_work
from app.security.spent_store import SpentStore
from crypto import VerificationError, check_proof_of_work, keyed_hash
from tests.conftest import TotpClock, make_settings
from tests.factories import admin_with_inbox
from tests.reports.helpers import client_with, error_code, report_body, row_counts, solve


@pytest.fixture
def body(client: TestClient, app: FastAPI, totp_clock: TotpClock) -> dict[str, Any]:
    admin_with_inbox(app, client, totp_clock)
    return report_body(client)[0]


def submit(http: TestClient, body: dict[str, Any], solution: str | bytes | None) -> Any:
    headers = {} if solution is None else {"X-Proof-Of-Work": solution}
    return http.post("/api/v1/reports", json=body, headers=headers)


def challenge(http: TestClient) -> dict[str, Any]:
    response = http.get("/api/v1/proof-of-work")
    assert response.status_code == 200
    data: dict[str, Any] = response.json()
    return data


def assert_refused(response: Any, app: FastAPI, code: str = "proof_of_work_invalid") -> None:
    assert response.status_code == 403, response.text
    assert error_code(response) == code
    assert row_counts(app)["reports"] == 0


def test_challenge_states_difficulty_puzzles_and_expiry(client: TestClient) -> None:
    issued = challenge(client)
    assert set(issued) == {"challenge", "difficulty", "puzzles", "bits", "expires_at"}
    # The test settings: difficulty 4 over 4 puzzles, so 2 bits each (4 * 2**2 = 2**4 hashes).
    assert (issued["difficulty"], issued["puzzles"], issued["bits"]) == (4, 4, 2)


def test_more_puzzles_than_hashes_are_never_asked(
    database: Database, database_url: str, redis_url: str
) -> None:
    # Difficulty 3 cannot be split into 32 puzzles: it is 8 puzzles of zero bits.
    settings = make_settings(
        database_url, redis_url, proof_of_work={"difficulty": 3, "puzzles": 32}
    )
    with client_with(database, settings) as (_, http):
        issued = challenge(http)
    assert (issued["difficulty"], issued["puzzles"], issued["bits"]) == (3, 8, 0)


def test_missing_solution_is_refused(client: TestClient, app: FastAPI, body: dict) -> None:
    assert_refused(submit(client, body, None), app, "proof_of_work_required")


@pytest.mark.parametrize("garbage", ["x", "!!!:1", "%%%%", ":", "AAAA:12", b"\xe9:1"])
def test_garbage_solution_is_refused(
    client: TestClient, app: FastAPI, body: dict, garbage: str | bytes
) -> None:
    assert_refused(submit(client, body, garbage), app)


def test_difficulty_zero_is_one_puzzle_that_any_counter_solves_once() -> None:
    # What a one-use token needs: "token:0" verifies, once, whatever the number of puzzles.
    pow_ = proof_of_work.ProofOfWork(
        key=bytes(32), floor=0, ttl_seconds=600, spent=SpentStore(None), puzzles_log2=5
    )
    issued = pow_.issue()
    assert (issued.difficulty, issued.puzzles, issued.bits) == (0, 1, 0)
    pow_.verify(issued.token + ":0")
    with pytest.raises(Forbidden):
        pow_.verify(issued.token + ":0")
    with pytest.raises(Forbidden):
        pow_.verify(pow_.issue().token + ":0.0")


@pytest.mark.parametrize("puzzle", [0, 3])
def test_one_wrong_counter_is_refused(
    client: TestClient, app: FastAPI, body: dict, puzzle: int
) -> None:
    issued = challenge(client)
    token, solution = solve(issued).split(":")
    nonces = solution.split(".")
    nonces[puzzle] = next(
        str(n) for n in range(10_000) if not _solves(token, _with(nonces, puzzle, str(n)), issued)
    )
    assert_refused(submit(client, body, f"{token}:{'.'.join(nonces)}"), app)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda n: n[:-1],  # one counter too few
        lambda n: [*n, "0"],  # one too many
        lambda n: [n[0], "", *n[2:]],  # an empty counter
        lambda n: [n[0], "1a", *n[2:]],  # not a number
        lambda n: [n[0], "\u0663", *n[2:]],  # a digit, but not an ASCII one
        lambda n: [n[0], "+" + n[1], *n[2:]],
        lambda n: [n[0], "0" * 21, *n[2:]],  # longer than any counter
    ],
    ids=["too-few", "too-many", "empty", "non-digit", "non-ascii-digit", "sign", "too-long"],
)
def test_malformed_solution_is_refused_without_hashing(
    client: TestClient,
    app: FastAPI,
    body: dict,
    mangle: Callable[[list[str]], list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    issued = challenge(client)
    token, solution = solve(issued).split(":")
    hashes = _count_hashes(monkeypatch)
    mangled = f"{token}:{'.'.join(mangle(solution.split('.')))}".encode()
    assert_refused(submit(client, body, mangled), app)
    assert hashes == []


@pytest.mark.parametrize("separator", [",", ":", ". ", ".."])
def test_counters_joined_otherwise_are_refused(
    client: TestClient, app: FastAPI, body: dict, separator: str
) -> None:
    issued = challenge(client)
    token, solution = solve(issued).split(":")
    assert_refused(submit(client, body, f"{token}:{separator.join(solution.split('.'))}"), app)


def test_checking_a_solution_costs_one_hash_per_puzzle(
    client: TestClient, body: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    issued = challenge(client)
    solution = solve(issued)
    hashes = _count_hashes(monkeypatch)
    assert submit(client, body, solution).status_code == 201
    assert len(hashes) == issued["puzzles"] == 4


def test_challenge_with_forged_mac_is_refused(client: TestClient, app: FastAPI, body: dict) -> None:
    issued = challenge(client)
    raw = bytearray(_decode(issued["challenge"]))
    raw[-1] ^= 0x01
    forged = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    # Solved honestly, so only the signature is wrong.
    assert_refused(submit(client, body, solve({**issued, "challenge": forged})), app)


def test_challenge_with_lowered_difficulty_in_payload_is_refused(
    client: TestClient, app: FastAPI, body: dict
) -> None:
    raw = bytearray(_decode(challenge(client)["challenge"]))
    # version(1) expiry(8) log2 of the puzzles(1) bits(1): one puzzle that any counter solves.
    raw[9:11] = b"\x00\x00"
    forged = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    assert_refused(submit(client, body, f"{forged}:0"), app)


def test_challenge_of_version_1_is_refused(client: TestClient, app: FastAPI, body: dict) -> None:
    # A single puzzle of the old construction, validly signed: the version alone refuses it.
    key = app.state.proof_of_work.key
    payload = struct.pack(">BQB16s", 1, challenge(client)["expires_at"], 4, bytes(16))
    mac = keyed_hash(key, payload, purpose="proof-of-work-challenge")[:16]
    token = base64.urlsafe_b64encode(payload + mac).rstrip(b"=").decode()
    assert_refused(submit(client, body, f"{token}:0"), app)


def test_expired_challenge_is_refused(
    client: TestClient, app: FastAPI, body: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    issued = challenge(client)
    solution = solve(issued)
    later = SimpleNamespace(time=lambda: float(issued["expires_at"]))
    monkeypatch.setattr(proof_of_work, "time", later)
    assert_refused(submit(client, body, solution), app)


def test_challenge_just_before_expiry_is_accepted(
    client: TestClient, body: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    issued = challenge(client)
    solution = solve(issued)
    almost = SimpleNamespace(time=lambda: float(issued["expires_at"] - 1))
    monkeypatch.setattr(proof_of_work, "time", almost)
    assert submit(client, body, solution).status_code == 201


def test_replayed_challenge_is_refused_with_redis(
    client: TestClient, app: FastAPI, totp_clock: TotpClock
) -> None:
    assert app.state.redis is not None
    _assert_replay_refused(client, app, totp_clock)


def test_spent_challenge_is_forgotten_in_redis_once_it_expires(
    client: TestClient, body: dict, redis_client: redis.Redis
) -> None:
    issued = challenge(client)
    assert submit(client, body, solve(issued)).status_code == 201
    [marker] = redis_client.scan_iter(match="vp:pow-spent:*")
    # The challenge's lifetime, rounded up to the expiry bucket, plus a constant clock-skew margin.
    assert 0 < redis_client.ttl(marker) <= 600 + proof_of_work.EXPIRY_BUCKET_SECONDS + 60
    assert redis_client.get(marker) == b"1"


def test_spent_markers_do_not_tell_the_moment_within_their_bucket(
    client: TestClient, app: FastAPI, body: dict, redis_client: redis.Redis, monkeypatch: Any
) -> None:
    bucket = proof_of_work.EXPIRY_BUCKET_SECONDS
    start = (int(time.time()) // bucket + 1) * bucket
    moments = []
    # Both challenges' earliest expiry (issue + the 600 s lifetime) falls in one bucket.
    for offset in (1, bucket - 600 - 50):
        fake = SimpleNamespace(time=lambda offset=offset: float(start + offset))
        monkeypatch.setattr(proof_of_work, "time", fake)
        issued = challenge(client)
        solution = solve(issued)
        assert submit(client, report_body(client)[0], solution).status_code == 201
        moments.append(issued["expires_at"])

    expiries = {redis_client.expiretime(key) for key in redis_client.scan_iter("vp:pow-spent:*")}

    # Two reports most of an hour apart leave markers that expire at the very same second.
    assert len(set(moments)) == 1 and moments[0] % bucket == 0
    assert len(expiries) == 1, expiries
    assert row_counts(app)["reports"] == 2


def test_replayed_challenge_is_refused_with_memory_storage(
    database: Database, database_url: str, totp_clock: TotpClock
) -> None:
    with client_with(database, make_settings(database_url, None)) as (app, http):
        assert app.state.redis is None
        _assert_replay_refused(http, app, totp_clock)


def test_challenge_issued_below_the_floor_is_refused(
    client: TestClient, database: Database, database_url: str, redis_url: str, body: dict
) -> None:
    # The operator raised the floor; a challenge from before the change no longer counts.
    easy = challenge(client)
    solution = solve(easy)
    harder = make_settings(database_url, redis_url, proof_of_work={"difficulty": 6})
    with client_with(database, harder) as (app, http):
        assert_refused(submit(http, body, solution), app)


def test_without_redis_nothing_issued_before_a_restart_verifies_after_it(
    database: Database, database_url: str, totp_clock: TotpClock
) -> None:
    settings = make_settings(database_url, None)
    with client_with(database, settings) as (app, http):
        admin_with_inbox(app, http, totp_clock)
        spent = challenge(http)
        spent_solution = solve(spent)
        assert submit(http, report_body(http)[0], spent_solution).status_code == 201
        unused = challenge(http)
        unused_solution = solve(unused)
        token = _form_token(http)

    # The same settings and database, a new process: its spent markers started empty.
    with client_with(database, settings) as (app, http):
        replay = submit(http, report_body(http)[0], spent_solution)
        leftover = submit(http, report_body(http)[0], unused_solution)
        old_form = http.post("/en/report", data={"token": token, "text": "x", "wants": "register"})

        assert (replay.status_code, error_code(replay)) == (403, "proof_of_work_invalid")
        assert (leftover.status_code, error_code(leftover)) == (403, "proof_of_work_invalid")
        assert old_form.status_code == 403
        assert row_counts(app)["reports"] == 1


def _assert_replay_refused(http: TestClient, app: FastAPI, clock: TotpClock) -> None:
    admin_with_inbox(app, http, clock)
    issued = challenge(http)
    solution = solve(issued)
    assert submit(http, report_body(http)[0], solution).status_code == 201

    response = submit(http, report_body(http)[0], solution)

    assert response.status_code == 403
    assert error_code(response) == "proof_of_work_invalid"
    assert row_counts(app)["reports"] == 1


def _form_token(http: TestClient) -> str:
    match = re.search(r'name="token" value="([^"]+)"', http.get("/en/report").text)
    assert match
    return match.group(1)


def _decode(token: str) -> bytes:
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))


def _with(nonces: list[str], puzzle: int, nonce: str) -> str:
    return ".".join(nonces[:puzzle] + [nonce] + nonces[puzzle + 1 :])


def _solves(token: str, solution: str, issued: dict[str, Any]) -> bool:
    try:
        check_proof_of_work(
            token.encode(), solution=solution, puzzles=issued["puzzles"], bits=issued["bits"]
        )
    except VerificationError:
        return False
    return True


def _count_hashes(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Record every SHA-256 the proof-of-work check computes from here on."""
    hashed: list[bytes] = []

    def counting(data: bytes) -> Any:
        hashed.append(data)
        return hashlib.sha256(data)

    monkeypatch.setattr(crypto.proof_of_work, "sha256", counting)
    return hashed
