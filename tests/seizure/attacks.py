"""The seizing attacker's attempts (R9), each on one channel, scored against the truth.

Every attack sees only the :class:`Evidence`: the database with engine columns, the log, Redis.
The truth from ``day.py`` is used only to score the claims afterwards and to say what a guess would
have achieved (the reports a signal could have come from, given the consent choices that the
server must keep to check consent; the share of the day close to some reporter action).
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from crypto import keyed_hash
from tests.seizure.day import REPORTER_NETWORK, Truth
from tests.seizure.evidence import Evidence, Row, log_time
from tests.seizure.scoring import Score

_UUID = re.compile(
    r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$"
)
_UUID_IN_TEXT = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
REPORTER_API = ("/api/v1/reports", "/api/v1/proof-of-work", "/api/v1/mailbox", "/api/v1/inbox-key")
# Request lines a reporter causes (the API and the pages without JavaScript).
REPORTER_ROUTES = (
    " /api/v1/reports",
    " /api/v1/proof-of-work",
    " /api/v1/mailbox",
    " /api/v1/inbox-key",
    " /api/v1/partners ",
    " /{lang}/",
    " / ",
)


# -- reading the evidence --------------------------------------------------------------------------
def norm(value: Any) -> str | None:
    """A value as the attacker compares it across tables; None for what cannot identify."""
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, bytes):
        return value.hex() if len(value) >= 8 else None
    if isinstance(value, str):
        if _UUID.match(value):
            return value.replace("-", "").lower()
        return value if len(value) >= 8 else None
    return None


def as_uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def epoch(moment: Any) -> float:
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return float(moment.timestamp())


def order_key(row: Row, index: int) -> tuple[int, ...]:
    """The order an attacker reads into rows: rowid, else physical position, else file order."""
    if row.get("_rowid") is not None:
        return (int(row["_rowid"]),)
    if row.get("_ctid") is not None:
        block, offset = str(row["_ctid"]).strip("()").split(",")
        return (int(block), int(offset))
    return (index,)


def order_is_residual(evidence: Evidence) -> bool:
    """On PostgreSQL rows lie in the heap in the order they were written (ctid), which the
    project cannot change: attacks that lean on row order measure an engine residual there."""
    return evidence.dialect == "postgresql"


def in_row_order(rows: list[Row]) -> list[Row]:
    return [row for _, row in sorted(enumerate(rows), key=lambda p: order_key(p[1], p[0]))]


def report_objects(evidence: Evidence) -> dict[uuid.UUID, list[Row]]:
    """Every report with every row that names it."""
    objects: dict[uuid.UUID, list[Row]] = {as_uuid(r["id"]): [r] for r in evidence.rows("reports")}
    for table, rows in evidence.tables.items():
        for row in rows:
            if table != "reports" and row.get("report_id") is not None:
                objects.setdefault(as_uuid(row["report_id"]), []).append(row)
    return objects


def signal_objects(evidence: Evidence) -> dict[uuid.UUID, list[Row]]:
    objects: dict[uuid.UUID, list[Row]] = {as_uuid(r["id"]): [r] for r in evidence.rows("signals")}
    deliveries = {}
    for row in evidence.rows("signal_deliveries"):
        objects.setdefault(as_uuid(row["signal_id"]), []).append(row)
        deliveries[as_uuid(row["id"])] = as_uuid(row["signal_id"])
    for row in evidence.rows("signal_feedback"):
        signal = deliveries.get(as_uuid(row["delivery_id"]))
        if signal is not None:
            objects[signal].append(row)
    return objects


def _old_refs(row: Row, label: bytes, pepper_column: str) -> list[str]:
    # The audit log's former references were hashes of values stored beside them: recompute them.
    pepper = row.get(pepper_column)
    if pepper is None:
        return []
    digest = hashlib.sha256(label + b"\x00" + bytes(pepper) + as_uuid(row["id"]).bytes).digest()
    return [digest[:16].hex()]


def _values(rows: Iterable[Row]) -> set[str]:
    found = set()
    for row in rows:
        for column, value in row.items():
            if column.startswith("_"):
                continue
            normalised = norm(value)
            if normalised is not None:
                found.add(normalised)
            if isinstance(value, str):
                # Ids inside JSON or other text count as well.
                found.update(m.replace("-", "").lower() for m in _UUID_IN_TEXT.findall(value))
    return found


class Objects:
    """Reports, signals and audit entries, each with the distinctive values it holds."""

    def __init__(self, evidence: Evidence) -> None:
        self.reports = report_objects(evidence)
        self.signals = signal_objects(evidence)
        self.audit = list(evidence.rows("audit_entries"))
        values: dict[tuple[str, Any], set[str]] = {}
        for report_id, rows in self.reports.items():
            refs = _old_refs(rows[0], b"vertrouwenspunt/v1/audit-case-ref", "audit_pepper")
            values[("report", report_id)] = _values(rows) | set(refs)
        for signal_id, rows in self.signals.items():
            refs = _old_refs(rows[0], b"vertrouwenspunt/v1/audit-signal-ref", "ref_pepper")
            values[("signal", signal_id)] = _values(rows) | set(refs)
        for index, entry in enumerate(self.audit):
            values[("audit", index)] = _values([entry])
        # A value shared by many objects (a partner id, a category, "{}") identifies nothing.
        # Audit entries are bridges, so only reports and signals count here.
        counts: dict[str, int] = defaultdict(int)
        for (kind, _), held in values.items():
            for value in held if kind != "audit" else ():
                counts[value] += 1
        self.values = {k: {v for v in held if counts[v] <= 2} for k, held in values.items()}

    def reports_of_audit_entry(self, index: int) -> set[uuid.UUID]:
        held = self.values[("audit", index)]
        return {r for r in self.reports if self.values[("report", r)] & held}

    def candidates(self, evidence: Evidence, signal_id: uuid.UUID) -> set[uuid.UUID]:
        """Reports whose stored consent allows every partner this signal went to (by design)."""
        partners = {r["partner_id"] for r in self.signals[signal_id] if "partner_id" in r}
        consented: dict[uuid.UUID, set[str]] = defaultdict(set)
        for row in evidence.rows("consents"):
            consented[as_uuid(row["report_id"])].add(row["partner_id"])
        matching = {r for r in self.reports if partners <= consented[r]}
        return matching or set(self.reports)


# -- (a) which report did each signal come from? ---------------------------------------------------
def _link_score(
    channel: str,
    guesses: dict[uuid.UUID, uuid.UUID],
    objects: Objects,
    evidence: Evidence,
    truth: Truth,
    residual: bool = False,
) -> Score:
    score = Score("link", channel, residual=residual)
    for signal_id, guess in guesses.items():
        if signal_id not in truth.signals:
            continue
        score.chance.append(1 / len(objects.candidates(evidence, signal_id)))
        score.successes += int(truth.signals[signal_id] == guess)
    return score


def link_by_values(evidence: Evidence, truth: Truth) -> Score:
    """Shared or recomputable values, directly or through one audit entry."""
    objects = Objects(evidence)
    guesses = {}
    for signal_id in objects.signals:
        held = objects.values[("signal", signal_id)]
        bridged = set(held)
        for index in range(len(objects.audit)):
            if objects.values[("audit", index)] & held:
                bridged |= objects.values[("audit", index)]
        linked = sorted(r for r in objects.reports if objects.values[("report", r)] & bridged)
        if linked:
            guesses[signal_id] = linked[0]
    return _link_score("shared values", guesses, objects, evidence, truth)


def link_by_row_order(evidence: Evidence, truth: Truth) -> Score:
    """The k-th signal row belongs to the k-th routing entry of the audit log."""
    objects = Objects(evidence)
    signals = [as_uuid(r["id"]) for r in in_row_order(evidence.rows("signals"))]
    routes = sorted(
        (i for i, e in enumerate(objects.audit) if e["action"] == "case.route"),
        key=lambda i: objects.audit[i]["seq"],
    )
    guesses = {}
    for signal_id, index in zip(signals, routes, strict=False):
        named = sorted(objects.reports_of_audit_entry(index))
        if named:
            guesses[signal_id] = named[0]
    residual = order_is_residual(evidence)
    return _link_score("row order vs audit", guesses, objects, evidence, truth, residual)


def link_by_transaction_ids(evidence: Evidence, truth: Truth) -> Score:
    """PostgreSQL: a signal written in a transaction that also wrote or locked a report's rows."""
    objects = Objects(evidence)
    if evidence.dialect != "postgresql":
        return Score("link", "transaction ids", note="no transaction ids on SQLite")
    touched: dict[int, set[uuid.UUID]] = defaultdict(set)
    report_xids = []
    for report_id, rows in objects.reports.items():
        for row in rows:
            for xid in (row.get("_xmin"), row.get("_xmax")):
                if xid:
                    touched[int(xid)].add(report_id)
                    report_xids.append((int(xid), report_id))
    for index, entry in enumerate(objects.audit):
        for report_id in objects.reports_of_audit_entry(index):
            touched[int(entry["_xmin"])].add(report_id)
    report_xids.sort()
    guesses = {}
    for signal_id, rows in objects.signals.items():
        xid = min(int(r["_xmin"]) for r in rows)
        same = sorted(touched.get(xid, set()))
        if same:
            guesses[signal_id] = same[0]
            continue
        # Otherwise: the report written last before the signal, as a VP routes what they just read.
        earlier = [r for x, r in report_xids if x < xid]
        if earlier:
            guesses[signal_id] = earlier[-1]
    return _link_score("transaction ids", guesses, objects, evidence, truth)


