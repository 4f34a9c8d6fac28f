"""Deadlines counted the Swedish way, on the `holidays` package's calendar for Sweden.

Lag (1930:173) om beräkning av lagstadgad tid: when the last day of a period falls on a
Saturday, Sunday or public holiday, or on midsummer eve, Christmas eve or New Year's eve,
the period ends on the next working day. The three eves are not public holidays; `holidays`
keeps them in its DE_FACTO category, so the calendar is built with (PUBLIC, DE_FACTO).

Sundays: `holidays.Sweden` can list every Sunday as a holiday (`include_sundays=True`). We set
it to False on purpose and test the weekday ourselves, so that the result does not depend on
that option's default (which has changed between releases of the package) and Saturdays,
which are never in the list, are handled the same way.

The package's calendar for Sweden costs megabytes in the running app (its machinery for
every country and calendar; docs/benchmarks.md), for some 16 dates a year. So the dates it gives for
`TABLE_YEARS` are shipped as `data/holidays_se.json`, written by this module
(`python -m intake.core.deadlines`) and checked against the package by the tests; outside
those years the package itself is asked.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import sys
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import holidays

_SATURDAY = 5
TABLE_YEARS = range(2020, 2061)
TABLE_FILE = "holidays_se.json"


def package_calendar(years: range | None = None) -> holidays.HolidayBase:
    """Sweden's public holidays and the three eves, from the `holidays` package."""
    import holidays

    return holidays.country_holidays(
        "SE",
        categories=(holidays.PUBLIC, holidays.DE_FACTO),
        include_sundays=False,
        years=years,
    )


def table_from_package() -> dict[str, object]:
    """What `data/holidays_se.json` holds: every day off in `TABLE_YEARS`, and where from."""
    from importlib.metadata import version

    days = sorted(package_calendar(TABLE_YEARS))
    return {
        "source": f"holidays {version('holidays')}: country_holidays('SE', categories="
        "(PUBLIC, DE_FACTO), include_sundays=False)",
        "first_year": TABLE_YEARS.start,
        "last_year": TABLE_YEARS.stop - 1,
        "days": [day.isoformat() for day in days],
    }


@cache
def _table() -> frozenset[dt.date]:
    text = (resources.files("intake.core") / "data" / TABLE_FILE).read_text("utf-8")
    return frozenset(dt.date.fromisoformat(day) for day in json.loads(text)["days"])


@cache
def _fallback() -> holidays.HolidayBase:
    return package_calendar()


def is_holiday(day: dt.date) -> bool:
    """A public holiday or one of the three eves (not counting ordinary weekends)."""
    if day.year in TABLE_YEARS:
        return day in _table()
    return day in _fallback()


@lru_cache(maxsize=4096)
def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, and neither a public holiday nor one of the three eves."""
    return day.weekday() < _SATURDAY and not is_holiday(day)


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


if __name__ == "__main__":  # rewrite the shipped table from the installed `holidays` package
    target = resources.files("intake.core") / "data" / TABLE_FILE
    with resources.as_file(target) as path:
        path.write_text(json.dumps(table_from_package(), indent=1) + "\n", "utf-8")
        sys.stdout.write(f"wrote {path}\n")
