"""The one condition language: dialogue files and rule files write conditions the same way.

A condition is a one-key mapping over named values:

    {answered: NAME}                 NAME has a value (a skipped question has none)
    {equals: [NAME, VALUE]}          NAME's value is VALUE
    {in: [NAME, [V1, V2, ...]]}      NAME's value is one of the values
    {contains: [NAME, VALUE]}        NAME's value (a multi-select, a repeat group, a list) has VALUE
    {at_least: [NAME, N]}            NAME's number is >= N
    {below: [NAME, N]}               NAME's number is < N
    {count_gt: [NAME, N]}            NAME's list has more than N items
    {not: C}   {any: [C, ...]}   {all: [C, ...]}

VALUE may be `{context: receiving}`: the office's own municipality code, so that a file can say
"the origin is this municipality" without knowing which municipality runs it.

What a NAME means is not part of the language: a *resolver* says it. In a dialogue a name is an
earlier question's answer; in a rule file it is a field of the intake record
(`move.initiated_by`) or a derived fact (`ongoing_intervention`, `days_since_arrival`, see
facts.py). So there is one parser, one checker (`check`, given what each name may hold), one
describer and one evaluator (`compile_condition`, given how to read each name), whoever uses it.

Why not expressions: a file that lawyers and staff edit must not be able to run code, and a
closed set of forms can be checked against the questions and the record before a visitor ever
sees them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar

CONTEXT_NAMES = frozenset({"receiving"})


class ConditionError(ValueError):
    """A condition that is not one of the language's forms; the message says what is expected."""


@dataclass(frozen=True, slots=True)
class ContextRef:
    name: str


Literal = str | int | float | bool | ContextRef
V = TypeVar("V")  # what a `_Test` compares with


@dataclass(frozen=True, slots=True)
class Answered:
    question: str


@dataclass(frozen=True, slots=True)
class _Test(Generic[V]):
    """A name compared with a value: a literal (equals, contains), literals (in), or a whole
    number (at_least, below: the name's number; count_gt: its list's length)."""

    question: str
    value: V


class Equals(_Test[Literal]):
    __slots__ = ()


class Contains(_Test[Literal]):
    __slots__ = ()


class In(_Test[tuple[Literal, ...]]):
    """The name's value is one of `value`'s."""

    __slots__ = ()


class AtLeast(_Test[int]):
    __slots__ = ()


class Below(_Test[int]):
    __slots__ = ()


class CountGt(_Test[int]):
    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Not:
    condition: Condition


@dataclass(frozen=True, slots=True)
class _Group:
    conditions: tuple[Condition, ...]


class AnyOf(_Group):
    __slots__ = ()


class AllOf(_Group):
    __slots__ = ()


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


# The forms `{form: [NAME, VALUE]}`: the node each makes, and how its VALUE is read.
_TESTS: dict[str, tuple[Callable[[str, Any], Condition], Callable[[object, str], object]]] = {
    "equals": (Equals, _literal),
    "contains": (Contains, _literal),
    "at_least": (AtLeast, _int),
    "below": (Below, _int),
    "count_gt": (CountGt, _int),
}


def parse_condition(data: object) -> Condition:
    """Turn file data into a condition, or raise ConditionError naming the faulty form."""
    if not isinstance(data, Mapping) or len(data) != 1:
        forms = ", ".join(FORMS)
        raise ConditionError(f"a condition is a mapping with exactly one of: {forms}")
    ((form, body),) = data.items()
    match form:
        case "answered":
            return Answered(_question(body, form))
        case _ if form in _TESTS:
            make, read = _TESTS[form]
            q, v = _pair(body, form)
            return make(q, read(v, form))
        case "in":
            q, v = _pair(body, form)
            if not isinstance(v, list) or not v:
                raise ConditionError("in: expected [question_id, [value, ...]]")
            return In(q, tuple(_literal(item, form) for item in v))
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
            for value in c.value:
                yield c.question, value


Lookup = Callable[[str], Any]
E = TypeVar("E")
Getter = Callable[[E], Any]
# How to read a name from an environment E; context names come as "$receiving".
Resolver = Callable[[str], Callable[[E], Any]]


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _has(got: object, value: object) -> bool:
    return isinstance(got, list | tuple | frozenset | set) and value in got


def compile_condition(condition: Condition, resolve: Resolver[E]) -> Callable[[E], bool]:
    """A closure that tells whether `condition` holds in an environment E, reading each name
    with the getter `resolve(name)` gives (built once, called per visit or per record)."""

    def value(v: Literal) -> Callable[[E], Any]:
        if isinstance(v, ContextRef):
            return resolve(f"${v.name}")
        return lambda _e: v

    match condition:
        case Answered(q):
            get = resolve(q)
            return lambda e: get(e) is not None
        case Equals(q, v):
            get = resolve(q)
            if isinstance(v, ContextRef):
                other = value(v)
                return lambda e: (got := get(e)) is not None and got == other(e)
            return lambda e: get(e) == v
        case In(q, values):
            get = resolve(q)
            if any(isinstance(v, ContextRef) for v in values):
                getters = tuple(value(v) for v in values)
                return lambda e: (got := get(e)) is not None and any(
                    got == g(e) for g in getters
                )
            fixed = tuple(values)
            return lambda e: (got := get(e)) is not None and got in fixed
        case Contains(q, v):
            get, want = resolve(q), value(v)
            return lambda e: _has(get(e), want(e))
        case AtLeast(q, n):
            get = resolve(q)
            return lambda e: _is_number(got := get(e)) and got >= n
        case Below(q, n):
            get = resolve(q)
            return lambda e: _is_number(got := get(e)) and got < n
        case CountGt(q, n):
            get = resolve(q)
            return lambda e: len(got) > n if isinstance(got := get(e), list | tuple) else n < 0
        case Not(inner):
            test = compile_condition(inner, resolve)
            return lambda e: not test(e)
        case AnyOf(parts):
            return _fold([compile_condition(p, resolve) for p in parts], both=False)
        case AllOf(parts):
            return _fold([compile_condition(p, resolve) for p in parts], both=True)
    raise AssertionError(f"unhandled condition {condition!r}")  # pragma: no cover