# -- (b) when did each reporter act? ---------------------------------------------------------------
# Staff actions are in the audit log with their times: placing a reporter's action among them is
# timing it. A claim is an interval of audit positions [low, high] (position k: after k entries);
# it is right when the action's true position lies in it. What guessing achieves is measured
# against the day itself: an interval that would hold the position of a reporter action picked at
# random just as often holds no knowledge of *this* action. (Against a uniform guess over all
# positions, an attacker would "win" merely by knowing that reporters write while staff work,
# which the audit log shows and the hourly counts may show too.)
Slots = tuple[int, int]


def _time_score(
    channel: str, claims: dict[uuid.UUID, Slots], evidence: Evidence, truth: Truth, **kw: Any
) -> Score:
    positions = len(evidence.rows("audit_entries")) + 1
    every_slot = [action.slot for action in truth.actions]
    score = Score("time", channel, **kw)
    for action in truth.actions:
        if action.key not in claims:
            continue
        low, high = claims[action.key]
        low, high = max(0, low), min(positions - 1, high)
        if high < low:
            continue
        score.chance.append(sum(low <= slot <= high for slot in every_slot) / len(every_slot))
        score.successes += int(low <= action.slot <= high)
    return score


def slots_of_moment(evidence: Evidence, moment: float) -> Slots:
    """Audit entries carry whole seconds: those of earlier seconds are surely before ``moment``."""
    seconds = [int(epoch(e["created_at"])) for e in evidence.rows("audit_entries")]
    return sum(s + 1 <= moment for s in seconds), sum(s <= moment for s in seconds)


