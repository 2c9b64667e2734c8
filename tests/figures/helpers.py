"""A hand-made data set whose figures are worked out by hand in the tests."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from tests.retention.helpers import add_report, add_signal

Q1 = date(2025, 1, 6)  # a day in 2025-Q1
Q2 = date(2025, 4, 7)  # a day in 2025-Q2


def _case(session: Session, day: date, ack_days: int | None, *labels: str) -> None:
    acknowledged = None if ack_days is None else day + timedelta(days=ack_days)
    add_report(session, created_on=day, acknowledged_on=acknowledged, labels=labels)


def build(session: Session) -> None:
    """2025-Q1 threats: 10 cases, 5 acknowledged in time, 10 acknowledged (median 7.5).

    2025-Q1 physical_violence: 5 cases (two of the threats cases carry both labels), of which
    3 in time. 2025-Q1 sexual_violence: 4 cases, one short of k. 2025-Q2 unlabelled: 7 cases,
    6 acknowledged in time (median 1.5) and 1 not at all. Signals in 2025-Q1 threats: 5 to the
    police (one of them to two police units), 4 to care partners, none to the municipality.
    """
    for ack in (0, 1, 2):
        _case(session, Q1, ack, "threats")
    _case(session, Q1, 3, "threats", "physical_violence")
    _case(session, Q1, 7, "threats", "physical_violence")
    for ack in (8, 9, 10, 30, 40):
        _case(session, Q1, ack, "threats")
    for ack in (1, 8, 20):
        _case(session, Q1, ack, "physical_violence")
    for _ in range(4):
        _case(session, Q1, 2, "sexual_violence")
    for ack in (0, 1, 1, 2, 3, 7, None):
        _case(session, Q2, ack)
    add_signal(session, created_on=Q1, deliveries=[("politie-avim", None), ("belle", None)])
    add_signal(
        session,
        created_on=Q1,
        deliveries=[("politie-avim", None), ("politie-wijkagent", None)],
    )
    for _ in range(3):
        add_signal(session, created_on=Q1, deliveries=[("politie-wijkagent", None), ("belle", Q1)])
