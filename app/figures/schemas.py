from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

Format = Literal["json", "csv"]
FigureName = Literal[
    "cases_received",
    "cases_with_mailbox",
    "acknowledged_in_time",
    "median_days_to_acknowledgement",
    "signals_police",
    "signals_care",
    "signals_municipality",
]


class FigureRow(BaseModel):
    quarter: str = Field(examples=["2026-Q4"])
    category: str = Field(description="a category id from the taxonomy, or 'unlabelled'")
    cases_received: int | None
    # Cases with a mailbox: the ones acknowledged_in_time is measured against (one-way cases
    # cannot be acknowledged).
    cases_with_mailbox: int | None
    acknowledged_in_time: int | None
    median_days_to_acknowledgement: float | None
    signals_police: int | None
    signals_care: int | None
    signals_municipality: int | None
    suppressed: list[FigureName] = Field(
        description="figures withheld because fewer than k cases or signals are behind them"
    )


class FiguresOut(BaseModel):
    k: int
    generated_on: date
    rows: list[FigureRow]
