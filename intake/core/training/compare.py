"""Comparing what a run produced with what a scenario expects: values and codes, never wording.

Used twice: by the headless runner (the dialogue and rules against the scenario) and by the
debrief (a trainee's record against the scenario's).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from intake.core.training.scenario import Codes, ExpectedAssessment

# What a missing key means in intake-record/1.
ABSENT: tuple[Any, ...] = (None, "unknown", [])


@dataclass(frozen=True, slots=True)
class Difference:
    """One expectation not met. `where` is `record.PATH`, `level`, `urgency`, `steps`,
    `signs`, `counter_signs`, `open_questions` or `reply.QUESTION`."""

    where: str
    expected: str
    actual: str

    def line(self) -> str:
        return f"{self.where}: expected {self.expected}, got {self.actual}"


def _show(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_show(v)}" for k, v in value.items()) + "}"
    return str(value)


def value_at(record: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted record path; `children[].age` gives the list of every item's."""
    head, _, rest = path.partition(".")
    if head.endswith("[]"):
        items = record.get(head[:-2]) or []
        return [value_at(item, rest) if rest else item for item in items if isinstance(item, dict)]
    value = record.get(head)
    if not rest:
        return value
    return value_at(value, rest) if isinstance(value, dict) else None


def _item_matches(expected: Any, actual: Any) -> bool:
    if isinstance(expected, dict) and isinstance(actual, dict):
        return all(same(v, actual.get(k)) for k, v in expected.items())
    return same(expected, actual)


def same(expected: Any, actual: Any) -> bool:
    """Equal as the spec means it: a missing value equals "unknown"; list items are matched
    in any order, and an expected item names only the keys that matter."""
    if expected in ABSENT and actual in ABSENT:
        return True
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return False
        left = list(actual)
        for item in expected:
            match = next((a for a in left if _item_matches(item, a)), None)
            if match is None:
                return False
            left.remove(match)
        return True
    if isinstance(expected, dict):
        return isinstance(actual, dict) and _item_matches(expected, actual)
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    return bool(expected == actual)


def compare_record(expected: Mapping[str, Any], record: Mapping[str, Any]) -> list[Difference]:
    out = []
    for path, want in expected.items():
        got = value_at(record, path)
        if not same(want, got):
            out.append(Difference(f"record.{path}", _show(want), _show(got)))
    return out


def _codes(where: str, codes: Codes, actual: Sequence[str]) -> list[Difference]:
    out = []
    missing = [c for c in codes.must if c not in actual]
    extra = [c for c in codes.must_not if c in actual]
    if missing:
        out.append(Difference(where, "present: " + ", ".join(missing), "missing"))
    if extra:
        out.append(Difference(where, "absent: " + ", ".join(extra), "present"))
    return out


@dataclass(frozen=True, slots=True)
class AssessmentCodes:
    """The parts of an assessment a scenario asserts on, read from its JSON form."""

    level: str
    urgency: str
    steps: tuple[str, ...]
    signs: tuple[str, ...]
    counter_signs: tuple[str, ...]
    open_questions: tuple[str, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AssessmentCodes:
        def codes(key: str, name: str) -> tuple[str, ...]:
            return tuple(str(item.get(name)) for item in data.get(key) or ())

        return cls(
            level=str(data.get("level")),
            urgency=str(data.get("urgency")),
            steps=codes("next_steps", "code"),
            signs=codes("indicators", "code"),
            counter_signs=codes("counter_indicators", "code"),
            open_questions=codes("open_questions", "field"),
        )


def compare_assessment(expected: ExpectedAssessment, got: AssessmentCodes) -> list[Difference]:
    out = []
    if expected.level is not None and expected.level != got.level:
        out.append(Difference("level", expected.level, got.level))
    if expected.urgency is not None and expected.urgency != got.urgency:
        out.append(Difference("urgency", expected.urgency, got.urgency))
    out += _codes("steps", expected.steps, got.steps)
    out += _codes("signs", expected.signs, got.signs)
    out += _codes("counter_signs", expected.counter_signs, got.counter_signs)
    out += _codes("open_questions", expected.open_questions, got.open_questions)
    return out
