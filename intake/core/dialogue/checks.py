"""How the pieces of a dialogue file fit together: everything the schema alone cannot see.

Each problem names the question (or section) and its line, so that whoever edits the file can
go straight there: an unknown jump target, a question no path reaches, a jump that makes a loop
(a path that never reaches the summary), a condition on an unknown or later answer or with a
value the question cannot have, and a `maps_to` that is not a field of intake-record/1.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from intake.core.conditions import (
    AtLeast,
    Below,
    Condition,
    ContextRef,
    CountGt,
    NameInfo,
    check,
    compared_values,
    evaluate,
    references,
    walk,
)
from intake.core.dialogue.api import QuestionKind
from intake.core.dialogue.machine import Edge
from intake.core.dialogue.model import SUMMARY, Question
from intake.core.dialogue.schema import ANSWER_KINDS_WITH_OPTIONS
from intake.core.record import IntakeRecord, Tri

TRI_VALUES = ("yes", "no", "unknown")


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    where: str  # a question or section id, or "-" for the file as a whole
    what: str


def _name_info(question: Question) -> NameInfo:
    """What a question's answer may hold, in the terms of the one condition checker: a repeat
    group's question and a multi-select hold lists."""
    values: frozenset[str] | None = None
    if question.kind is QuestionKind.TRI:
        values = frozenset(TRI_VALUES)
    elif question.kind in ANSWER_KINDS_WITH_OPTIONS:
        values = frozenset(o.key for o in question.spec.options)
    return NameInfo(
        values,
        number=question.kind is QuestionKind.NUMBER,
        list=question.group_id is not None or question.kind is QuestionKind.MULTI,
    )


def check_condition(
    condition: Condition,
    *,
    where: str,
    line: int,
    before: int,
    questions: Mapping[str, Question],
) -> list[Problem]:
    """A condition may read only questions asked before position `before`, with their values
    (checked by the one condition checker, `intake.core.conditions.check`)."""
    problems: list[Problem] = []
    known: dict[str, NameInfo] = {}
    for ref in references(condition):
        target = questions.get(ref)
        if target is None:
            problems.append(Problem(line, where, f"condition on an unknown answer {ref!r}"))
        elif target.order >= before:
            problems.append(
                Problem(line, where, f"condition on {ref!r}, which is not asked before this point")
            )
        else:
            known[ref] = _name_info(target)
    # Unknown and later answers are reported above; the checker looks at the values.
    for message in check(condition, lambda name: known.get(name, NameInfo())):
        problems.append(Problem(line, where, f"condition {message}"))
    if not problems and never_true(condition, questions):
        problems.append(Problem(line, where, "condition can never be true"))
    return problems


_COMBINATIONS_MAX = 50_000
_RECEIVING = "\x00receiving"  # stands for the office's municipality code in the search below


def _candidates(question: Question, condition: Condition) -> list[object]:
    """Values that decide `condition` for this question: every answer a closed question can
    have, and for an open one each value the condition compares with plus one it does not
    (no answer, None, is always a candidate)."""
    values: list[object] = [None]
    compared = [v for ref, v in compared_values(condition) if ref == question.id]
    options = [o.key for o in question.spec.options]
    kind = question.kind
    if kind is QuestionKind.TRI:
        values += list(TRI_VALUES)
    elif kind is QuestionKind.CHOICE:
        values += options
    elif kind is QuestionKind.MULTI:
        values += [[], options, *([key] for key in options)]
        for c in walk(condition):
            if isinstance(c, CountGt) and c.question == question.id:
                values.append(options[: c.value + 1])
    elif kind is QuestionKind.NUMBER:
        low, high = question.spec.minimum, question.spec.maximum
        numbers = {low, high}
        for c in walk(condition):
            if isinstance(c, AtLeast | Below) and c.question == question.id:
                numbers |= {c.value, c.value - 1}
        numbers |= {v for v in compared if isinstance(v, int) and not isinstance(v, bool)}
        values += sorted(n for n in numbers if low <= n <= high)
    else:
        values += [_RECEIVING if isinstance(v, ContextRef) else v for v in compared]
        values.append(object())  # any other answer
    return values