def _reporter_rows(evidence: Evidence) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
    """Reports and reporters' messages, in the order the attacker reads into their rows."""
    reports = [as_uuid(r["id"]) for r in in_row_order(evidence.rows("reports"))]
    messages = [
        as_uuid(m["id"]) for m in in_row_order(evidence.rows("messages")) if m["kind"] == "reporter"
    ]
    return reports, messages


def _by_order(evidence: Evidence, moments: dict[str, list[float]]) -> dict[uuid.UUID, Slots]:
    """The k-th timed request of a kind belongs to the k-th row of that kind."""
    reports, messages = _reporter_rows(evidence)
    claims = {}
    for rows, kind in ((reports, "report"), (messages, "follow_up")):
        for row_id, moment in zip(rows, sorted(moments[kind]), strict=False):
            claims[row_id] = slots_of_moment(evidence, moment)
    return claims


def time_by_log(evidence: Evidence, truth: Truth) -> Score:
    moments: dict[str, list[float]] = {"report": [], "follow_up": []}
    for line in evidence.log_lines:
        moment = log_time(line)
        if moment is None:
            continue
        if "POST /api/v1/reports " in line:
            moments["report"].append(moment)
        elif "POST /api/v1/mailbox/messages " in line:
            moments["follow_up"].append(moment)
    claims = _by_order(evidence, moments)
    return _time_score("log lines", claims, evidence, truth, residual=order_is_residual(evidence))


