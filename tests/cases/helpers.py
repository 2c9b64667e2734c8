"""Helpers for the triage tests: reports on chosen dates, and listing ids."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.models import Report
from app.models.base import today
from tests.factories import Member, reporter
from tests.staff.helpers import set_values


def days_ago(days: int) -> date:
    return today() - timedelta(days=days)


def created_on(app: FastAPI, report_id: uuid.UUID, day: date) -> None:
    """Move a report's creation date, as if it had arrived that day."""
    set_values(app, Report, Report.id == report_id, created_on=day)


def new_case(
    client: TestClient, app: FastAPI, day: date | None = None, *, one_way: bool = False
) -> uuid.UUID:
    sent = reporter(client).submit({"text": "iets is gebeurd"}, one_way=one_way)
    if day is not None:
        created_on(app, sent.report_id, day)
    return sent.report_id


def listed(member: Member, **filters: Any) -> list[uuid.UUID]:
    """The ids on the first page of the case list with these filters."""
    return [uuid.UUID(item["id"]) for item in member.client.list_cases(**filters)["items"]]
