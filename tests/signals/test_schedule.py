"""Release times: the next one after a moment, around midnight and the clock changes (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from app.settings import SignalSettings
from app.signals.schedule import local_hhmm, next_release

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DEFAULT = SignalSettings().times


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Winter (UTC+1): 08:30 local is 07:30 UTC.
        (utc(2026, 1, 15, 6, 0), utc(2026, 1, 15, 7, 30)),
        (utc(2026, 1, 15, 7, 30), utc(2026, 1, 15, 11, 30)),  # strictly after: the next one
        (utc(2026, 1, 15, 11, 29, 59), utc(2026, 1, 15, 11, 30)),
        # After the last one of the day, the first one tomorrow, also across midnight local
        # (23:30 UTC is already 00:30 the next day in Amsterdam) and across a month's end.
        (utc(2026, 1, 15, 15, 31), utc(2026, 1, 16, 7, 30)),
        (utc(2026, 1, 15, 23, 30), utc(2026, 1, 16, 7, 30)),
        (utc(2026, 1, 31, 22, 59), utc(2026, 2, 1, 7, 30)),
        # Summer (UTC+2): 08:30 local is 06:30 UTC.
        (utc(2026, 7, 1, 22, 30), utc(2026, 7, 2, 6, 30)),
        # The night the clocks go forward (29 March 2026): 16:30 winter time the day before,
        # then 08:30 summer time, only 15 hours later.
        (utc(2026, 3, 28, 15, 31), utc(2026, 3, 29, 6, 30)),
        # The night the clocks go back (25 October 2026): from summer to winter time.
        (utc(2026, 10, 24, 14, 31), utc(2026, 10, 25, 7, 30)),
    ],
)
def test_the_next_release_is_the_first_configured_local_time_after_now(
    now: datetime, expected: datetime
) -> None:
    assert next_release(now, times=DEFAULT, zone=AMSTERDAM) == expected


def test_a_release_time_in_the_spring_gap_moves_on_by_the_gap() -> None:
    # 02:30 does not exist on 29 March 2026 in Amsterdam: it is released at 03:30 summer time.
    found = next_release(utc(2026, 3, 28, 23, 0), times=(time(2, 30),), zone=AMSTERDAM)
    assert found == utc(2026, 3, 29, 1, 30)
    assert local_hhmm(found, AMSTERDAM) == "03:30"


def test_a_release_time_that_occurs_twice_is_released_once_at_its_first_occurrence() -> None:
    # 02:30 happens twice on 25 October 2026: first in summer time (00:30 UTC), then in winter
    # time (01:30 UTC). Only the first is a release; the next one is a day later.
    times = (time(2, 30),)
    first = next_release(utc(2026, 10, 24, 23, 0), times=times, zone=AMSTERDAM)
    assert first == utc(2026, 10, 25, 0, 30)
    assert next_release(first, times=times, zone=AMSTERDAM) == utc(2026, 10, 26, 1, 30)


def test_release_times_may_be_given_in_any_order_and_midnight_works() -> None:
    settings = SignalSettings(release_times="16:30, 00:00,08:30")
    assert settings.release_times == "00:00,08:30,16:30"
    found = next_release(utc(2026, 1, 15, 22, 0), times=settings.times, zone=settings.zone)
    assert found == utc(2026, 1, 15, 23, 0)
    assert local_hhmm(found, settings.zone) == "00:00"


def test_the_team_reads_the_release_time_in_the_organisations_time_zone() -> None:
    assert local_hhmm(utc(2026, 7, 1, 6, 30), AMSTERDAM) == "08:30"
    assert local_hhmm(utc(2026, 1, 15, 7, 30), AMSTERDAM) == "08:30"
    assert local_hhmm(utc(2026, 1, 15, 7, 30), ZoneInfo("UTC")) == "07:30"


@pytest.mark.parametrize(
    "change",
    [
        {"release_times": ""},
        {"release_times": "8.30"},
        {"release_times": "25:00"},
        {"release_times": "08:30:15"},
        {"time_zone": "Mars/Olympus_Mons"},
    ],
)
def test_bad_release_settings_are_refused(change: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        SignalSettings.model_validate(change)
