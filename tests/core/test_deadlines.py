"""Deadlines on the Swedish calendar: weekends, public holidays, the three eves, month ends."""

from __future__ import annotations

import datetime as dt

import pytest

from intake.core.deadlines import (
    at_once,
    is_working_day,
    next_working_day,
    same_date_next_month,
    within_one_month,
)

D = dt.date


@pytest.mark.parametrize(
    ("visit", "expected", "why"),
    [
        (D(2026, 11, 23), D(2026, 11, 23), "an ordinary Monday"),
        (D(2026, 11, 27), D(2026, 11, 27), "an ordinary Friday"),
        (D(2026, 11, 28), D(2026, 11, 30), "Saturday -> Monday"),
        (D(2026, 11, 29), D(2026, 11, 30), "Sunday -> Monday"),
        (D(2026, 6, 19), D(2026, 6, 22), "midsummer eve (Fri) -> Monday"),
        (D(2026, 12, 24), D(2026, 12, 28), "Christmas eve, Christmas, Boxing day, Sunday"),
        (D(2026, 12, 31), D(2027, 1, 4), "New Year's eve, New Year's day, weekend"),
        (D(2026, 4, 3), D(2026, 4, 7), "Good Friday .. Easter Monday"),
        (D(2026, 4, 6), D(2026, 4, 7), "Easter Monday"),
        (D(2026, 5, 14), D(2026, 5, 15), "Ascension Day (Thu)"),
        (D(2026, 1, 6), D(2026, 1, 7), "Epiphany (Tue)"),
        (D(2026, 5, 1), D(2026, 5, 4), "May Day (Fri)"),
        (D(2027, 6, 7), D(2027, 6, 7), "Monday after the national day: a working day"),
        (D(2025, 6, 6), D(2025, 6, 9), "national day on a Friday"),
    ],
)
def test_at_once(visit: dt.date, expected: dt.date, why: str) -> None:
    assert at_once(visit) == expected, why


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (D(2026, 1, 31), D(2026, 2, 28)),
        (D(2028, 1, 31), D(2028, 2, 29)),
        (D(2026, 3, 31), D(2026, 4, 30)),
        (D(2026, 12, 15), D(2027, 1, 15)),
        (D(2026, 8, 30), D(2026, 9, 30)),
    ],
)
def test_same_date_next_month_clamps(start: dt.date, expected: dt.date) -> None:
    assert same_date_next_month(start) == expected


@pytest.mark.parametrize(
    ("start", "expected", "why"),
    [
        (D(2026, 11, 23), D(2026, 12, 23), "plain: same date next month, a Wednesday"),
        (D(2026, 1, 31), D(2026, 3, 2), "Feb 28 2026 is a Saturday -> Monday Mar 2"),
        (D(2028, 1, 31), D(2028, 2, 29), "leap year, Tuesday"),
        (D(2026, 5, 19), D(2026, 6, 22), "Jun 19 2026 is midsummer eve -> Monday"),
        (D(2026, 11, 24), D(2026, 12, 28), "Dec 24 Christmas eve .. Sunday 27"),
        (D(2026, 11, 30), D(2026, 12, 30), "Dec 30 2026 is a Wednesday"),
        (D(2027, 11, 30), D(2027, 12, 30), "Dec 30 2027 is a Thursday"),
        (D(2026, 12, 31), D(2027, 2, 1), "Jan 31 2027 is a Sunday -> Monday"),
        (D(2027, 3, 29), D(2027, 4, 29), "Apr 29 2027 is a Thursday"),
        (D(2027, 4, 6), D(2027, 5, 7), "May 6 2027 is Ascension Day -> Friday"),
        (D(2026, 3, 6), D(2026, 4, 7), "Apr 6 2026 is Easter Monday -> Tuesday"),
        (D(2026, 11, 1), D(2026, 12, 1), "Tuesday"),
    ],
)
def test_within_one_month(start: dt.date, expected: dt.date, why: str) -> None:
    assert within_one_month(start) == expected, why


def test_eves_are_not_working_days_but_their_weekdays_are_otherwise() -> None:
    assert not is_working_day(D(2026, 6, 19))  # midsummer eve
    assert not is_working_day(D(2026, 12, 24))
    assert not is_working_day(D(2026, 12, 31))
    assert is_working_day(D(2026, 6, 18))
    assert is_working_day(D(2026, 12, 23))


def test_every_sunday_and_saturday_is_a_day_off_whatever_the_calendar_option() -> None:
    day = D(2026, 1, 3)  # a Saturday
    for _ in range(104):
        assert not is_working_day(day)
        day += dt.timedelta(days=7 if day.weekday() == 6 else 1)


def test_next_working_day_is_idempotent_and_not_before() -> None:
    day = D(2026, 1, 1)
    while day < D(2027, 1, 1):
        nxt = next_working_day(day)
        assert nxt >= day
        assert is_working_day(nxt)
        assert next_working_day(nxt) == nxt
        assert (nxt - day).days <= 4
        day += dt.timedelta(days=1)


def test_the_shipped_table_is_what_the_holidays_package_says() -> None:
    """data/holidays_se.json is the package's calendar for TABLE_YEARS, written by
    `python -m intake.core.deadlines`; rerun that when the package is upgraded."""
    import json
    from importlib import resources

    from intake.core.deadlines import TABLE_FILE, TABLE_YEARS, package_calendar, table_from_package

    shipped = json.loads((resources.files("intake.core") / "data" / TABLE_FILE).read_text("utf-8"))
    assert shipped["days"] == table_from_package()["days"]
    assert (shipped["first_year"], shipped["last_year"]) == (TABLE_YEARS[0], TABLE_YEARS[-1])
    assert len(shipped["days"]) == len(package_calendar(TABLE_YEARS)) > 15 * len(TABLE_YEARS)


def test_years_outside_the_table_ask_the_package() -> None:
    from intake.core.deadlines import TABLE_YEARS, is_holiday

    later = TABLE_YEARS[-1] + 5
    assert is_holiday(D(later, 12, 25)) and is_holiday(D(later, 6, 6))
    assert not is_holiday(D(later, 11, 14))


def test_deadlines_in_the_table_years_do_not_load_the_holidays_package() -> None:
    """The point of the table: about 11 MB less in the running app."""
    import subprocess
    import sys

    code = (
        "import sys, datetime as dt\n"
        "from intake.core.deadlines import within_one_month, at_once\n"
        "within_one_month(dt.date(2026, 12, 1)); at_once(dt.date(2026, 12, 24))\n"
        "assert 'holidays' not in sys.modules, 'holidays was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
