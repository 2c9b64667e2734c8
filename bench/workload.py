"""Everything the timed phases send, built beforehand: solved challenges and sealed 2 KB reports.

The timed requests then measure the server, not the client's hashing or encryption.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import uuid
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx

from client import protocol
from crypto import (
    generate_receipt,
    load_public_key,
    mailbox_credential,
    public_key_bytes,
    reply_private_key,
    seal,
    solve_proof_of_work,
)

REPORT_PLAINTEXT_BYTES = 2000  # padded to the 2 KiB bucket: each envelope is 2 096 bytes


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


@dataclass(frozen=True)
class ReadyReport:
    """A complete POST /api/v1/reports body and the mailbox header its receipt gives."""

    body: bytes
    credential_header: str


def fetch_challenges(base_url: str, count: int) -> list[dict[str, Any]]:
    """Freshly issued challenges, as the API returns them."""
    with httpx.Client(base_url=base_url, timeout=30) as http:
        return [http.get("/api/v1/proof-of-work").json() for _ in range(count)]


def _solve(challenge: dict[str, Any]) -> str:
    token = challenge["challenge"]
    solution = solve_proof_of_work(
        token.encode(), puzzles=challenge["puzzles"], bits=challenge["bits"]
    )
    return f"{token}:{solution}"


def solve_all(challenges: Sequence[dict[str, Any]]) -> list[str]:
    """``X-Proof-Of-Work`` header values, solved on every core before any timing starts."""
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(_solve, challenges, chunksize=8))


def report_content(size: int = REPORT_PLAINTEXT_BYTES) -> bytes:
    """A JSON report of exactly ``size`` bytes."""
    empty = json.dumps({"what": "", "where": "bench", "when": "2025-01-01"}).encode()
    text = secrets.token_hex(size)[: size - len(empty)]
    content = json.dumps({"what": text, "where": "bench", "when": "2025-01-01"}).encode()
    assert len(content) == size
    return content


def make_report(inbox_version: int, inbox_public: bytes) -> ReadyReport:
    """What client.reporter.ReporterClient.submit sends, with a receipt (so with a mailbox)."""
    report_id = uuid.uuid4()
    plaintext = report_content()
    receipt = generate_receipt()
    reply_key = reply_private_key(receipt)
    credential = mailbox_credential(receipt)
    body = {
        "id": str(report_id),
        "inbox_version": inbox_version,
        "ciphertext": _b64(
            seal(
                load_public_key(inbox_public),
                plaintext,
                info=protocol.report(report_id, inbox_version),
            )
        ),
        "consents": [],
        "reply_public_key": _b64(public_key_bytes(reply_key.public_key())),
        "mailbox_credential": _b64(credential),
        "reporter_copy": _b64(
            seal(reply_key.public_key(), plaintext, info=protocol.report_copy(report_id))
        ),
    }
    return ReadyReport(body=json.dumps(body).encode(), credential_header=_b64(credential))


def make_reports(count: int, inbox_version: int, inbox_public: bytes) -> list[ReadyReport]:
    return [make_report(inbox_version, inbox_public) for _ in range(count)]


def inbox_key(base_url: str) -> tuple[int, bytes]:
    key = httpx.get(base_url + "/api/v1/inbox-key", timeout=30).json()
    return int(key["version"]), base64.b64decode(key["public_key"])