def never_true(condition: Condition, questions: Mapping[str, Question]) -> bool:
    """Whether no combination of answers makes `condition` hold (e.g. q = yes and q = no,
    or a child's age of at least 18 when the question allows 0-17). Only decided when every
    question it reads is known and outside repeat groups (their answers are lists from
    outside the group) and the combinations are few; otherwise it is given the benefit."""
    refs = list(dict.fromkeys(references(condition)))
    targets = [questions.get(ref) for ref in refs]
    if any(t is None or t.group_id is not None for t in targets):
        return False
    candidates = [_candidates(t, condition) for t in targets if t is not None]
    if math.prod(len(c) for c in candidates) > _COMBINATIONS_MAX:
        return False
    context = {"receiving": _RECEIVING}
    for combination in itertools.product(*candidates):
        answers = dict(zip(refs, combination, strict=True))
        if evaluate(condition, answers.__getitem__, context):
            return False
    return True


def _is_model(annotation: object) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def record_field(path: str) -> tuple[object, str | None] | str:
    """(the field's type, the list it is an item field of, if any), or what is wrong."""
    found = _record_field_info(path)
    if isinstance(found, str):
        return found
    return found[0].annotation, found[1]


def _record_field_info(path: str) -> tuple[FieldInfo, str | None] | str:
    model: type[BaseModel] = IntakeRecord
    list_name: str | None = None
    parts = path.split(".")
    annotation: object = None
    field: FieldInfo | None = None
    for i, part in enumerate(parts):
        is_list = part.endswith("[]")
        name = part[:-2] if is_list else part
        field = model.model_fields.get(name)
        if field is None or name == "schema_":
            where = ".".join(parts[:i]) or "the record"
            return f"maps_to {path!r}: {where} has no field {name!r} in intake-record/1"
        annotation = field.annotation
        if is_list:
            args = typing.get_args(annotation)
            if typing.get_origin(annotation) is not tuple or not args or not _is_model(args[0]):
                return f"maps_to {path!r}: {name!r} is not a list of items"
            annotation = args[0]
            list_name = ".".join([*parts[:i], name])
        if i < len(parts) - 1:
            if not _is_model(annotation):
                return f"maps_to {path!r}: {name!r} has no fields"
            model = typing.cast(type[BaseModel], annotation)
    if _is_model(annotation) or field is None:
        return f"maps_to {path!r}: {parts[-1]!r} is a group of fields; name one of them"
    return field, list_name


def _enum_values(annotation: object) -> tuple[str, ...] | None:
    """The codes a field takes: a StrEnum's values, or a Literal's (a tri field, for a choice
    question whose options are yes / no / not asked now)."""
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, StrEnum):
            return tuple(m.value for m in candidate)
        if typing.get_origin(candidate) is typing.Literal:
            return tuple(str(v) for v in typing.get_args(candidate))
    return None


def check_maps_to(question: Question, questions: Mapping[str, Question]) -> list[Problem]:
    path = question.maps_to
    if path is None:
        return []
    found = record_field(path)
    line, where = question.line, question.id
    if isinstance(found, str):
        return [Problem(line, where, found)]
    annotation, list_name = found
    problems: list[Problem] = []
    fills_items = (
        question.group_id is not None
        or question.option_key is not None
        or question.kind is QuestionKind.MULTI
    )
    if list_name is None and fills_items:
        problems.append(
            Problem(line, where, f"maps_to {path!r}: this question fills list items (X[].field)")
        )
    if list_name is not None and not fills_items:
        problems.append(
            Problem(
                line,
                where,
                f"maps_to {path!r}: list items are filled only by a multi-select, a "
                "for_each_selected question or a repeat group",
            )
        )
    problems += _check_answer_fits(question, path)
    if question.kind is QuestionKind.TRI and annotation != Tri:
        problems.append(Problem(line, where, f"maps_to {path!r}: a tri question needs a tri field"))
    if question.kind in (QuestionKind.CHOICE, QuestionKind.MULTI):
        values = _enum_values(annotation)
        if values is None:
            problems.append(
                Problem(line, where, f"maps_to {path!r}: options need a field with fixed codes")
            )
        else:
            for option in question.spec.options:
                if option.key not in values:
                    problems.append(
                        Problem(
                            line,
                            where,
                            f"option {option.key!r} is not a code of {path} "
                            f"({', '.join(values)})",
                        )
                    )
    return problems


