"""The two promises to a reporter: acknowledge within 7 days, feedback within 3 calendar months."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.cases import deadlines


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 15), 3, date(2025, 4, 15)),
        (date(2025, 1, 31), 3, date(2025, 4, 30)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),
        (date(2025, 12, 31), 3, date(2026, 3, 31)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 1, 15), -1, date(2024, 12, 15)),
        (date(2025, 5, 31), -3, date(2025, 2, 28)),
        (date(2024, 5, 31), -3, date(2024, 2, 29)),
        (date(2025, 6, 10), 0, date(2025, 6, 10)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert deadlines.add_months(start, months) == expected


def test_acknowledge_due_is_seven_days_later() -> None:
    assert deadlines.acknowledge_due(date(2025, 12, 28)) == date(2026, 1, 4)


def test_feedback_due_is_three_calendar_months_later() -> None:
    assert deadlines.feedback_due(date(2025, 1, 31)) == date(2025, 4, 30)
    assert deadlines.feedback_due(date(2025, 2, 14)) == date(2025, 5, 14)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_acknowledge_overdue_cut_off_agrees_with_the_due_date() -> None:
    for today in _days(date(2024, 1, 1), date(2024, 3, 31)):
        cut_off = deadlines.latest_created_for_acknowledge_overdue(today)
        for created in _days(today - timedelta(days=10), today):
            overdue = today > deadlines.acknowledge_due(created)
            assert (created < cut_off) == overdue, (today, created)


def test_feedback_overdue_cut_off_agrees_with_the_due_date() -> None:
    """The list filter (a cut-off on created_on) and the summary flag must never disagree.

    Month ends are the hard part: on 29 May a report from 28 February is overdue (due 28 May),
    though three months before 29 May is also 28 February.
    """
    for today in _days(date(2023, 1, 1), date(2025, 12, 31)):
        cut_off = deadlines.latest_created_for_feedback_overdue(today)
        for created in _days(today - timedelta(days=100), today - timedelta(days=85)):
            overdue = today > deadlines.feedback_due(created)
            assert (created < cut_off) == overdue, (today, created)
