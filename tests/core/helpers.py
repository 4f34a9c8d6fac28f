"""Building records for the classifier tests: a moved-here base record and deep updates."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from intake.core.assessment import Assessment
from intake.core.classifier import assess
from intake.core.record import IntakeRecord

VISIT = dt.date(2026, 11, 23)  # a Monday
BASE: dict[str, Any] = {
    "schema": "intake-record/1",
    "receiving_municipality": "2283",
    "visit_date": VISIT.isoformat(),
    "origin_municipality": "0180",
}


def record(*updates: tuple[str, Any], base: dict[str, Any] | None = None) -> dict[str, Any]:
    """A copy of `base` (BASE by default) with each ("a.b", value) update applied."""
    data = copy.deepcopy(BASE if base is None else base)
    for path, value in updates:
        *parents, last = path.split(".")
        node = data
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return data


def run(data: dict[str, Any], lang: str = "sv") -> Assessment:
    parsed = IntakeRecord.parse(data, receiving="2283", today=VISIT)
    return assess(parsed, lang="en" if lang == "en" else "sv")


def codes(items: Any) -> list[str]:
    return [item.code for item in items]
