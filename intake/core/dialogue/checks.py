"""How the pieces of a dialogue file fit together: everything the schema alone cannot see.

Each problem names the question (or section) and its line, so that whoever edits the file can
go straight there: an unknown jump target, a question no path reaches, a jump that makes a loop
(a path that never reaches the summary), a condition on an unknown or later answer or with a
value the question cannot have, and a `maps_to` that is not a field of intake-record/1.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel

from intake.core.dialogue.api import QuestionKind
from intake.core.dialogue.conditions import Condition, compared_values, references
from intake.core.dialogue.machine import Edge
from intake.core.dialogue.model import SUMMARY, Question
from intake.core.record import IntakeRecord, Tri

TRI_VALUES = ("yes", "no", "unknown")


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    where: str  # a question or section id, or "-" for the file as a whole
    what: str


def check_condition(
    condition: Condition,
    *,
    where: str,
    line: int,
    before: int,
    questions: Mapping[str, Question],
) -> list[Problem]:
    """A condition may read only questions asked before position `before`, with their values."""
    problems: list[Problem] = []
    for ref in references(condition):
        target = questions.get(ref)
        if target is None:
            problems.append(Problem(line, where, f"condition on an unknown answer {ref!r}"))
        elif target.order >= before:
            problems.append(
                Problem(line, where, f"condition on {ref!r}, which is not asked before this point")
            )
    for ref, value in compared_values(condition):
        target = questions.get(ref)
        if target is None or not isinstance(value, str):
            continue
        allowed: tuple[str, ...] = ()
        if target.kind is QuestionKind.TRI:
            allowed = TRI_VALUES
        elif target.kind in (QuestionKind.CHOICE, QuestionKind.MULTI):
            allowed = tuple(o.key for o in target.spec.options)
        if allowed and value not in allowed:
            problems.append(
                Problem(
                    line,
                    where,
                    f"condition compares {ref!r} with {value!r}, which is not one of its "
                    f"answers ({', '.join(allowed)})",
                )
            )
    return problems


def _is_model(annotation: object) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def record_field(path: str) -> tuple[object, str | None] | str:
    """(the field's type, the list it is an item field of, if any), or what is wrong."""
    model: type[BaseModel] = IntakeRecord
    list_name: str | None = None
    parts = path.split(".")
    annotation: object = None
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
    if _is_model(annotation):
        return f"maps_to {path!r}: {parts[-1]!r} is a group of fields; name one of them"
    return annotation, list_name


def _enum_values(annotation: object) -> tuple[str, ...] | None:
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, StrEnum):
            return tuple(m.value for m in candidate)
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
