"""The version floors in pyproject.toml allow only releases that have what the code calls."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def _requirement(name: str) -> Requirement:
    data = tomllib.loads(PYPROJECT.read_text("utf-8"))
    found = [Requirement(r) for r in data["project"]["dependencies"]]
    (req,) = [r for r in found if r.name == name]
    return req


def test_holidays_floor_has_include_sundays() -> None:
    """deadlines.package_calendar passes include_sundays=False, which holidays accepts from
    0.109 on (0.90-0.108 raise TypeError): the floor must exclude those releases."""
    spec = _requirement("holidays").specifier
    assert not spec.contains("0.108") and not spec.contains("0.90") and not spec.contains("0.50")
    assert spec.contains("0.109")


def test_the_installed_holidays_takes_the_call_the_code_makes() -> None:
    from intake.core.deadlines import package_calendar

    calendar = package_calendar(range(2030, 2031))
    assert len(calendar) > 15  # public holidays and the eves
    assert dt.date(2030, 1, 6) in calendar  # Epiphany, a Sunday that year: a holiday anyway
    assert dt.date(2030, 1, 13) not in calendar  # an ordinary Sunday is not listed
