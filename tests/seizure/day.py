"""A realistic day, played over real HTTP against ``python -m app.server`` (R9).

Eight sex workers report from eight different addresses; two advisers read, label and answer;
reporters come back and write more; six signals go to two partners; the partners pick them up.
Everything a reporter does is written down here with the moment it happened, so the attacks in
``attacks.py`` can be scored against the truth.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pyotp

from client import ReporterClient, StaffClient
from client.partner import PartnerClient, register_key
from crypto import generate_private_key, public_key_bytes
from tests.conftest import TEST_PBKDF2_ITERATIONS
from tests.factories import KeysShown

REPORTERS = 8
SIGNALS = 6
PARTNERS = ("belle", "politie-avim")
# Every reporter's own loopback address: an attacker who finds one of these has found a source.
REPORTER_NETWORK = "127.60.0."


@dataclass
class ReporterAction:
    report_id: uuid.UUID
    kind: str  # "report" or "follow_up"
    # How many audit entries (staff actions, each with its time) existed when it happened: the
    # attacker's task is to place the action among them.
    slot: int
    message_id: uuid.UUID | None = None

    @property
    def key(self) -> uuid.UUID:
        return self.message_id or self.report_id


@dataclass
class Truth:
    actions: list[ReporterAction] = field(default_factory=list)
    signals: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)
    addresses: dict[uuid.UUID, str] = field(default_factory=dict)


def _code(seed: str, steps_ahead: int = 0) -> str:
    return pyotp.TOTP(seed).at(time.time() + steps_ahead * 30)


def _adviser(base_url: str, token: str, username: str) -> StaffClient:
    http = httpx.Client(base_url=base_url, timeout=60)
    passphrase = f"a long passphrase for {username} on a working day"
    staff = StaffClient(http, iterations=TEST_PBKDF2_ITERATIONS, confirm_key=KeysShown())
    seed = staff.enrol(token, passphrase)
    staff.confirm_enrolment(token, _code(seed))
    staff.login(username, passphrase, totp_code=_code(seed, 1))
    return staff


def reporter_client(base_url: str, number: int) -> tuple[ReporterClient, str]:
    address = f"{REPORTER_NETWORK}{10 + number}"
    http = httpx.Client(
        base_url=base_url,
        transport=httpx.HTTPTransport(local_address=address),
        headers={"User-Agent": f"Mozilla/5.0 (Linux; Android 14; Phone-{number})"},
        timeout=60,
    )
    return ReporterClient(http), address


@dataclass
class Team:
    anna: StaffClient
    bram: StaffClient
    partners: dict[str, PartnerClient]

    def adviser(self, turn: int) -> StaffClient:
        return self.anna if turn % 2 == 0 else self.bram


def assemble_team(base_url: str, admin_token: str) -> Team:
    anna = _adviser(base_url, admin_token, "anna")
    anna.create_inbox_key()
    bram = _adviser(base_url, anna.invite("bram"), "bram")
    anna.grant_access(uuid.UUID(bram.member["id"]))
    bram.refresh()
    partners = {}
    for partner_id in PARTNERS:
        key = generate_private_key()
        registration = register_key(
            anna.http,
            enrolment_token=anna.partner_enrolment(partner_id),
            public_key=public_key_bytes(key.public_key()),
        )
        partners[partner_id] = PartnerClient(
            httpx.Client(base_url=base_url, timeout=60),
            api_token=registration.api_token,
            keys=[key],
        )
    return Team(anna, bram, partners)


def play(
    base_url: str, admin_token: str, *, release: Callable[[], Any], audit_head: Callable[[], int]
) -> Truth:
    """The day. ``release`` runs the service's release step for queued signals; ``audit_head``
    says how many audit entries there are, to place each reporter action among them."""
    opened: list[httpx.Client] = []
    try:
        return _play(base_url, admin_token, release, audit_head, opened)
    finally:
        for http in opened:
            http.close()


def _play(
    base_url: str,
    admin_token: str,
    release: Callable[[], Any],
    audit_head: Callable[[], int],
    opened: list[httpx.Client],
) -> Truth:
    team = assemble_team(base_url, admin_token)
    opened += [team.anna.http, team.bram.http, *(p.http for p in team.partners.values())]
    truth = Truth()
    reporters: list[tuple[ReporterClient, uuid.UUID, str]] = []
    signalled = 0
    for number in range(REPORTERS):
        client, address = reporter_client(base_url, number)
        opened.append(client.http)
        content = {"what": ["threats"], "text": f"Melding {number}: een klant bedreigde mij."}
        sent = client.submit(content, consents=list(PARTNERS))
        assert sent.receipt is not None
        truth.actions.append(ReporterAction(sent.report_id, "report", audit_head()))
        truth.addresses[sent.report_id] = address
        reporters.append((client, sent.report_id, sent.receipt))

        # The advisers work the inbox between reports, taking turns.
        adviser = team.adviser(number)
        adviser.list_cases()
        adviser.read_case(sent.report_id)
        adviser.update_case(sent.report_id, labels=["threats"], status="in_progress")
        adviser.reply(sent.report_id, {"text": "We hebben je melding gelezen. Ben je veilig?"})

        if number >= 2:
            # A reporter from earlier comes back, reads the answer and writes more.
            earlier, report_id, receipt = reporters[number - 2]
            earlier.read_mailbox(receipt)
            message_id = earlier.follow_up(receipt, {"text": "Hij stond er weer."})
            truth.actions.append(ReporterAction(report_id, "follow_up", audit_head(), message_id))
            other = team.adviser(number + 1)
            other.read_case(report_id)
            other.reply(report_id, {"text": "Dank je. Mogen we een signaal sturen?"})
            if signalled < SIGNALS:
                partner = PARTNERS[signalled % 2]
                result = other.send_signal(
                    report_id,
                    {"text": "Een klant bedreigt sekswerkers in de regio."},
                    partners=[partner],
                    category="threats",
                    period="2026-Q4",
                )
                truth.signals[uuid.UUID(result["id"])] = report_id
                signalled += 1
    release()
    for partner in team.partners.values():
        for delivery in partner.list_signals():
            partner.read_signal(uuid.UUID(delivery["id"]))
            partner.acknowledge(uuid.UUID(delivery["id"]))
    assert signalled == SIGNALS
    return truth