def time_by_redis(evidence: Evidence, truth: Truth, pow_ttl_seconds: int) -> Score:
    moments: dict[str, list[float]] = {"report": [], "follow_up": []}
    for entry in evidence.redis:
        kind = (
            "report"
            if b"/reports" in entry.key
            else "follow_up"
            if b"/mailbox/messages" in entry.key
            else None
        )
        for value in entry.values if kind else ():
            try:
                moments[kind].append(float(value))
            except ValueError:
                continue
        if entry.ttl_seconds > 0 and b"pow" in entry.key:
            # A spent challenge lives until its expiry: expiry minus lifetime is when it was issued,
            # and a report follows its challenge within moments.
            moments["report"].append(evidence.seized_at + entry.ttl_seconds - pow_ttl_seconds)
    claims = _by_order(evidence, moments)
    residual = order_is_residual(evidence)
    return _time_score("redis keys and values", claims, evidence, truth, residual=residual)


def _case_entries(evidence: Evidence, objects: Objects) -> dict[uuid.UUID, list[Row]]:
    """Audit entries the attacker can tie to a case (by a shared or recomputable value)."""
    found: dict[uuid.UUID, list[Row]] = defaultdict(list)
    for index, entry in enumerate(objects.audit):
        for report_id in objects.reports_of_audit_entry(index):
            found[report_id].append(entry)
    return found


def _reply_positions(evidence: Evidence, objects: Objects) -> dict[uuid.UUID, int]:
    """The audit position of each reply row: through a shared value, through the case's own
    entries in order, or per adviser in row order."""
    entries = sorted(
        (e for e in objects.audit if e["action"] in ("case.reply", "case.replied")),
        key=lambda e: e["seq"],
    )
    replies = [m for m in in_row_order(evidence.rows("messages")) if m["kind"] == "reply"]
    positions: dict[uuid.UUID, int] = {}
    for entry in entries:
        for reply in replies:
            if _values([entry]) & _values([reply]) - {norm(entry["actor_id"])}:
                positions[as_uuid(reply["id"])] = int(entry["seq"])
    for report_id, named in _case_entries(evidence, objects).items():
        mine = sorted(
            (r for r in replies if as_uuid(r["report_id"]) == report_id), key=lambda r: r["seq"]
        )
        named_replies = [e for e in sorted(named, key=lambda e: e["seq"]) if e in entries]
        for reply, entry in zip(mine, named_replies, strict=False):
            positions.setdefault(as_uuid(reply["id"]), int(entry["seq"]))
    by_actor: dict[str | None, list[int]] = defaultdict(list)
    for entry in entries:
        by_actor[norm(entry["actor_id"])].append(int(entry["seq"]))
    for actor, seqs in by_actor.items():
        mine = [r for r in replies if norm(r.get("author_id")) == actor]
        for reply, seq in zip(mine, seqs, strict=False):
            positions.setdefault(as_uuid(reply["id"]), seq)
    return positions


