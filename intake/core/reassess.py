"""Assessing a case again after a social worker answered an open question or corrected a fact.

The record is changed at one dotted path (`move.paid_after_ordinary_assessment`), validated
and classified under the rules in force now; the caller shows what the change does to the next
steps (`step_changes`) before it is accepted, and the repository keeps both assessments.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from intake.core.classifier import classify_data
from intake.core.rules import Lang


@dataclass(frozen=True, slots=True)
class Outcome:
    record: dict[str, Any]
    assessment: dict[str, Any]
    added: list[str]  # titles of steps the new assessment plans and the old did not
    removed: list[str]  # titles of steps the old one planned and the new one does not

    @property
    def level(self) -> str:
        return str(self.assessment.get("level", ""))

    @property
    def urgency(self) -> str:
        return str(self.assessment.get("urgency", ""))


def with_answer(record: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of `record` with `value` at the dotted `path` (the intermediate objects made)."""
    changed = copy.deepcopy(record)
    *parents, leaf = path.split(".")
    node = changed
    for key in parents:
        child = node.get(key)
        if not isinstance(child, dict):
            child = {}
            node[key] = child
        node = child
    node[leaf] = value
    return changed


def step_changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[list[str], list[str]]:
    def steps(assessment: dict[str, Any]) -> dict[str, str]:
        return {s["code"]: s.get("title", s["code"]) for s in assessment.get("next_steps", [])}

    before, after = steps(old), steps(new)
    added = [title for code, title in after.items() if code not in before]
    removed = [title for code, title in before.items() if code not in after]
    return added, removed


def reassess(
    record: dict[str, Any],
    assessment: dict[str, Any],
    path: str,
    value: Any,
    *,
    lang: Lang = "sv",
) -> Outcome:
    """The record with the answer, its assessment under today's rules, and the step changes.
    Raises pydantic's ValidationError when the value does not fit the field."""
    changed = with_answer(record, path, value)
    receiving = str(changed.get("receiving_municipality") or "")
    visit = changed.get("visit_date")
    today = dt.date.fromisoformat(visit) if isinstance(visit, str) else None
    new = classify_data(changed, receiving=receiving, today=today, lang=lang)
    added, removed = step_changes(assessment, new)
    return Outcome(changed, new, added, removed)
