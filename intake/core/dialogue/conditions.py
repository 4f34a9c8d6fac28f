"""The small condition language of dialogue files: data, never code.

A condition is a one-key mapping over earlier answers:

    {answered: q}                 q has an answer (a skipped question has none)
    {equals: [q, VALUE]}          q's answer is VALUE
    {in: [q, [V1, V2, ...]]}      q's answer is one of the values
    {contains: [q, VALUE]}        q's answer (a multi-select, or a repeat group's answers) has VALUE
    {at_least: [q, N]}            q's number is >= N
    {below: [q, N]}               q's number is < N
    {count_gt: [q, N]}            q's list (multi-select, repeat group) has more than N items
    {not: C}   {any: [C, ...]}   {all: [C, ...]}

VALUE may be `{context: receiving}`: the office's own municipality code, so that a file can say
"the origin is this municipality" without knowing which municipality runs it.

Why not expressions: a file that lawyers and staff edit must not be able to run code, and a
closed set of forms can be checked against the questions before a visitor ever sees them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

CONTEXT_NAMES = frozenset({"receiving"})


class ConditionError(ValueError):
    """A condition that is not one of the language's forms; the message says what is expected."""


@dataclass(frozen=True, slots=True)
class ContextRef:
    name: str


Literal = str | int | float | bool | ContextRef


@dataclass(frozen=True, slots=True)
class Answered:
    question: str


@dataclass(frozen=True, slots=True)
class Equals:
    question: str
    value: Literal


@dataclass(frozen=True, slots=True)
class In:
    question: str
    values: tuple[Literal, ...]


@dataclass(frozen=True, slots=True)
class Contains:
    question: str
    value: Literal


@dataclass(frozen=True, slots=True)
class AtLeast:
    question: str
    number: int


@dataclass(frozen=True, slots=True)
class Below:
    question: str
    number: int


@dataclass(frozen=True, slots=True)
class CountGt:
    question: str
    number: int


@dataclass(frozen=True, slots=True)
class Not:
    condition: Condition


@dataclass(frozen=True, slots=True)
class AnyOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AllOf:
    conditions: tuple[Condition, ...]


Condition = Answered | Equals | In | Contains | AtLeast | Below | CountGt | Not | AnyOf | AllOf

FORMS = (
    "answered", "equals", "in", "contains", "at_least", "below", "count_gt", "not", "any", "all"
)