def time_by_thread(evidence: Evidence, truth: Truth) -> Score:
    """A reporter's message lies between the replies around it in its thread, and a report
    before the first reply to it; the audit log places the replies."""
    objects = Objects(evidence)
    positions = _reply_positions(evidence, objects)
    claims: dict[uuid.UUID, Slots] = {}
    threads: dict[uuid.UUID, list[Row]] = defaultdict(list)
    for message in evidence.rows("messages"):
        threads[as_uuid(message["report_id"])].append(message)
    for report_id, messages in threads.items():
        ordered = sorted(messages, key=lambda m: m["seq"])
        placed = [positions.get(as_uuid(m["id"])) for m in ordered]
        for index, message in enumerate(ordered):
            before = [p for p in placed[:index] if p is not None]
            after = [p for p in placed[index + 1 :] if p is not None]
            if message["kind"] == "reporter" and after:
                # Entry number p is position p - 1 before it is written.
                claims[as_uuid(message["id"])] = (before[-1] if before else 0, after[0] - 1)
        first = next((p for p in placed if p is not None), None)
        if first is not None:
            claims[report_id] = (0, first - 1)
    residual = order_is_residual(evidence)
    return _time_score("thread order + audit", claims, evidence, truth, residual=residual)


def time_by_audit(evidence: Evidence, truth: Truth) -> Score:
    """A report came before the first staff action that the audit log ties to its case."""
    objects = Objects(evidence)
    claims = {
        report_id: (0, min(int(e["seq"]) for e in named) - 1)
        for report_id, named in _case_entries(evidence, objects).items()
    }
    return _time_score("audit names the case", claims, evidence, truth)


def time_by_transaction_ids(evidence: Evidence, truth: Truth) -> Score:
    """PostgreSQL: a reporter's row's transaction id falls between those of audit entries."""
    if evidence.dialect != "postgresql":
        return Score("time", "transaction ids", note="no transaction ids on SQLite")
    marks = sorted(int(e["_xmin"]) for e in evidence.rows("audit_entries"))
    created: dict[uuid.UUID, int] = {}
    for row in evidence.rows("consents"):
        report_id = as_uuid(row["report_id"])
        created[report_id] = min(created.get(report_id, 1 << 62), int(row["_xmin"]))
    for message in evidence.rows("messages"):
        if message["kind"] == "reporter":
            created[as_uuid(message["id"])] = int(message["_xmin"])
    claims = {}
    for key, xid in created.items():
        position = sum(mark < xid for mark in marks)
        claims[key] = (position, position)
    return _time_score("transaction ids", claims, evidence, truth, residual=True)


# -- (c) where did each reporter write from? -------------------------------------------------------
def recover_addresses(evidence: Evidence, truth: Truth, log_text: bytes) -> Score:
    """Look for each address in the clear, and try every address of the reporters' network under
    every hash an attacker could compute: plain, or keyed with any secret found in Redis."""
    candidates = [f"{REPORTER_NETWORK}{n}" for n in range(256)]
    haystack = b"\n".join(
        [log_text, repr(evidence.tables).encode()]
        + [e.key for e in evidence.redis]
        + [v for e in evidence.redis for v in e.values]
    )
    hexed = haystack.lower()
    secrets_ = [v for e in evidence.redis for v in e.values if 32 <= len(v) <= 64]
    found = set()
    for address in candidates:
        raw = address.encode()
        packed = ipaddress.ip_address(address).packed
        forms = [raw, packed.hex().encode(), hashlib.sha256(raw).hexdigest().encode()]
        for secret in secrets_:
            forms.append(keyed_hash(secret, raw, purpose="rate-limit-client").hex()[:32].encode())
        if any(form in haystack or form in hexed for form in forms):
            found.add(address)
    score = Score("address", "clear or hashed", chance=[0.0] * len(truth.addresses))
    score.successes = len(found & set(truth.addresses.values()))
    return score
