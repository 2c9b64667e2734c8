"""Quarterly figures per category, with every small cell suppressed (R8).

A cell is one calendar quarter and one category. Cases count by the quarter they arrived in,
once under each of their labels, or under ``unlabelled``; signals count by the quarter they were
written, under their category. No totals are produced: a total next to a suppressed cell would
give that cell away by subtraction. For the same reason ``acknowledged_in_time`` is also
suppressed when the cases *not* acknowledged in time are fewer than k, since those equal
``cases_received`` minus it. Zero is shown as 0: a cell with nobody in it describes no one.

A one-way report has no mailbox, so it can never be acknowledged and is never late:
``cases_with_mailbox`` is what ``acknowledged_in_time`` is measured against. It is withheld when
the one-way cases of the cell (``cases_received`` minus it) are fewer than k, and
``acknowledged_in_time`` when the mailbox cases not acknowledged in time are.
"""

from __future__ import annotations

import csv
import io
import statistics
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cases.deadlines import ACKNOWLEDGE_DAYS
from app.models import CaseLabel, Partner, Report, Signal, SignalDelivery

UNLABELLED = "unlabelled"
SIGNAL_FIGURES = {
    "police": "signals_police",
    "care": "signals_care",
    "municipality": "signals_municipality",
}
FIGURES = (
    "cases_received",
    "cases_with_mailbox",
    "acknowledged_in_time",
    "median_days_to_acknowledgement",
    *SIGNAL_FIGURES.values(),
)
Value = int | float | None


@dataclass
class _Cell:
    cases_received: int = 0
    cases_with_mailbox: int = 0
    acknowledged_in_time: int = 0
    days_to_acknowledgement: list[int] = field(default_factory=list)
    signals: dict[str, set[uuid.UUID]] = field(default_factory=lambda: defaultdict(set))


@dataclass(frozen=True)
class Row:
    quarter: str
    category: str
    # Every name in FIGURES; None where suppressed.
    values: dict[str, Value]
    suppressed: tuple[str, ...]


@dataclass(frozen=True)
class Figures:
    k: int
    generated_on: date
    rows: tuple[Row, ...]


def quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def compute(session: Session, *, k: int, today: date) -> Figures:
    """Every quarter and category the database holds, with cells below ``k`` suppressed."""
    if k < 2:
        raise ValueError("k must be at least 2")
    cells: dict[tuple[str, str], _Cell] = defaultdict(_Cell)
    _add_cases(session, cells)
    _add_signals(session, cells)
    rows = tuple(_row(q, category, cells[q, category], k) for q, category in sorted(cells))
    return Figures(k=k, generated_on=today, rows=rows)


def _add_cases(session: Session, cells: dict[tuple[str, str], _Cell]) -> None:
    labels: dict[uuid.UUID, list[str]] = defaultdict(list)
    for report_id, label in session.execute(select(CaseLabel.report_id, CaseLabel.label)):
        labels[report_id].append(label)
    reports = session.execute(
        select(
            Report.id,
            Report.created_on,
            Report.acknowledged_on,
            Report.reply_public_key.is_not(None),
        )
    )
    for report_id, created_on, acknowledged_on, has_mailbox in reports:
        for category in labels.get(report_id) or [UNLABELLED]:
            cell = cells[quarter(created_on), category]
            cell.cases_received += 1
            if not has_mailbox:
                # One-way: nobody to acknowledge to, so neither in time nor late.
                continue
            cell.cases_with_mailbox += 1
            if acknowledged_on is None:
                continue
            days = (acknowledged_on - created_on).days
            cell.days_to_acknowledgement.append(days)
            if days <= ACKNOWLEDGE_DAYS:
                cell.acknowledged_in_time += 1


def _add_signals(session: Session, cells: dict[tuple[str, str], _Cell]) -> None:
    # A signal counts once per kind of partner it went to: a signal to two police units is one
    # signal to the police.
    deliveries = session.execute(
        select(Signal.id, Signal.category, Signal.created_on, Partner.kind)
        .join(SignalDelivery, SignalDelivery.signal_id == Signal.id)
        .join(Partner, Partner.id == SignalDelivery.partner_id)
    )
    for signal_id, category, created_on, kind in deliveries:
        if kind in SIGNAL_FIGURES:
            cells[quarter(created_on), category].signals[kind].add(signal_id)


def _row(quarter_: str, category: str, cell: _Cell, k: int) -> Row:
    acknowledged = cell.days_to_acknowledgement
    one_way = cell.cases_received - cell.cases_with_mailbox
    late_or_open = cell.cases_with_mailbox - cell.acknowledged_in_time
    counts: dict[str, int] = {
        "cases_received": cell.cases_received,
        "cases_with_mailbox": cell.cases_with_mailbox,
        "acknowledged_in_time": cell.acknowledged_in_time,
        **{name: len(cell.signals.get(kind, ())) for kind, name in SIGNAL_FIGURES.items()},
    }
    suppressed = {name for name, n in counts.items() if 0 < n < k}
    if 0 < one_way < k:
        suppressed.add("cases_with_mailbox")
    # The second test covers a hidden cases_with_mailbox: received minus in-time would then
    # give away the one-way and late cases together.
    if 0 < late_or_open < k or 0 < one_way + late_or_open < k:
        suppressed.add("acknowledged_in_time")
    values: dict[str, Value] = dict(counts)
    values["median_days_to_acknowledgement"] = (
        float(statistics.median(acknowledged)) if acknowledged else None
    )
    if len(acknowledged) < k:
        suppressed.add("median_days_to_acknowledgement")
    for name in suppressed:
        values[name] = None
    ordered = {name: values[name] for name in FIGURES}
    return Row(quarter_, category, ordered, tuple(n for n in FIGURES if n in suppressed))


def as_json(figures: Figures) -> dict[str, object]:
    return {
        "k": figures.k,
        "generated_on": figures.generated_on.isoformat(),
        "rows": [
            {
                "quarter": row.quarter,
                "category": row.category,
                **row.values,
                "suppressed": list(row.suppressed),
            }
            for row in figures.rows
        ],
    }


def as_csv(figures: Figures) -> str:
    """One header row, then one row per cell; a suppressed value reads ``<k``, e.g. ``<5``."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["quarter", "category", *FIGURES])
    for row in figures.rows:
        cells = [
            f"<{figures.k}" if name in row.suppressed else _csv_number(row.values[name])
            for name in FIGURES
        ]
        writer.writerow([row.quarter, _csv_text(row.category), *cells])
    return out.getvalue()


def _csv_number(value: Value) -> str:
    return "" if value is None else f"{value:g}"


def _csv_text(text: str) -> str:
    # A spreadsheet would run a cell starting with one of these as a formula (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
