"""Reporter routes: no per-address state, adaptive proof of work and global caps (R1, R3, T6)."""

from __future__ import annotations

import base64
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
import redis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError
from starlette.requests import Request

from app.db import Database
from app.main import create_app
from app.reports import service as reports_service
from app.security import global_caps, rate_limits
from app.settings import Settings
from client import ReporterClient
from tests.conftest import GENEROUS_LIMITS, TotpClock, make_settings
from tests.factories import admin_with_inbox, connect_partners
from tests.reports.helpers import error_code, report_body, row_counts, solve

HONEST = "203.0.113.5"
ADDRESSES = ("203.0.113.5", "198.51.100.23", "2001:db8:7:1::5")


class Clock:
    """The caps' monotonic clock, moved by hand: at the start of a window, never sleeping."""

    def __init__(self) -> None:
        self.now = 100 * global_caps.WINDOW_SECONDS + 0.5

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(global_caps, "clock", fake)
    return fake


def settings_for(
    database_url: str,
    redis_url: str | None,
    *,
    pow_settings: dict[str, int] | None = None,
    **caps: object,
) -> Settings:
    return make_settings(
        database_url,
        redis_url,
        rate_limits={**GENEROUS_LIMITS, **caps},
        proof_of_work={"difficulty": 4, "ttl_seconds": 600, **(pow_settings or {})},
    )


@contextmanager
def serve(database: Database, settings: Settings) -> Iterator[tuple[FastAPI, TestClient]]:
    """The application, with a client that calls from the address HONEST."""
    application = create_app(settings, database=database)
    rate_limits.reset()
    try:
        with TestClient(application, client=(HONEST, 50000)) as http:
            yield application, http
    finally:
        rate_limits.reset()


def from_address(app: FastAPI, address: str) -> TestClient:
    return TestClient(app, client=(address, 50000))


def challenge(http: httpx.Client) -> dict[str, Any]:
    issued: dict[str, Any] = http.get("/api/v1/proof-of-work").json()
    return issued


def solved(http: httpx.Client) -> dict[str, str]:
    issued = challenge(http)
    return {"X-Proof-Of-Work": solve(issued)}


def post_report(http: httpx.Client, headers: dict[str, str]) -> httpx.Response:
    return http.post("/api/v1/reports", json=report_body(http)[0], headers=headers)


def bogus_proofs(http: httpx.Client) -> Iterator[dict[str, str]]:
    """Every kind of proof that must be refused: missing, garbage, unsolved, forged, expired."""
    issued = challenge(http)
    raw = bytearray(base64.urlsafe_b64decode(issued["challenge"] + "=="))
    raw[-1] ^= 1
    forged = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    raw = bytearray(base64.urlsafe_b64decode(issued["challenge"] + "=="))
    raw[1:9] = (1).to_bytes(8, "big")  # expired long ago (and so its signature fails too)
    expired = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    kinds = [
        {},
        {"X-Proof-Of-Work": "garbage"},
        {"X-Proof-Of-Work": issued["challenge"] + ":not-a-nonce"},
        {"X-Proof-Of-Work": solve({**issued, "challenge": forged})},
        {"X-Proof-Of-Work": solve({**issued, "challenge": expired})},
    ]
    while True:
        yield from kinds


def form_token(page: httpx.Response) -> str:
    match = re.search(r'name="token" value="([^"]+)"', page.text)
    assert match, "the form carries no token"
    return match.group(1)


def no_js_report(http: httpx.Client, lang: str = "nl") -> httpx.Response:
    token = form_token(http.get(f"/{lang}/report"))
    fields = {"token": token, "wants": "register", "text": "Zonder JavaScript."}
    return http.post(f"/{lang}/report", data=fields)


def test_bogus_proofs_from_one_address_do_not_lock_out_an_honest_reporter_there(
    database: Database,
    database_url: str,
    redis_url: str,
    redis_client: redis.Redis,
    totp_clock: TotpClock,
) -> None:
    # The production per-address limits, and a write cap of one: had any refused post counted,
    # the honest reporter would be refused, and the difficulty would have risen.
    settings = make_settings(
        database_url,
        redis_url,
        rate_limits={"reporter_writes_per_minute": 1},
        proof_of_work={"difficulty": 4, "raise_at_writes_per_minute": 1},
    )
    with serve(database, settings) as (app, http):
        admin_with_inbox(app, http, totp_clock)
        proofs = bogus_proofs(http)
        refused = [post_report(http, next(proofs)).status_code for _ in range(25)]

        assert set(refused) == {403}
        assert challenge(http)["difficulty"] == 4
        ReporterClient(http).submit({"text": "Eerlijk, vanaf hetzelfde adres."})
        assert row_counts(app)["reports"] == 1


def test_replayed_proofs_are_not_counted(
    database: Database,
    database_url: str,
    redis_url: str,
    redis_client: redis.Redis,
    totp_clock: TotpClock,
    clock: Clock,
) -> None:
    settings = settings_for(database_url, redis_url, reporter_writes_per_minute=2)
    with serve(database, settings) as (app, http):
        admin_with_inbox(app, http, totp_clock)
        once = solved(http)
        assert post_report(http, once).status_code == 201
        replays = {post_report(http, once).status_code for _ in range(10)}

        second = post_report(http, solved(http))
        third = post_report(http, solved(http))

    assert replays == {403}
    assert second.status_code == 201
    assert third.status_code == 429  # the cap counts the two accepted writes, nothing else


