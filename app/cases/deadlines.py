"""The two promises to a reporter: acknowledgement within 7 days, feedback within 3 months."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

ACKNOWLEDGE_DAYS = 7
FEEDBACK_MONTHS = 3


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def acknowledge_due(created_on: date) -> date:
    return created_on + timedelta(days=ACKNOWLEDGE_DAYS)


def feedback_due(created_on: date) -> date:
    return add_months(created_on, FEEDBACK_MONTHS)


def latest_created_for_acknowledge_overdue(today: date) -> date:
    """Cases created before this date are past the acknowledgement deadline."""
    return today - timedelta(days=ACKNOWLEDGE_DAYS)


def latest_created_for_feedback_overdue(today: date) -> date:
    """Cases created before this date are past the feedback deadline.

    Three months back from today is not it at month ends: a report of 28 February is due on
    28 May and overdue on 29 May, yet three months before 29 May is 28 February too. Due dates
    never decrease as the creation date grows, so step forward from a safely earlier day to the
    first one whose due date is not yet past; the list filter then agrees with the summary flag.
    """
    day = add_months(today, -FEEDBACK_MONTHS) - timedelta(days=7)
    while feedback_due(day) < today:
        day += timedelta(days=1)
    return day
