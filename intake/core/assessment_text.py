"""The words around an assessment's next steps and open questions, in either language.

When a step is due reads "senast" (a deadline), the earliest day it may be taken "tidigast"
(the IVO application, one month after the request was sent: never a deadline), and an open
question says which level its answer could lead to. The assessment screen and plain mode
both say them through these functions, so the two front ends cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from intake.core.lang import Lang, level_label, pick
from intake.core.parsing.dates import format_date

DUE = ("senast {date}", "by {date}")
NOT_BEFORE = ("tidigast {date}", "not before {date}")
NO_DATE = ("inget datum", "no date")
COULD_LEAD_TO = ("kan leda till: {level}", "could lead to: {level}")


def _lang(lang: str) -> Lang:
    return "en" if lang == "en" else "sv"


def day(value: object, lang: str) -> str:
    """An ISO date (or a date) as the reader writes it: "23 november 2026"."""
    try:
        found = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return format_date(found, _lang(lang))


def step_when(step: Mapping[str, Any], lang: str) -> str:
    """"tidigast <date>" for a not-before date, "senast <date>" for a deadline, else
    "inget datum"."""
    code = _lang(lang)
    if step.get("not_before"):
        return pick(code, *NOT_BEFORE).format(date=day(step["not_before"], code))
    if step.get("due"):
        return pick(code, *DUE).format(date=day(step["due"], code))
    return pick(code, *NO_DATE)


def could_lead_to(question: Mapping[str, Any], lang: str) -> str:
    """What an open question's answer could raise the level to; "" when it names none."""
    level = question.get("could_raise_to")
    if not level:
        return ""
    code = _lang(lang)
    return pick(code, *COULD_LEAD_TO).format(level=level_label(str(level), code))