def test_difficulty_follows_the_global_rate_within_floor_and_ceiling(
    database: Database,
    database_url: str,
    redis_url: str,
    redis_client: redis.Redis,
    totp_clock: TotpClock,
    clock: Clock,
) -> None:
    adaptive = {"difficulty": 2, "max_difficulty": 5, "raise_at_writes_per_minute": 2}
    settings = settings_for(database_url, redis_url, pow_settings=adaptive)
    with serve(database, settings) as (app, http):
        admin_with_inbox(app, http, totp_clock)
        reporters = [from_address(app, address) for address in ADDRESSES]
        seen = []
        for n in range(12):
            # Writes from several addresses raise the price for all of them alike.
            sender = reporters[n % len(reporters)]
            issued = challenge(sender)
            seen.append(issued["difficulty"])
            proof = {"X-Proof-Of-Work": solve(issued)}
            assert post_report(sender, proof).status_code == 201
        clock.now += 2 * global_caps.WINDOW_SECONDS
        quiet = challenge(http)["difficulty"]

    # One bit more at 2 writes a minute, two at 4, three at 8; never above the ceiling.
    assert seen == [2, 2, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5]
    assert quiet == 2


def test_a_rise_in_difficulty_does_not_void_a_challenge_being_solved(
    database: Database,
    database_url: str,
    redis_url: str,
    redis_client: redis.Redis,
    totp_clock: TotpClock,
    clock: Clock,
) -> None:
    adaptive = {"difficulty": 2, "max_difficulty": 8, "raise_at_writes_per_minute": 1}
    settings = settings_for(database_url, redis_url, pow_settings=adaptive)
    with serve(database, settings) as (app, http):
        admin_with_inbox(app, http, totp_clock)
        early = challenge(http)
        for _ in range(4):
            assert post_report(http, solved(http)).status_code == 201
        assert challenge(http)["difficulty"] > early["difficulty"]

        late = post_report(http, {"X-Proof-Of-Work": solve(early)})

        assert late.status_code == 201
        assert row_counts(app)["reports"] == 5


def test_write_cap_answers_429_with_retry_after_and_keeps_the_challenge(
    database: Database,
    database_url: str,
    redis_url: str,
    redis_client: redis.Redis,
    totp_clock: TotpClock,
    clock: Clock,
) -> None:
    settings = settings_for(database_url, redis_url, reporter_writes_per_minute=2)
    with serve(database, settings) as (app, http):
        admin_with_inbox(app, http, totp_clock)
        clock.now += 15
        for _ in range(2):
            assert post_report(http, solved(http)).status_code == 201
        proof = solved(http)
        body = report_body(http)[0]

        refused = http.post("/api/v1/reports", json=body, headers=proof)

        assert refused.status_code == 429
        assert error_code(refused) == "too_many_requests"
        assert refused.headers["retry-after"] == "45"
        assert row_counts(app)["reports"] == 2
        # The refusal did not spend the challenge: once the window has passed, it is accepted.
        clock.now += 45
        assert http.post("/api/v1/reports", json=body, headers=proof).status_code == 201


