"""Deadlines counted the Swedish way, on the `holidays` package's calendar for Sweden.

Lag (1930:173) om beräkning av lagstadgad tid: when the last day of a period falls on a
Saturday, Sunday or public holiday, or on midsummer eve, Christmas eve or New Year's eve,
the period ends on the next working day. The three eves are not public holidays; `holidays`
keeps them in its DE_FACTO category, so the calendar is built with (PUBLIC, DE_FACTO).

Sundays: `holidays.Sweden` can list every Sunday as a holiday (`include_sundays=True`). We set
it to False on purpose and test the weekday ourselves, so that the result does not depend on
that option's default (which has changed between releases of the package) and Saturdays,
which are never in the list, are handled the same way.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import cache, lru_cache

import holidays

_SATURDAY = 5


@cache
def _calendar() -> holidays.HolidayBase:
    return holidays.country_holidays(
        "SE", categories=(holidays.PUBLIC, holidays.DE_FACTO), include_sundays=False
    )


@lru_cache(maxsize=4096)
def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, and neither a public holiday nor one of the three eves."""
    return day.weekday() < _SATURDAY and day not in _calendar()


@lru_cache(maxsize=4096)
def next_working_day(day: dt.date) -> dt.date:
    """`day` itself when it is a working day, otherwise the first working day after it."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def at_once(visit_date: dt.date) -> dt.date:
    """"Genast": the visit day, or the next working day when the visit is on a day off."""
    return next_working_day(visit_date)


def same_date_next_month(day: dt.date) -> dt.date:
    """The same date in the following month, clamped to that month's last day (31 Jan → 28/29
    Feb), which is how "within one month" is counted."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def within_one_month(start: dt.date) -> dt.date:
    """The last day of a one-month period that starts on `start`, moved forward to a working
    day as lag (1930:173) prescribes."""
    return next_working_day(same_date_next_month(start))
