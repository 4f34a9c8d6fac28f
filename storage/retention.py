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

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.api import CaseStatus
from storage.models import Case, Draft

RESEARCH_SAMPLE_DAYS = frozenset({5, 15, 25})
_PERSONAL_ID = re.compile(r"^(?:\d{2})?\d{2}(\d{2})(\d{2})[-+]?\d{4}$")


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


def purge_cases(session: Session, *, today: dt.date, years: int, apply: bool) -> list[str]:
    """The numbers of the closed cases due on `today`; deleted (transcript, tasks and
    changes go with them by ON DELETE CASCADE) when `apply`."""
    if years < 0:
        raise ValueError("years: zero or more")
    rows = session.execute(
        select(Case.id, Case.number, Case.last_entry_at, Case.record)
        .where(Case.status == CaseStatus.CLOSED.value)
        .order_by(Case.year, Case.seq)
    )
    due = [
        (case_id, number)
        for case_id, number, last_entry, record in rows
        if due_for_removal(last_entry, today, years) and not in_research_sample(record)
    ]
    if apply and due:
        ids = [case_id for case_id, _ in due]
        for start in range(0, len(ids), 500):
            session.execute(delete(Case).where(Case.id.in_(ids[start : start + 500])))
    return [number for _, number in due]


def purge_drafts(session: Session, *, today: dt.date, years: int, apply: bool) -> list[int]:
    """The ids of the drafts last saved long enough ago; deleted when `apply`."""
    if years < 0:
        raise ValueError("years: zero or more")
    rows = session.execute(select(Draft.id, Draft.updated_at).order_by(Draft.id))
    due = [draft_id for draft_id, updated in rows if due_for_removal(updated, today, years)]
    if apply:
        for start in range(0, len(due), 500):
            session.execute(delete(Draft).where(Draft.id.in_(due[start : start + 500])))
    return due
