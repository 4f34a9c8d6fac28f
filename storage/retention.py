"""Gallring: which closed cases are due for removal, and removing them.

The rule (old SoL 12 kap., kept in SoL 2025:400): a personal file is cleared five years
after its last entry, during the following calendar year. So a file whose last entry was made
in 2020 (five years: 2025) is removed from 1 January 2026. Kept as an exception: the research
sample of persons born on the 5th, 15th or 25th of a month (day + 60 for a
samordningsnummer), as far as the record carries a personal identity number.

Abandoned drafts (an intake never completed) belong to no case; they are removed on the same
rule, counted from their last save.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import Connection, delete, select

from storage.api import CaseStatus
from storage.schema import cases, drafts

RESEARCH_SAMPLE_DAYS = frozenset({5, 15, 25})
MIN_YEARS = 5  # the law's period: a shorter one would clear files the law says to keep
_PERSONAL_ID = re.compile(r"^(?:\d{2})?\d{2}(\d{2})(\d{2})[-+]?\d{4}$")


def check_parameters(today: dt.date, years: int, real_today: dt.date) -> None:
    """Refuse a purge that would clear files earlier than the law allows: a period under
    `MIN_YEARS`, or a judging date after today (a later date only ever removes more)."""
    if years < MIN_YEARS:
        raise ValueError(f"years: at least {MIN_YEARS} (the retention period the law sets)")
    if today > real_today:
        raise ValueError("today: not after today's date (a later date would clear files early)")


def parameters(today: dt.date, years: int, apply: bool) -> str:
    """A purge's parameters as its audit row records them."""
    return f"years={years} today={today.isoformat()} apply={'yes' if apply else 'no'}"


def due_for_removal(last_entry: dt.datetime, today: dt.date, years: int) -> bool:
    """True from 1 January of the year after the one in which `years` have passed."""
    return today.year > last_entry.astimezone().year + years


def in_research_sample(record: dict[str, Any]) -> bool:
    person = record.get("person") or {}
    personal_id = person.get("personal_id") if isinstance(person, dict) else None
    if not isinstance(personal_id, str):
        return False
    match = _PERSONAL_ID.match(personal_id.strip())
    if match is None:
        return False
    day = int(match.group(2))
    day = day - 60 if day > 60 else day  # samordningsnummer
    return day in RESEARCH_SAMPLE_DAYS


def purge_cases(conn: Connection, *, today: dt.date, years: int, apply: bool) -> list[str]:
    """The numbers of the closed cases due on `today`; deleted (transcript, tasks and
    changes go with them by ON DELETE CASCADE) when `apply`."""
    rows = conn.execute(
        select(cases.c.id, cases.c.number, cases.c.last_entry_at)
        .where(cases.c.status == CaseStatus.CLOSED.value, cases.c.research_sample.is_(False))
        .order_by(cases.c.year, cases.c.seq)
    )
    due = [
        (case_id, number)
        for case_id, number, last_entry in rows
        if due_for_removal(last_entry, today, years)
    ]
    if apply and due:
        ids = [case_id for case_id, _ in due]
        for start in range(0, len(ids), 500):
            conn.execute(delete(cases).where(cases.c.id.in_(ids[start : start + 500])))
    return [number for _, number in due]


def purge_drafts(conn: Connection, *, today: dt.date, years: int, apply: bool) -> list[int]:
    """The ids of the drafts last saved long enough ago; deleted when `apply`."""
    rows = conn.execute(select(drafts.c.id, drafts.c.updated_at).order_by(drafts.c.id))
    due = [draft_id for draft_id, updated in rows if due_for_removal(updated, today, years)]
    if apply:
        for start in range(0, len(due), 500):
            conn.execute(delete(drafts).where(drafts.c.id.in_(due[start : start + 500])))
    return due
