"""A chain partner's client: pull signals, decrypt them locally, acknowledge, send feedback.

Needs only ``crypto`` and httpx, not the server's dependencies. Authenticates with an API token;
the private key stays on the partner's side (client.keyfile).
"""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from typing import Any

import httpx

from client import protocol
from client.errors import checked
from crypto import PrivateKey, key_id, load_public_key, open_sealed, seal


@dataclass(frozen=True)
class Registration:
    partner_id: str
    key_id: str
    fingerprint: str
    api_token: str


@dataclass(frozen=True)
class ReceivedSignal:
    id: uuid.UUID
    category: str
    urgency: str
    period: str
    status: str
    content: dict[str, Any]


def register_key(http: httpx.Client, *, enrolment_token: str, public_key: bytes) -> Registration:
    """Register a public key made on this side; returns the API token issued with it."""
    body = {
        "enrolment_token": enrolment_token,
        "public_key": base64.b64encode(public_key).decode(),
    }
    data = checked(http.post("/api/v1/partner-keys", json=body)).json()
    return Registration(
        partner_id=data["partner_id"],
        key_id=data["key"]["key_id"],
        fingerprint=data["key"]["fingerprint"],
        api_token=data["api_token"],
    )


class PartnerClient:
    def __init__(self, http: httpx.Client, *, api_token: str, keys: list[PrivateKey]) -> None:
        self.http = http
        self.headers = {"Authorization": f"Bearer {api_token}"}
        # Older keys stay, for signals sealed before a rotation.
        self.keys = {key_id(k.public_key()): k for k in keys}

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return checked(self.http.request(method, path, headers=self.headers, **kwargs))

    def list_signals(self, status: str | None = None) -> list[dict[str, Any]]:
        params = {"status": status} if status else {}
        result: list[dict[str, Any]] = self._request(
            "GET", "/api/v1/partner/signals", params=params
        ).json()
        return result

    def read_signal(self, signal_id: uuid.UUID) -> ReceivedSignal:
        data = self._request("GET", f"/api/v1/partner/signals/{signal_id}").json()
        key = self.keys.get(data["key_id"])
        if key is None:
            raise LookupError(f"signal {signal_id} is sealed to key {data['key_id']}, not held")
        plaintext = open_sealed(
            key,
            base64.b64decode(data["ciphertext"]),
            info=protocol.signal_delivery(signal_id, data["key_id"]),
        )
        return ReceivedSignal(
            id=signal_id,
            category=data["category"],
            urgency=data["urgency"],
            period=data["period"],
            status=data["status"],
            content=json.loads(plaintext),
        )

    def acknowledge(self, signal_id: uuid.UUID) -> None:
        self._request("POST", f"/api/v1/partner/signals/{signal_id}/acknowledgement")

    def send_feedback(
        self, signal_id: uuid.UUID, content: dict[str, Any], *, inbox: tuple[int, bytes]
    ) -> uuid.UUID:
        """Feedback or a question for the VP team, sealed to the inbox key ``(version, key)``."""
        version, public = inbox
        feedback_id = uuid.uuid4()
        ciphertext = seal(
            load_public_key(public),
            json.dumps(content).encode(),
            info=protocol.feedback(signal_id, feedback_id, version),
        )
        body = {
            "id": str(feedback_id),
            "inbox_version": version,
            "ciphertext": base64.b64encode(ciphertext).decode(),
        }
        self._request("POST", f"/api/v1/partner/signals/{signal_id}/feedback", json=body)
        return feedback_id

    def inbox_key(self) -> tuple[int, bytes]:
        data = self._request("GET", "/api/v1/inbox-key").json()
        return int(data["version"]), base64.b64decode(data["public_key"])