def check_gotos(
    questions: Sequence[Question],
    gotos: Mapping[str, Sequence[tuple[str, Condition | None]]],
) -> list[Problem]:
    by_id = {q.id: q for q in questions}
    problems: list[Problem] = []
    for source_id, branches in gotos.items():
        source = by_id[source_id]
        for target_id, _ in branches:
            if target_id == SUMMARY:
                continue
            target = by_id.get(target_id)
            if target is None:
                problems.append(Problem(source.line, source_id, f"unknown target {target_id!r}"))
            elif target.group_id is not None or source.group_id is not None:
                problems.append(
                    Problem(source.line, source_id, "a jump cannot enter or leave a repeat group")
                )
            elif target.order <= source.order:
                problems.append(
                    Problem(
                        source.line,
                        source_id,
                        f"the jump to {target_id!r} goes back, so a path can loop and never "
                        "reach the summary",
                    )
                )
    return problems


def check_reachability(questions: Sequence[Question], edges: Sequence[Edge]) -> list[Problem]:
    """Every question is on some path, and from every question a path reaches the summary."""
    if not questions:
        return []
    outgoing: dict[str, list[str]] = {}
    incoming: dict[str, list[str]] = {}
    for edge in edges:
        outgoing.setdefault(edge.source, []).append(edge.dest)
        if edge.kind != "loop":
            incoming.setdefault(edge.dest, []).append(edge.source)
    seen = {questions[0].id}
    stack = [questions[0].id]
    while stack:
        for dest in outgoing.get(stack.pop(), ()):
            if dest not in seen:
                seen.add(dest)
                stack.append(dest)
    back = {SUMMARY}
    stack = [SUMMARY]
    while stack:
        for source in incoming.get(stack.pop(), ()):
            if source not in back:
                back.add(source)
                stack.append(source)
    problems: list[Problem] = []
    for q in questions:
        if q.id not in seen:
            problems.append(Problem(q.line, q.id, "unreachable question: no path leads here"))
        elif q.id not in back:
            problems.append(Problem(q.line, q.id, "no path from this question reaches the summary"))
    return problems


# One answer of each kind whose value is free (the fixed codes of tri, choice and multi
# questions are checked against the field's codes above), as the parser produces it.
_SAMPLES: dict[QuestionKind, tuple[str, object]] = {
    QuestionKind.TEXT: ("a text", "Text"),
    QuestionKind.LONGTEXT: ("a text", "Text"),
    QuestionKind.DATE: ("a date", dt.date(2026, 1, 1)),
    QuestionKind.MUNICIPALITY: ("a municipality", "0180"),
    QuestionKind.PERSONAL_ID: ("a personal identity number", "19121212-1212"),
}


@functools.cache
def _field_adapter(path: str) -> TypeAdapter[Any] | None:
    """A validator for one record field, built once per field (a few are built per file)."""
    found = _record_field_info(path)
    return None if isinstance(found, str) else TypeAdapter(found[0].rebuild_annotation())


def _check_answer_fits(question: Question, path: str) -> list[Problem]:
    """The answers the question can give must fit the field: a number into a name, a text
    into a room count or a municipality into a date would fail every visit at the summary."""
    adapter = _field_adapter(path)
    if adapter is None:
        return []
    if question.kind is QuestionKind.NUMBER:
        spec = question.spec
        samples: list[tuple[str, object]] = [
            (f"the number {spec.minimum} (its minimum)", spec.minimum),
            (f"the number {spec.maximum} (its maximum)", spec.maximum),
        ]
    elif question.kind in _SAMPLES:
        samples = [_SAMPLES[question.kind]]
    else:
        return []
    for what, value in samples:
        try:
            adapter.validate_python(value)
        except ValidationError as exc:
            reason = exc.errors(include_url=False, include_input=False)[0]["msg"]
            reason = str(reason).removeprefix("Value error, ")
            return [
                Problem(
                    question.line,
                    question.id,
                    f"maps_to {path!r}: a {question.kind.value} question's answer does not fit "
                    f"this field ({what}: {reason})",
                )
            ]
    return []
