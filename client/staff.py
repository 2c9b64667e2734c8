"""The adviser's side: enrol, log in, unwrap keys in memory, manage the team and triage cases.

It does in Python what the VP console does in the browser, so the whole protocol can be exercised
and scripted without a browser. Keys stay in this object's memory only.
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx

from client import audit, kdf, protocol
from client.errors import checked
from crypto import (
    MIN_PBKDF2_ITERATIONS,
    PrivateKey,
    PublicKey,
    generate_private_key,
    key_id,
    load_private_key,
    load_public_key,
    open_sealed,
    private_key_bytes,
    public_key_bytes,
    safety_number,
    seal,
    unwrap_private_key,
    wrap_private_key,
)

COOKIE_NAME = "__Host-vp-session"


class OneWayReportError(ValueError):
    """The reporter chose a one-way report: there is no key to answer to."""


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text)


class KeyNotConfirmedError(Exception):
    """A key from the server was not confirmed by a person, so nothing was sealed to it."""


@dataclass(frozen=True)
class KeyToConfirm:
    """A public key the server handed out, shown to a person before anything is sealed to it.

    ``owner`` is the member's username or the partner's id; ``safety_number`` is what the key's
    owner (a colleague's console, the partner's console or command line) shows as well.
    """

    kind: Literal["member", "partner"]
    owner: str
    key_id: str
    safety_number: str


# Returns True only when a person compared the number with the key's owner (DESIGN: keys).
ConfirmKey = Callable[[KeyToConfirm], bool]


@dataclass
class DecryptedCase:
    id: uuid.UUID
    summary: dict[str, Any]
    report: dict[str, Any]
    messages: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)


class StaffClient:
    """An adviser's or administrator's session, keys in memory.

    ``confirm_key`` is asked before anything is sealed to a key the server handed out (a
    colleague's personal key, a partner key), once per key in this client's life; without it,
    or when it answers False, nothing is sealed (``KeyNotConfirmedError``).
    """

    def __init__(
        self,
        http: httpx.Client,
        *,
        iterations: int = MIN_PBKDF2_ITERATIONS,
        confirm_key: ConfirmKey | None = None,
    ) -> None:
        self.http = http
        self.iterations = iterations
        self.confirm_key = confirm_key
        # Raw public keys confirmed in this session, with their safety numbers.
        self.confirmed: dict[bytes, str] = {}
        self.session_token: str | None = None
        self.csrf: str | None = None
        self.member: dict[str, Any] = {}
        self.personal_key: PrivateKey | None = None
        self.inbox_keys: dict[int, PrivateKey] = {}

    # -- plumbing -------------------------------------------------------------------------------
    def _headers(self) -> dict[str, str]:
        headers = {}
        if self.session_token:
            # Sent by hand: the cookie is Secure, and test servers speak plain HTTP on loopback.
            headers["Cookie"] = f"{COOKIE_NAME}={self.session_token}"
        if self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        return headers

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {**self._headers(), **kwargs.pop("headers", {})}
        return checked(self.http.request(method, path, headers=headers, **kwargs))

    # -- enrolment and login --------------------------------------------------------------------
    def enrol(self, token: str, passphrase: str) -> str:
        """Make and wrap a personal key, register it; returns the TOTP seed to put in an app."""
        salt = os.urandom(kdf.MIN_SALT_BYTES)
        secrets_ = kdf.derive(passphrase, salt=salt, iterations=self.iterations)
        personal = generate_private_key()
        body = {
            "token": token,
            "public_key": _b64(public_key_bytes(personal.public_key())),
            "wrapped_private_key": _b64(wrap_private_key(personal, wrap_key=secrets_.wrap_key)),
            "kdf_salt": _b64(salt),
            "kdf_iterations": self.iterations,
            "auth_value": _b64(secrets_.auth_value),
        }
        seed: str = self.request("POST", "/api/v1/staff/enrolment", json=body).json()["totp_secret"]
        return seed

    def confirm_enrolment(self, token: str, totp_code: str) -> list[str]:
        body = {"token": token, "totp_code": totp_code}
        codes: list[str] = self.request(
            "POST", "/api/v1/staff/enrolment/confirm", json=body
        ).json()["recovery_codes"]
        return codes

    def login(
        self,
        username: str,
        passphrase: str,
        *,
        totp_code: str | None = None,
        recovery_code: str | None = None,
    ) -> dict[str, Any]:
        params = self.request(
            "POST", "/api/v1/staff/login/parameters", json={"username": username}
        ).json()
        # Checked against this client's floor before anything is derived or sent (T3).
        secrets_ = kdf.derive(
            passphrase, salt=_unb64(params["salt"]), iterations=params.get("iterations")
        )
        body: dict[str, Any] = {"username": username, "auth_value": _b64(secrets_.auth_value)}
        if totp_code is not None:
            body["totp_code"] = totp_code
        if recovery_code is not None:
            body["recovery_code"] = recovery_code
        response = self.request("POST", "/api/v1/staff/login", json=body)
        self.session_token = response.cookies.get(COOKIE_NAME)
        session = response.json()
        self.personal_key = unwrap_private_key(
            _unb64(session["wrapped_private_key"]), wrap_key=secrets_.wrap_key
        )
        self._take_session(session)
        return session

    def _take_session(self, session: dict[str, Any]) -> None:
        assert self.personal_key is not None  # noqa: S101 - set by login before this
        self.csrf = session["csrf_token"]
        self.member = session["member"]
        member_id = uuid.UUID(self.member["id"])
        self.inbox_keys = {
            k["version"]: load_private_key(
                open_sealed(
                    self.personal_key,
                    _unb64(k["wrapped_key"]),
                    info=protocol.key_wrap(k["version"], member_id),
                )
            )
            for k in session["inbox_keys"]
            if k["wrapped_key"]
        }

    def refresh(self) -> dict[str, Any]:
        session: dict[str, Any] = self.request("GET", "/api/v1/staff/session").json()
        self._take_session(session)
        return session

    def logout(self) -> None:
        self.request("POST", "/api/v1/staff/logout")
        self.session_token = self.csrf = None
        self.personal_key = None
        self.inbox_keys = {}

    # -- keys from the server, confirmed by a person ----------------------------------------------
    def _confirmed_key(self, kind: Literal["member", "partner"], owner: str, raw: bytes) -> str:
        """The key's safety number, once ``confirm_key`` said a person compared it."""
        public = load_public_key(raw)
        if raw not in self.confirmed:
            shown = KeyToConfirm(kind, owner, key_id(public), safety_number(public))
            if self.confirm_key is None or not self.confirm_key(shown):
                raise KeyNotConfirmedError(f"the {kind} key of {owner} was not confirmed")
            self.confirmed[raw] = shown.safety_number
        return self.confirmed[raw]

    def _partner_key(self, partner_id: str, key: dict[str, Any]) -> PublicKey:
        """A partner's key, confirmed by a person the first time; the service audits that."""
        raw = _unb64(key["public_key"])
        public = load_public_key(raw)
        if key_id(public) != key["key_id"]:
            raise KeyNotConfirmedError(f"the key id listed for {partner_id} is not its key's")
        if raw not in self.confirmed:
            shown = KeyToConfirm("partner", partner_id, key["key_id"], safety_number(public))
            if self.confirm_key is None or not self.confirm_key(shown):
                raise KeyNotConfirmedError(f"the partner key of {partner_id} was not confirmed")
            body = {
                "partner_id": partner_id,
                "key_id": shown.key_id,
                "safety_number": shown.safety_number,
            }
            self.request("POST", "/api/v1/staff/partner-key-verifications", json=body)
            self.confirmed[raw] = shown.safety_number
        return public

    def _own_public_key(self, listed: str | None) -> PublicKey:
        """This member's key, from memory; a server listing another one for us is lying."""
        assert self.personal_key is not None  # noqa: S101 - logged in
        public = self.personal_key.public_key()
        if listed is None or _unb64(listed) != public_key_bytes(public):
            raise KeyNotConfirmedError("the server lists another public key for this member")
        return public

    # -- team and keys ----------------------------------------------------------------------------
    def members(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self.request("GET", "/api/v1/staff/members").json()
        return result

    def invite(self, username: str, *, is_admin: bool = False, is_vp: bool = True) -> str:
        body = {"username": username, "is_admin": is_admin, "is_vp": is_vp}
        token: str = self.request("POST", "/api/v1/staff/members", json=body).json()[
            "enrolment_token"
        ]
        return token

    def _new_inbox_key(self, exclude: uuid.UUID | None = None) -> tuple[dict[str, Any], PrivateKey]:
        """A new version for this member and every colleague who holds the current one.

        The first version is for this member alone (colleagues are granted it); each colleague's
        key is confirmed by a person before the new key is sealed to it.
        """
        version = max(self.inbox_keys, default=0) + 1
        inbox = generate_private_key()
        raw = private_key_bytes(inbox)
        wraps = []
        for member in self.members():
            member_id = uuid.UUID(member["id"])
            number = None
            if member["id"] == self.member["id"]:
                recipient = self._own_public_key(member["public_key"])
            elif version > 1 and member["holds_current_key"] and member_id != exclude:
                listed = _unb64(member["public_key"])
                number = self._confirmed_key("member", member["username"], listed)
                recipient = load_public_key(listed)
            else:
                continue
            wrapped = seal(recipient, raw, info=protocol.key_wrap(version, member_id))
            wrap = {"member_id": str(member_id), "wrapped_key": _b64(wrapped)}
            if number is not None:
                wrap["safety_number"] = number
            wraps.append(wrap)
        body = {
            "version": version,
            "public_key": _b64(public_key_bytes(inbox.public_key())),
            "wraps": wraps,
        }
        return body, inbox

    def create_inbox_key(self) -> int:
        """Make the first (or a new) inbox key version, wrapped to every active adviser."""
        body, inbox = self._new_inbox_key()
        self.request("POST", "/api/v1/staff/inbox-keys", json=body)
        self.inbox_keys[body["version"]] = inbox
        return int(body["version"])

    def grant_access(self, member_id: uuid.UUID) -> None:
        """Wrap every inbox key version this adviser holds to a newcomer's confirmed key."""
        member = next(m for m in self.members() if m["id"] == str(member_id))
        listed = _unb64(member["public_key"])
        number = self._confirmed_key("member", member["username"], listed)
        recipient = load_public_key(listed)
        wraps = [
            {
                "version": version,
                "wrapped_key": _b64(
                    seal(
                        recipient,
                        private_key_bytes(key),
                        info=protocol.key_wrap(version, member_id),
                    )
                ),
            }
            for version, key in sorted(self.inbox_keys.items())
        ]
        body = {"wraps": wraps, "safety_number": number}
        self.request("POST", f"/api/v1/staff/members/{member_id}/inbox-access", json=body)

    def remove_member(self, member_id: uuid.UUID, *, rotate: bool | None = None) -> int | None:
        """Remove a member, rotating the inbox key for the remaining advisers if they hold it.

        By default this rotates when the member holds an inbox key and this adviser holds the
        current one (only a key holder may); returns the new version, or None.
        """
        if rotate is None:
            listed = {m["id"]: m for m in self.members()}
            me, target = listed.get(self.member["id"], {}), listed.get(str(member_id), {})
            rotate = bool(me.get("holds_current_key") and target.get("holds_inbox_key"))
        path = f"/api/v1/staff/members/{member_id}/removal"
        if not rotate:
            self.request("POST", path, json={})
            return None
        body, inbox = self._new_inbox_key(exclude=member_id)
        self.request("POST", path, json={"inbox_key": body})
        self.inbox_keys[body["version"]] = inbox
        return int(body["version"])

    # -- cases ------------------------------------------------------------------------------------
    def list_cases(self, **filters: Any) -> dict[str, Any]:
        params = {k: v for k, v in filters.items() if v is not None}
        result: dict[str, Any] = self.request("GET", "/api/v1/cases", params=params).json()
        return result

    def read_case(self, case_id: uuid.UUID) -> DecryptedCase:
        data = self.request("GET", f"/api/v1/cases/{case_id}").json()
        version = data["inbox_version"]
        report = json.loads(
            open_sealed(
                self.inbox_keys[version],
                _unb64(data["ciphertext"]),
                info=protocol.report(case_id, version),
            )
        )
        case = DecryptedCase(id=case_id, summary=data, report=report)
        for item in data["messages"]:
            if item["ciphertext"] is None:
                continue
            info = protocol.thread_info(
                item["kind"], case_id, uuid.UUID(item["id"]), protocol.inbox(item["inbox_version"])
            )
            plaintext = open_sealed(
                self.inbox_keys[item["inbox_version"]], _unb64(item["ciphertext"]), info=info
            )
            case.messages.append({"kind": item["kind"], "content": json.loads(plaintext)})
        for item in data["notes"]:
            info = protocol.note(case_id, uuid.UUID(item["id"]), item["inbox_version"])
            plaintext = open_sealed(
                self.inbox_keys[item["inbox_version"]], _unb64(item["ciphertext"]), info=info
            )
            case.notes.append(json.loads(plaintext))
        return case

    def update_case(self, case_id: uuid.UUID, **change: Any) -> dict[str, Any]:
        result: dict[str, Any] = self.request(
            "PATCH", f"/api/v1/cases/{case_id}", json=change
        ).json()
        return result

    def reply(self, case_id: uuid.UUID, content: dict[str, Any]) -> uuid.UUID:
        data = self.request("GET", f"/api/v1/cases/{case_id}").json()
        if data["reply_public_key"] is None:
            raise OneWayReportError(f"case {case_id} is a one-way report and cannot be answered")
        reply_public = load_public_key(_unb64(data["reply_public_key"]))
        version = max(self.inbox_keys)
        message_id = uuid.uuid4()
        plaintext = json.dumps(content).encode()
        body = {
            "id": str(message_id),
            "inbox_version": version,
            "inbox_ciphertext": _b64(
                seal(
                    self.inbox_keys[version].public_key(),
                    plaintext,
                    info=protocol.reply(case_id, message_id, protocol.inbox(version)),
                )
            ),
            "reply_ciphertext": _b64(
                seal(
                    reply_public,
                    plaintext,
                    info=protocol.reply(case_id, message_id, protocol.REPLY_KEY),
                )
            ),
        }
        self.request("POST", f"/api/v1/cases/{case_id}/replies", json=body)
        return message_id

    def add_note(self, case_id: uuid.UUID, content: dict[str, Any]) -> uuid.UUID:
        version = max(self.inbox_keys)
        note_id = uuid.uuid4()
        ciphertext = seal(
            self.inbox_keys[version].public_key(),
            json.dumps(content).encode(),
            info=protocol.note(case_id, note_id, version),
        )
        body = {"id": str(note_id), "inbox_version": version, "ciphertext": _b64(ciphertext)}
        self.request("POST", f"/api/v1/cases/{case_id}/notes", json=body)
        return note_id

    # -- chain partners (admin) -------------------------------------------------------------------
    def partner_enrolment(self, partner_id: str) -> str:
        """A one-time token for the partner's system to register its public key."""
        token: str = self.request("POST", f"/api/v1/admin/partners/{partner_id}/enrolments").json()[
            "enrolment_token"
        ]
        return token

    def create_token(self, partner_id: str, name: str) -> tuple[uuid.UUID, str]:
        data = self.request(
            "POST", f"/api/v1/admin/partners/{partner_id}/tokens", json={"name": name}
        ).json()
        return uuid.UUID(data["token"]["id"]), str(data["api_token"])

    def revoke_token(self, partner_id: str, token_id: uuid.UUID) -> None:
        self.request("DELETE", f"/api/v1/admin/partners/{partner_id}/tokens/{token_id}")

    def invite_partner_user(self, partner_id: str, username: str) -> str:
        token: str = self.request(
            "POST", f"/api/v1/admin/partners/{partner_id}/users", json={"username": username}
        ).json()["enrolment_token"]
        return token

    # -- signals (VP) ---------------------------------------------------------------------------
    def recipients(self) -> dict[str, dict[str, Any]]:
        found = self.request("GET", "/api/v1/signals/recipients").json()
        return {r["id"]: r for r in found}

    def send_signal(
        self,
        case_id: uuid.UUID,
        content: dict[str, Any],
        *,
        partners: list[str],
        category: str,
        urgency: str = "normal",
        period: str,
        exception: str | None = None,
        reason: str | None = None,
        notice: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Seal ``content`` for each partner (and a team copy naming the case), then send it.

        ``exception`` and ``reason`` override a missing consent; ``notice`` is what the
        reporter then reads in their mailbox.
        """
        recipients = self.recipients()
        version = max(self.inbox_keys)
        inbox_public = self.inbox_keys[version].public_key()
        signal_id = uuid.uuid4()
        plaintext = json.dumps(content).encode()
        deliveries = []
        # Every key confirmed (and the confirmation recorded) before the first thing is sealed.
        keys = {p: self._partner_key(p, recipients[p]["key"]) for p in partners}
        for partner_id in partners:
            key = recipients[partner_id]["key"]
            delivery_id = uuid.uuid4()
            sealed = seal(
                keys[partner_id],
                plaintext,
                info=protocol.signal_delivery(delivery_id, key["key_id"]),
            )
            deliveries.append(
                {
                    "id": str(delivery_id),
                    "partner_id": partner_id,
                    "key_id": key["key_id"],
                    "ciphertext": _b64(sealed),
                }
            )
        team_copy = json.dumps({"case": str(case_id), "content": content}).encode()
        body: dict[str, Any] = {
            "id": str(signal_id),
            "report_id": str(case_id),
            "category": category,
            "urgency": urgency,
            "period": period,
            "inbox_version": version,
            "team_ciphertext": _b64(
                seal(inbox_public, team_copy, info=protocol.signal_team(signal_id, version))
            ),
            "deliveries": deliveries,
        }
        if exception is not None:
            body["override"] = self._override(
                case_id, signal_id, version, exception, reason or "", notice
            )
        result: dict[str, Any] = self.request("POST", "/api/v1/signals", json=body).json()
        return result

    def _override(
        self,
        case_id: uuid.UUID,
        signal_id: uuid.UUID,
        version: int,
        exception: str,
        reason: str,
        notice: dict[str, Any] | None,
    ) -> dict[str, Any]:
        inbox_public = self.inbox_keys[version].public_key()
        override: dict[str, Any] = {
            "exception": exception,
            "reason": _b64(
                seal(
                    inbox_public,
                    json.dumps({"reason": reason}).encode(),
                    info=protocol.override_reason(signal_id, version),
                )
            ),
        }
        if notice is not None:
            data = self.request("GET", f"/api/v1/cases/{case_id}").json()
            reply_public = load_public_key(_unb64(data["reply_public_key"]))
            notice_id = uuid.uuid4()
            plaintext = json.dumps(notice).encode()
            override["notice"] = {
                "id": str(notice_id),
                "inbox_ciphertext": _b64(
                    seal(
                        inbox_public,
                        plaintext,
                        info=protocol.notice(case_id, notice_id, protocol.inbox(version)),
                    )
                ),
                "reply_ciphertext": _b64(
                    seal(
                        reply_public,
                        plaintext,
                        info=protocol.notice(case_id, notice_id, protocol.REPLY_KEY),
                    )
                ),
            }
        return override

    def signals(self) -> list[dict[str, Any]]:
        """Every signal, with the team copy decrypted (it names the case it came from)."""
        found: list[dict[str, Any]] = self.request("GET", "/api/v1/signals").json()
        for item in found:
            version = item["inbox_version"]
            item["team_copy"] = json.loads(
                open_sealed(
                    self.inbox_keys[version],
                    _unb64(item["team_ciphertext"]),
                    info=protocol.signal_team(uuid.UUID(item["id"]), version),
                )
            )
        return found

    def audit_log(self, *, after: int = 0, limit: int = 500) -> list[dict[str, Any]]:
        """A page of the audit log (administrators only), each case entry opened under "case".

        ``case`` is ``client.audit.OpenedCase`` for an entry about a case whose inbox key version
        this adviser holds, else None.
        """
        page = self.request("GET", "/api/v1/admin/audit", params={"after": after, "limit": limit})
        entries: list[dict[str, Any]] = page.json()["entries"]
        for entry in entries:
            version = entry["case_inbox_version"]
            held = version is None or version in self.inbox_keys
            entry["case"] = audit.open_record(self.inbox_keys, entry) if held else None
        return entries

    def signal_feedback(self, signal_id: uuid.UUID) -> list[dict[str, Any]]:
        found = self.request("GET", f"/api/v1/signals/{signal_id}/feedback").json()
        return [
            {
                "partner_id": item["partner_id"],
                "content": json.loads(
                    open_sealed(
                        self.inbox_keys[item["inbox_version"]],
                        _unb64(item["ciphertext"]),
                        info=protocol.feedback(
                            uuid.UUID(item["delivery_id"]),
                            uuid.UUID(item["id"]),
                            item["inbox_version"],
                        ),
                    )
                ),
            }
            for item in found
        ]