def _fold(tests: list[Callable[[E], bool]], *, both: bool) -> Callable[[E], bool]:
    """`all`/`any` of the tests as nested two-way `and`/`or` closures: no generator per call."""
    if not tests:
        return (lambda _e: True) if both else (lambda _e: False)
    first = tests[0]
    if len(tests) == 1:
        return first
    rest = _fold(tests[1:], both=both)
    if both:
        return lambda e: first(e) and rest(e)
    return lambda e: first(e) or rest(e)


_Env = tuple[Lookup, Mapping[str, object]]


def _answers(name: str) -> Callable[[_Env], Any]:
    """The dialogue's resolver: a name is an earlier answer, `$name` a context value."""
    if name.startswith("$"):
        key = name[1:]
        return lambda env: env[1].get(key)
    return lambda env: env[0](name)


@lru_cache(maxsize=4096)
def _compiled(condition: Condition) -> Callable[[_Env], bool]:
    return compile_condition(condition, _answers)


def evaluate(condition: Condition, answer: Lookup, context: Mapping[str, object]) -> bool:
    """Whether `condition` holds; `answer(q)` is q's value, or None when q has no answer."""
    return _compiled(condition)((answer, context))


# ---------------------------------------------------------------------------------------------
# Checking: what a name may hold, and whether a condition fits it


@dataclass(frozen=True, slots=True)
class NameInfo:
    """What a name can hold, for `check`: a closed set of values (None: any value of its
    type); whether it can be a number (at_least, below), a list (contains, count_gt), or is a
    true/false flag (a derived fact). A repeat group's question is a number or value for its
    own item and a list from outside, so both may be set."""

    values: frozenset[str] | None = None
    number: bool = False
    list: bool = False
    flag: bool = False


def check(condition: Condition, names: Callable[[str], NameInfo | None]) -> list[str]:
    """What is wrong with `condition` given what each name may hold (`names(n)` is None for
    an unknown name); an empty list when it fits."""
    problems: list[str] = []
    for node in walk(condition):
        if isinstance(node, Not | AnyOf | AllOf):
            continue
        info = names(node.question)
        if info is None:
            problems.append(f"unknown name {node.question!r}")
            continue
        if isinstance(node, AtLeast | Below) and not info.number:
            problems.append(f"{describe(node)}: {node.question!r} is not a number")
        if isinstance(node, CountGt | Contains) and not info.list:
            problems.append(f"{describe(node)}: {node.question!r} is not a list")
        compared: tuple[Literal, ...] = ()
        if isinstance(node, Equals):
            compared = (node.value,)
        elif isinstance(node, In):
            compared = node.value
        for value in compared:
            if isinstance(value, ContextRef):
                continue
            if info.flag and not isinstance(value, bool):
                problems.append(f"{node.question!r} is true or false, not {value!r}")
            elif info.number and not info.list and not _is_number(value):
                problems.append(f"{node.question!r} is a number, not {value!r}")
            elif info.values is not None and str(value) not in info.values:
                allowed = ", ".join(sorted(info.values))
                problems.append(
                    f"compares {node.question!r} with {value!r}, which is not one of its "
                    f"values ({allowed})"
                )
    return problems


def _show(value: Literal) -> str:
    return f"${value.name}" if isinstance(value, ContextRef) else str(value)


_SHOWN: dict[type[_Test[Any]], str] = {
    Equals: "{q} = {v}",
    Contains: "{v} in {q}",
    AtLeast: "{q} >= {v}",
    Below: "{q} < {v}",
    CountGt: "count({q}) > {v}",
}


def describe(condition: Condition) -> str:
    """A short readable form for diagrams: `origin = $receiving`, `age >= 1`."""
    match condition:
        case Answered(q):
            return f"{q} answered"
        case In(q, values):  # before `_Test`, which it is too
            return f"{q} in {{{', '.join(_show(v) for v in values)}}}"
        case _Test(q, v):
            return _SHOWN[type(condition)].format(q=q, v=_show(v))
        case Not(inner):
            return f"not ({describe(inner)})"
        case AnyOf(parts):
            return " or ".join(f"({describe(p)})" for p in parts)
        case AllOf(parts):
            return " and ".join(f"({describe(p)})" for p in parts)
    raise AssertionError(f"unhandled condition {condition!r}")  # pragma: no cover
