"""The reporter's side: encrypt and send a report, then use the mailbox with only the receipt."""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from typing import Any

import httpx

from client import protocol
from client.errors import checked
from crypto import (
    generate_receipt,
    load_public_key,
    mailbox_credential,
    open_sealed,
    public_key_bytes,
    reply_private_key,
    seal,
    solve_proof_of_work,
)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


@dataclass(frozen=True)
class SubmittedReport:
    report_id: uuid.UUID
    receipt: str | None


@dataclass(frozen=True)
class MailboxEntry:
    id: uuid.UUID
    kind: str
    content: dict[str, Any]


class ReporterClient:
    def __init__(self, http: httpx.Client) -> None:
        self.http = http

    def proof_of_work(self) -> str:
        challenge = checked(self.http.get("/api/v1/proof-of-work")).json()
        solution = solve_proof_of_work(
            challenge["challenge"].encode(), puzzles=challenge["puzzles"], bits=challenge["bits"]
        )
        return f"{challenge['challenge']}:{solution}"

    def inbox_key(self) -> tuple[int, bytes]:
        key = checked(self.http.get("/api/v1/inbox-key")).json()
        return int(key["version"]), base64.b64decode(key["public_key"])

    def partners(self, language: str | None = None) -> list[dict[str, Any]]:
        """The partners a reporter may choose; only those with ``connected`` accept a consent."""
        params = {"lang": language} if language else {}
        result: list[dict[str, Any]] = checked(
            self.http.get("/api/v1/partners", params=params)
        ).json()
        return result

    def submit(
        self,
        content: dict[str, Any],
        *,
        consents: list[str] | None = None,
        one_way: bool = False,
    ) -> SubmittedReport:
        version, inbox_public = self.inbox_key()
        report_id = uuid.uuid4()
        plaintext = json.dumps(content).encode()
        body: dict[str, Any] = {
            "id": str(report_id),
            "inbox_version": version,
            "ciphertext": _b64(
                seal(
                    load_public_key(inbox_public),
                    plaintext,
                    info=protocol.report(report_id, version),
                )
            ),
            "consents": consents or [],
        }
        receipt = None
        if not one_way:
            receipt = generate_receipt()
            reply_key = reply_private_key(receipt)
            body["reply_public_key"] = _b64(public_key_bytes(reply_key.public_key()))
            body["mailbox_credential"] = _b64(mailbox_credential(receipt))
            body["reporter_copy"] = _b64(
                seal(reply_key.public_key(), plaintext, info=protocol.report_copy(report_id))
            )
        checked(
            self.http.post(
                "/api/v1/reports", json=body, headers={"X-Proof-Of-Work": self.proof_of_work()}
            )
        )
        return SubmittedReport(report_id=report_id, receipt=receipt)

    @staticmethod
    def _credential_header(receipt: str) -> dict[str, str]:
        return {"X-Mailbox-Credential": _b64(mailbox_credential(receipt))}

    def read_mailbox(self, receipt: str) -> tuple[dict[str, Any], list[MailboxEntry]]:
        """The reporter's own report and every readable message, decrypted with the receipt."""
        mailbox = checked(
            self.http.get("/api/v1/mailbox", headers=self._credential_header(receipt))
        ).json()
        key = reply_private_key(receipt)
        report_id = uuid.UUID(mailbox["report_id"])
        own: dict[str, Any] = {}
        if mailbox["reporter_copy"]:
            own = json.loads(
                open_sealed(
                    key,
                    base64.b64decode(mailbox["reporter_copy"]),
                    info=protocol.report_copy(report_id),
                )
            )
        entries = []
        for item in mailbox["messages"]:
            message_id = uuid.UUID(item["id"])
            info = protocol.thread_info(item["kind"], report_id, message_id, protocol.REPLY_KEY)
            plaintext = open_sealed(key, base64.b64decode(item["ciphertext"]), info=info)
            entries.append(MailboxEntry(message_id, item["kind"], json.loads(plaintext)))
        return own, entries

    def follow_up(self, receipt: str, content: dict[str, Any]) -> uuid.UUID:
        mailbox = checked(
            self.http.get("/api/v1/mailbox", headers=self._credential_header(receipt))
        ).json()
        report_id = uuid.UUID(mailbox["report_id"])
        version, inbox_public = self.inbox_key()
        message_id = uuid.uuid4()
        plaintext = json.dumps(content).encode()
        reply_public = reply_private_key(receipt).public_key()
        body = {
            "id": str(message_id),
            "inbox_version": version,
            "inbox_ciphertext": _b64(
                seal(
                    load_public_key(inbox_public),
                    plaintext,
                    info=protocol.message(report_id, message_id, protocol.inbox(version)),
                )
            ),
            "reply_ciphertext": _b64(
                seal(
                    reply_public,
                    plaintext,
                    info=protocol.message(report_id, message_id, protocol.REPLY_KEY),
                )
            ),
        }
        headers = {**self._credential_header(receipt), "X-Proof-Of-Work": self.proof_of_work()}
        checked(self.http.post("/api/v1/mailbox/messages", json=body, headers=headers))
        return message_id

    def erase(self, receipt: str) -> None:
        headers = {**self._credential_header(receipt), "X-Proof-Of-Work": self.proof_of_work()}
        checked(self.http.delete("/api/v1/mailbox", headers=headers))