def _question(value: object, form: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConditionError(f"{form}: expected a question id, got {value!r}")
    return value


def _literal(value: object, form: str) -> Literal:
    if isinstance(value, Mapping):
        if set(value) == {"context"} and value["context"] in CONTEXT_NAMES:
            return ContextRef(str(value["context"]))
        raise ConditionError(
            f"{form}: a value may be {{context: {'|'.join(sorted(CONTEXT_NAMES))}}}, "
            f"got {dict(value)!r}"
        )
    if isinstance(value, str | int | float | bool):
        return value
    raise ConditionError(f"{form}: expected a plain value, got {value!r}")


def _pair(body: object, form: str) -> tuple[str, object]:
    if not isinstance(body, list) or len(body) != 2:
        raise ConditionError(f"{form}: expected [question_id, value]")
    return _question(body[0], form), body[1]


def _int(value: object, form: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConditionError(f"{form}: expected a whole number, got {value!r}")
    return value


def parse_condition(data: object) -> Condition:
    """Turn file data into a condition, or raise ConditionError naming the faulty form."""
    if not isinstance(data, Mapping) or len(data) != 1:
        forms = ", ".join(FORMS)
        raise ConditionError(f"a condition is a mapping with exactly one of: {forms}")
    ((form, body),) = data.items()
    match form:
        case "answered":
            return Answered(_question(body, form))
        case "equals":
            q, v = _pair(body, form)
            return Equals(q, _literal(v, form))
        case "in":
            q, v = _pair(body, form)
            if not isinstance(v, list) or not v:
                raise ConditionError("in: expected [question_id, [value, ...]]")
            return In(q, tuple(_literal(item, form) for item in v))
        case "contains":
            q, v = _pair(body, form)
            return Contains(q, _literal(v, form))
        case "at_least":
            q, v = _pair(body, form)
            return AtLeast(q, _int(v, form))
        case "below":
            q, v = _pair(body, form)
            return Below(q, _int(v, form))
        case "count_gt":
            q, v = _pair(body, form)
            return CountGt(q, _int(v, form))
        case "not":
            return Not(parse_condition(body))
        case "any" | "all":
            if not isinstance(body, list) or not body:
                raise ConditionError(f"{form}: expected a non-empty list of conditions")
            parts = tuple(parse_condition(item) for item in body)
            return AnyOf(parts) if form == "any" else AllOf(parts)
    raise ConditionError(f"unknown condition {form!r}; expected one of: {', '.join(FORMS)}")


def walk(condition: Condition) -> Iterator[Condition]:
    """Every condition inside `condition`, itself included."""
    yield condition
    if isinstance(condition, Not):
        yield from walk(condition.condition)
    elif isinstance(condition, AnyOf | AllOf):
        for part in condition.conditions:
            yield from walk(part)


def references(condition: Condition) -> list[str]:
    """The question ids a condition reads, in order of appearance."""
    return [
        c.question
        for c in walk(condition)
        if not isinstance(c, Not | AnyOf | AllOf)
    ]


def compared_values(condition: Condition) -> Iterator[tuple[str, Literal]]:
    """(question id, literal) for every comparison with a fixed value, for checking options."""
    for c in walk(condition):
        if isinstance(c, Equals | Contains):
            yield c.question, c.value
        elif isinstance(c, In):
            for value in c.values:
                yield c.question, value


Lookup = Callable[[str], Any]


def _resolve(value: Literal, context: Mapping[str, object]) -> object:
    return context.get(value.name) if isinstance(value, ContextRef) else value


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def evaluate(condition: Condition, answer: Lookup, context: Mapping[str, object]) -> bool:
    """Whether `condition` holds; `answer(q)` is q's value, or None when q has no answer."""
    match condition:
        case Answered(q):
            return answer(q) is not None
        case Equals(q, v):
            got = answer(q)
            return got is not None and got == _resolve(v, context)
        case In(q, values):
            got = answer(q)
            return got is not None and any(got == _resolve(v, context) for v in values)
        case Contains(q, v):
            got = answer(q)
            return isinstance(got, list) and _resolve(v, context) in got
        case AtLeast(q, n):
            got = answer(q)
            return _is_number(got) and got >= n
        case Below(q, n):
            got = answer(q)
            return _is_number(got) and got < n
        case CountGt(q, n):
            got = answer(q)
            return (len(got) if isinstance(got, list) else 0) > n
        case Not(inner):
            return not evaluate(inner, answer, context)
        case AnyOf(parts):
            return any(evaluate(p, answer, context) for p in parts)
        case AllOf(parts):
            return all(evaluate(p, answer, context) for p in parts)
    raise AssertionError(f"unhandled condition {condition!r}")  # pragma: no cover


def _show(value: Literal) -> str:
    return f"${value.name}" if isinstance(value, ContextRef) else str(value)


def describe(condition: Condition) -> str:
    """A short readable form for diagrams: `origin = $receiving`, `age >= 1`."""
    match condition:
        case Answered(q):
            return f"{q} answered"
        case Equals(q, v):
            return f"{q} = {_show(v)}"
        case In(q, values):
            return f"{q} in {{{', '.join(_show(v) for v in values)}}}"
        case Contains(q, v):
            return f"{_show(v)} in {q}"
        case AtLeast(q, n):
            return f"{q} >= {n}"
        case Below(q, n):
            return f"{q} < {n}"
        case CountGt(q, n):
            return f"count({q}) > {n}"
        case Not(inner):
            return f"not ({describe(inner)})"
        case AnyOf(parts):
            return " or ".join(f"({describe(p)})" for p in parts)
        case AllOf(parts):
            return " and ".join(f"({describe(p)})" for p in parts)
    raise AssertionError(f"unhandled condition {condition!r}")  # pragma: no cover