def test_too_many_writes_in_flight_answer_503_with_retry_after(
    database: Database,
    database_url: str,
    redis_url: str,
    redis_client: redis.Redis,
    totp_clock: TotpClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = settings_for(database_url, redis_url, reporter_writes_in_flight=1)
    entered, go = threading.Event(), threading.Event()
    submit = reports_service.submit

    def slow_submit(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        go.wait(timeout=60)
        return submit(*args, **kwargs)

    with serve(database, settings) as (app, http):
        admin_with_inbox(app, http, totp_clock)
        first_proof, first_body = solved(http), report_body(http)[0]
        second_proof, second_body = solved(http), report_body(http)[0]
        monkeypatch.setattr(reports_service, "submit", slow_submit)
        answers: list[httpx.Response] = []
        first = threading.Thread(
            target=lambda: answers.append(
                http.post("/api/v1/reports", json=first_body, headers=first_proof)
            )
        )
        first.start()
        try:
            assert entered.wait(timeout=60), "the first write never started"
            busy = http.post("/api/v1/reports", json=second_body, headers=second_proof)
        finally:
            go.set()
            first.join(timeout=60)

        assert busy.status_code == 503
        assert error_code(busy) == "busy"
        assert int(busy.headers["retry-after"]) > 0
        assert [answer.status_code for answer in answers] == [201]
        # Refused before it was spent: the same proof goes through once the first is done.
        again = http.post("/api/v1/reports", json=second_body, headers=second_proof)
        assert again.status_code == 201


def test_caps_on_pages_answer_with_a_page_in_the_reporters_language(
    database: Database,
    database_url: str,
    redis_url: str,
    redis_client: redis.Redis,
    totp_clock: TotpClock,
    clock: Clock,
) -> None:
    settings = settings_for(database_url, redis_url, no_js_posts_per_minute=1)
    with serve(database, settings) as (app, http):
        admin_with_inbox(app, http, totp_clock)
        assert no_js_report(http).status_code == 200

        dutch = no_js_report(http, "nl")
        english = http.post("/en/mailbox", data={"receipt": "x", "action": "read"})

    assert dutch.status_code == 429 and english.status_code == 429
    assert dutch.headers["content-type"].startswith("text/html")
    assert "Te veel pogingen" in dutch.text
    assert "Too many attempts" in english.text
    assert int(dutch.headers["retry-after"]) > 0
    assert row_counts(app)["reports"] == 1


def test_a_flood_of_no_js_posts_does_not_block_the_javascript_path(
    database: Database,
    database_url: str,
    redis_url: str,
    redis_client: redis.Redis,
    totp_clock: TotpClock,
    clock: Clock,
) -> None:
    settings = settings_for(database_url, redis_url, no_js_posts_per_minute=2)
    with serve(database, settings) as (app, http):
        admin_with_inbox(app, http, totp_clock)
        flood = [no_js_report(http).status_code for _ in range(5)]

        sender = ReporterClient(http)
        sent = sender.submit({"text": "Met JavaScript."})
        assert sent.receipt is not None
        sender.follow_up(sent.receipt, {"text": "Nog iets."})
        own, _entries = sender.read_mailbox(sent.receipt)

    assert flood == [200, 200, 429, 429, 429]
    assert own == {"text": "Met JavaScript."}
    assert row_counts(app)["reports"] == 3


def test_mailbox_reads_have_one_cap_for_all_addresses(
    database: Database, database_url: str, redis_url: str, redis_client: redis.Redis, clock: Clock
) -> None:
    settings = settings_for(database_url, redis_url, mailbox_reads_per_minute=3)
    guess = {"X-Mailbox-Credential": "A" * 43 + "="}
    with serve(database, settings) as (app, _http):
        answers = [
            from_address(app, address).get("/api/v1/mailbox", headers=guess)
            for address in (*ADDRESSES, "192.0.2.99")
        ]

    # No proof of work for reads (the credential is a 96-bit secret), but a global cap.
    assert [answer.status_code for answer in answers] == [401, 401, 401, 429]
    assert int(answers[-1].headers["retry-after"]) > 0


def test_reporter_traffic_leaves_only_spent_markers_in_redis(
    database: Database,
    database_url: str,
    redis_url: str,
    redis_client: redis.Redis,
    totp_clock: TotpClock,
) -> None:
    settings = settings_for(database_url, redis_url)
    with serve(database, settings) as (app, http):
        admin = admin_with_inbox(app, http, totp_clock)
        connect_partners(app, "belle")
        # The staff login above is limited per address, as it should be; from here on, only
        # reporters act.
        redis_client.flushdb()
        spent = 0
        for address in ADDRESSES:
            reporter_http = from_address(app, address)
            sender = ReporterClient(reporter_http)
            for page in ("/", "/nl/", "/en/danger", "/nl/report", "/nl/mailbox"):
                assert reporter_http.get(page).status_code == 200, page
            sender.partners()
            sent = sender.submit({"text": f"Vanaf {address}"}, consents=["belle"])
            assert sent.receipt is not None
            admin.client.reply(sent.report_id, {"text": "Gelezen."})
            sender.read_mailbox(sent.receipt)
            sender.follow_up(sent.receipt, {"text": "Dank."})
            assert no_js_report(reporter_http).status_code == 200
            thread = reporter_http.post(
                "/nl/mailbox", data={"receipt": sent.receipt, "action": "read"}
            )
            answer = {"receipt": sent.receipt, "action": "send", "text": "Zonder JS."}
            sent_page = reporter_http.post(
                "/nl/mailbox", data={**answer, "token": form_token(thread)}
            )
            assert sent_page.status_code == 200
            sender.erase(sent.receipt)
            spent += 5  # report, follow-up, erasure, form post, form answer
        stored = dict(_everything_in(redis_client))
        hashes = {app.state.client_keyer.key(_request(address)) for address in ADDRESSES}

    assert stored, "spent challenges are kept in Redis"
    assert all(key.startswith(b"vp:pow-spent:") for key in stored), sorted(stored)
    assert len(stored) == spent
    assert {value for values in stored.values() for value in values} == {b"1"}
    for key in stored:
        for needle in (*hashes, *ADDRESSES, "report", "mailbox", "LIMITS", "rl-secret"):
            assert needle.encode() not in key, (needle, key)


def _request(address: str) -> Request:
    return Request({"type": "http", "headers": [], "client": (address, 50000)})


def _everything_in(client: redis.Redis) -> Iterator[tuple[bytes, list[bytes]]]:
    for key in client.scan_iter():
        assert client.type(key) == b"string", key
        yield key, [client.get(key) or b""]


def test_a_ceiling_below_the_floor_is_refused() -> None:
    with pytest.raises(ValidationError, match="MAX_DIFFICULTY"):
        Settings.model_validate({"proof_of_work": {"difficulty": 20, "max_difficulty": 18}})
