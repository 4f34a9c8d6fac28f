"""The condition language: parsing, checking and evaluation; never code."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake.core.conditions import (
    AllOf,
    Answered,
    AnyOf,
    AtLeast,
    Below,
    ConditionError,
    Contains,
    ContextRef,
    CountGt,
    Equals,
    In,
    Not,
    compared_values,
    describe,
    evaluate,
    parse_condition,
    references,
)

ANSWERS: dict[str, Any] = {"tri": "yes", "age": 4, "multi": ["lss", "home_care"], "origin": "2283"}
CONTEXT = {"receiving": "2283"}


def _holds(data: object) -> bool:
    return evaluate(parse_condition(data), ANSWERS.get, CONTEXT)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"answered": "tri"}, True),
        ({"answered": "missing"}, False),
        ({"equals": ["tri", "yes"]}, True),
        ({"equals": ["tri", "no"]}, False),
        ({"equals": ["missing", "no"]}, False),
        ({"equals": ["origin", {"context": "receiving"}]}, True),
        ({"in": ["tri", ["no", "yes"]]}, True),
        ({"in": ["tri", ["no"]]}, False),
        ({"contains": ["multi", "lss"]}, True),
        ({"contains": ["multi", "placement"]}, False),
        ({"contains": ["tri", "yes"]}, False),
        ({"at_least": ["age", 4]}, True),
        ({"at_least": ["age", 5]}, False),
        ({"at_least": ["tri", 1]}, False),
        ({"below": ["age", 5]}, True),
        ({"below": ["missing", 5]}, False),
        ({"count_gt": ["multi", 1]}, True),
        ({"count_gt": ["multi", 2]}, False),
        ({"count_gt": ["missing", 0]}, False),
        ({"not": {"answered": "missing"}}, True),
        ({"any": [{"answered": "missing"}, {"equals": ["tri", "yes"]}]}, True),
        ({"all": [{"answered": "tri"}, {"answered": "missing"}]}, False),
    ],
)
def test_evaluate(data: object, expected: bool) -> None:
    assert _holds(data) is expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("tri == 'yes'", "exactly one of"),
        ({"equals": ["tri", "yes"], "answered": "tri"}, "exactly one of"),
        ({"eval": "__import__('os')"}, "unknown condition 'eval'"),
        ({"equals": ["tri"]}, "expected [question_id, value]"),
        ({"equals": [1, "yes"]}, "expected a question id"),
        ({"equals": ["tri", ["yes"]]}, "expected a plain value"),
        ({"equals": ["tri", {"context": "secret"}]}, "a value may be {context: receiving}"),
        ({"in": ["tri", "yes"]}, "in: expected"),
        ({"at_least": ["age", "4"]}, "expected a whole number"),
        ({"count_gt": ["age", True]}, "expected a whole number"),
        ({"any": []}, "non-empty list"),
        ({"not": "tri"}, "exactly one of"),
    ],
)
def test_malformed(data: object, message: str) -> None:
    with pytest.raises(ConditionError) as caught:
        parse_condition(data)
    assert message in str(caught.value)


def test_references_values_and_description() -> None:
    condition = parse_condition(
        {"all": [{"in": ["a", ["x", "y"]]}, {"not": {"contains": ["b", "z"]}},
                 {"equals": ["c", {"context": "receiving"}]}, {"count_gt": ["d", 0]}]}
    )
    assert references(condition) == ["a", "b", "c", "d"]
    assert list(compared_values(condition)) == [
        ("a", "x"), ("a", "y"), ("b", "z"), ("c", ContextRef("receiving"))
    ]
    assert describe(condition) == (
        "(a in {x, y}) and (not (z in b)) and (c = $receiving) and (count(d) > 0)"
    )
    assert describe(AnyOf((Answered("a"), AtLeast("n", 1), Below("n", 3)))) == (
        "(a answered) or (n >= 1) or (n < 3)"
    )


_leaf = st.one_of(
    st.builds(Answered, st.sampled_from(["tri", "age", "missing"])),
    st.builds(Equals, st.sampled_from(["tri", "origin"]), st.sampled_from(["yes", "2283"])),
    st.builds(In, st.just("tri"), st.just(("yes", "no"))),
    st.builds(Contains, st.just("multi"), st.sampled_from(["lss", "other"])),
    st.builds(AtLeast, st.just("age"), st.integers(0, 9)),
    st.builds(CountGt, st.just("multi"), st.integers(0, 3)),
)
_conditions = st.recursive(
    _leaf,
    lambda inner: st.one_of(
        st.builds(Not, inner),
        st.builds(AnyOf, st.lists(inner, min_size=1, max_size=3).map(tuple)),
        st.builds(AllOf, st.lists(inner, min_size=1, max_size=3).map(tuple)),
    ),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(_conditions)
def test_boolean_laws(condition: Any) -> None:
    value = evaluate(condition, ANSWERS.get, CONTEXT)
    assert evaluate(Not(condition), ANSWERS.get, CONTEXT) is (not value)
    assert evaluate(Not(Not(condition)), ANSWERS.get, CONTEXT) is value
    assert isinstance(describe(condition), str)
