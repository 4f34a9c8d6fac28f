"""Properties of the classifier over any valid record (Hypothesis).

Monotonicity, precisely: a *sign change* sets one field of a record from its neutral value
(the spec's "unknown", null or no entry) to a value that, by the brief's section 4, is a sign
of social dumping (SIGN_CHANGES below), holding every other field fixed. For every valid record
with a move between municipalities and every sign change, the record after the change must have
a score >= and a level >= the record before it (none < possible < strong), and every indicator
that fired before must still fire. Counter facts ("self", informed in advance = "yes", payment
after a means test, a placement the origin made) are not signs: setting them may lower the
level, which is their purpose.

With "unknown" (issue 14.2): for each field, a counter value <= "unknown" <= a sign value. An
unknown answer is not evidence either way, so it may not give a higher level than the sign nor
a lower one than the counter fact (ORDERED below).

Secrecy and safety (spec, ✉ steps): no step that tells the origin about the person appears
without consent (except the two that are made without identifying the person), and none at all,
nor any step towards a return, when there is a safety concern.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from intake.core.assessment import Assessment
from intake.core.classifier import assess, classify_data
from intake.core.municipalities import all_municipalities
from intake.core.record import IntakeRecord
from intake.core.rules import STEP_CODES

SETTINGS = settings(max_examples=150, deadline=None)
RANK = {"none": 0, "possible": 1, "strong": 2}
TRI = st.sampled_from(["yes", "no", "unknown"])
CODES = [m.code for m in all_municipalities()]
NAMES = [m.name for m in all_municipalities()]
TODAY = dt.date(2026, 11, 23)

municipality = st.one_of(st.sampled_from(CODES), st.sampled_from(NAMES))
dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
optional = st.fixed_dictionaries

intervention = st.fixed_dictionaries(
    {
        "type": st.sampled_from([
            "economic_assistance", "home_care", "housing_support", "supported_housing",
            "addiction_care", "placement", "contact_person", "family_support",
            "social_housing_contract", "lss", "other",
        ]),
        "status": st.sampled_from(["ongoing", "ended", "applied", "unknown"]),
    },
    optional={"municipality": municipality, "placed_here_by_origin": TRI},
)
move = optional(
    {},
    optional={
        "initiated_by": st.sampled_from(
            ["self", "origin_municipality", "landlord", "relative", "other", "unknown"]
        ),
        **{k: TRI for k in (
            "tenancy_terminated_by_origin", "support_refused_by_origin",
            "referred_to_landlord_here", "move_paid_by_origin", "paid_after_ordinary_assessment",
            "receiving_informed_in_advance", "person_understood_move", "wants_to_return",
            "left_employment",
        )},
        "reason": st.text(max_size=40),
    },
)
housing = optional(
    {},
    optional={
        "type": st.sampled_from(["first_hand", "second_hand", "sublet", "temporary", "lodging",
                                 "homeless", "other", "unknown"]),
        "rooms": st.none() | st.integers(0, 8),
        "occupants": st.none() | st.integers(0, 12),
        "condition": st.sampled_from(["adequate", "inadequate", "harmful", "unknown"]),
        "landlord_checked_ability_to_pay": TRI,
    },
)
child = st.fixed_dictionaries({"age": st.integers(0, 17)}, optional={"in_school_or_preschool": TRI})

records = st.fixed_dictionaries(
    {
        "receiving_municipality": municipality,
        "visit_date": dates.map(dt.date.isoformat),
    },
    optional={
        "schema": st.just("intake-record/1"),
        "origin_municipality": st.none() | municipality,
        "arrival_date": st.none() | dates.map(dt.date.isoformat),
        "registered_here": TRI,
        "establishment_period_ended": TRI,
        "interventions": st.lists(intervention, max_size=3),
        "move": move,
        "housing": housing,
        "children": st.lists(child, max_size=3),
        "consent": optional({}, optional={"contact_origin": TRI, "home_visit": TRI}),
        "person": optional({}, optional={"name": st.text(max_size=30), "interpreter_needed": TRI,
                                         "age": st.none() | st.integers(0, 110)}),
        "household": optional({}, optional={"adults": st.none() | st.integers(1, 6)}),
        "safety": optional({}, optional={"violence_or_threats": TRI, "protected_identity": TRI}),
        "origin_district": st.sampled_from(["", "Södermalm", "Rinkeby-Kista"]),
        "ties": optional({}, optional={
            "years_in_origin": st.none() | st.integers(0, 60),
            **{k: TRI for k in ("network_in_origin", "work_or_studies_in_origin",
                                "children_school_in_origin", "network_here")},
        }),
        "needs": optional({}, optional={"unmet_care_need": TRI}),
        "notes": st.text(max_size=60),
    },
).map(lambda d: _arrival_not_after_visit(d))


def _arrival_not_after_visit(data: dict[str, Any]) -> dict[str, Any]:
    """A record refuses an arrival after the visit: draw arrivals up to the visit date."""
    arrival = data.get("arrival_date")
    if arrival is not None and arrival > data["visit_date"]:
        return {**data, "arrival_date": data["visit_date"]}
    return data


def _set(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    *parents, last = path.split(".")
    node = out
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value
    return out


def _moved(data: dict[str, Any]) -> dict[str, Any]:
    """`data` with an origin other than the receiving municipality."""
    receiving = IntakeRecord.parse(data, receiving="2283").receiving_municipality
    return _set(data, "origin_municipality", "0180" if receiving != "0180" else "1480")


# (field path, neutral value, sign value)
SIGN_CHANGES: list[tuple[str, Any, Any]] = [
    ("move.initiated_by", "unknown", "origin_municipality"),
    ("move.tenancy_terminated_by_origin", "unknown", "yes"),
    ("move.support_refused_by_origin", "unknown", "yes"),
    ("move.referred_to_landlord_here", "unknown", "yes"),
    ("move.move_paid_by_origin", "unknown", "yes"),
    ("move.receiving_informed_in_advance", "unknown", "no"),
    ("move.person_understood_move", "unknown", "no"),
    ("move.left_employment", "unknown", "yes"),
    ("move.wants_to_return", "unknown", "yes"),
    ("establishment_period_ended", "unknown", "yes"),
    ("registered_here", "unknown", "no"),
    ("housing.condition", "unknown", "inadequate"),
    ("housing.condition", "unknown", "harmful"),
    ("housing.landlord_checked_ability_to_pay", "unknown", "no"),
    ("housing.rooms", None, 1),  # with occupants > 2 this makes the household crowded
    ("housing.occupants", None, 5),
]


# (field path, counter value, sign value): counter <= "unknown" <= sign, for the level.
ORDERED: list[tuple[str, Any, Any]] = [
    ("move.initiated_by", "self", "origin_municipality"),
    ("move.receiving_informed_in_advance", "yes", "no"),
    ("move.paid_after_ordinary_assessment", "yes", "no"),
    ("move.person_understood_move", "yes", "no"),
    ("registered_here", "yes", "no"),
    ("housing.landlord_checked_ability_to_pay", "yes", "no"),
    *((path, "no", "yes") for path in (
        "move.tenancy_terminated_by_origin", "move.support_refused_by_origin",
        "move.referred_to_landlord_here", "move.move_paid_by_origin", "move.left_employment",
        "move.wants_to_return", "establishment_period_ended",
    )),
]


def _assess(data: dict[str, Any]) -> Assessment:
    return assess(IntakeRecord.parse(data, receiving="2283", today=TODAY))


def _check_not_lower(before: Assessment, after: Assessment, what: str) -> None:
    assert after.score >= before.score, what
    assert RANK[after.level] >= RANK[before.level], what
    assert set(i.code for i in before.indicators) <= set(i.code for i in after.indicators), what


@SETTINGS
@given(records)
def test_any_valid_record_gives_a_valid_assessment(data: dict[str, Any]) -> None:
    out = classify_data(data, receiving="2283", today=TODAY)
    again = Assessment.model_validate(out)
    assert again.to_json_dict() == out
    assert out["score"] == sum(i["weight"] for i in out["indicators"])
    steps = [s["code"] for s in out["next_steps"]]
    assert steps[-1] == "ordinary_intake"
    assert steps == [c for c in STEP_CODES if c in steps]
    assert classify_data(data, receiving="2283", today=TODAY) == out  # deterministic


@SETTINGS
@given(records)
def test_not_applicable_exactly_when_no_move(data: dict[str, Any]) -> None:
    record = IntakeRecord.parse(data, receiving="2283", today=TODAY)
    moved = record.origin_municipality not in (None, record.receiving_municipality)
    assert (assess(record).level == "not_applicable") == (not moved)


@SETTINGS
@given(records)
def test_adding_a_sign_never_lowers_the_level(data: dict[str, Any]) -> None:
    base = _moved(data)
    for path, neutral, sign in SIGN_CHANGES:
        before = _assess(_set(base, path, neutral))
        after = _assess(_set(base, path, sign))
        _check_not_lower(before, after, f"{path}: {neutral!r} -> {sign!r}")


@SETTINGS
@given(records, intervention, child)
def test_adding_an_intervention_or_a_child_never_lowers_the_level(
    data: dict[str, Any], new_intervention: dict[str, Any], new_child: dict[str, Any]
) -> None:
    base = _moved(data)
    before = _assess(base)
    # A placement the origin made here is a counter fact (the origin stays responsible), not
    # a sign: adding one may lower the level, which is its purpose.
    new_intervention = {**new_intervention, "placed_here_by_origin": "no"}
    more = _set(base, "interventions", [*base.get("interventions", []), new_intervention])
    _check_not_lower(before, _assess(more), "intervention added")
    kids = _set(base, "children", [*base.get("children", []), new_child])
    _check_not_lower(before, _assess(kids), "child added")


@SETTINGS
@given(records, st.integers(0, 90))
def test_a_recent_arrival_date_never_lowers_the_level(data: dict[str, Any], days: int) -> None:
    base = _moved(data)
    visit = IntakeRecord.parse(base, receiving="2283", today=TODAY).visit_date
    before = _assess(_set(base, "arrival_date", None))
    after = _assess(_set(base, "arrival_date", (visit - dt.timedelta(days=days)).isoformat()))
    _check_not_lower(before, after, f"arrived {days} days before the visit")


URGENCY_RANK = {"routine": 0, "soon": 1, "immediate": 2}


@SETTINGS
@given(records)
def test_urgency_depends_on_the_move_only_through_a_strong_level(data: dict[str, Any]) -> None:
    """Urgency is a second axis: the signs of the move change it only by making the level
    strong ("soon"); otherwise only the household's situation counts (and an interrupted care
    intervention, which needs a move)."""
    base = _set(_moved(data), "interventions", [])
    moved, still = _assess(base), _assess(_set(base, "origin_municipality", None))
    if moved.level == "strong":
        assert URGENCY_RANK[moved.urgency] >= max(URGENCY_RANK[still.urgency], 1)
    else:
        assert moved.urgency == still.urgency


@SETTINGS
@given(records)
def test_unknown_lies_between_the_counter_fact_and_the_sign(data: dict[str, Any]) -> None:
    base = _moved(data)
    for path, counter, sign in ORDERED:
        low, mid, high = (_assess(_set(base, path, v)) for v in (counter, "unknown", sign))
        _check_not_lower(low, mid, f"{path}: {counter!r} -> unknown")
        _check_not_lower(mid, high, f"{path}: unknown -> {sign!r}")


@SETTINGS
@given(records)
def test_an_unknown_answer_is_never_named_as_a_sign(data: dict[str, Any]) -> None:
    """Whatever else the record says, setting an answer to "unknown" fires no sign and no
    counter-sign that its definite answers would not; and an open question names only an
    answer that is unknown, with a level above the one reached."""
    result = _assess(_moved(data))
    record = IntakeRecord.parse(_moved(data), receiving="2283", today=TODAY)
    for question in result.open_questions:
        head, _, tail = question.field.partition(".")
        value = getattr(getattr(record, head), tail) if tail else getattr(record, head)
        assert value == "unknown", question.field
        assert RANK[question.could_raise_to] > RANK[result.level]
        raised = _assess(_set(_moved(data), question.field, _raise_value(question.field)))
        assert raised.level == question.could_raise_to


def _raise_value(field: str) -> str:
    from intake.core.rules import load_rules

    return next(q.value for q in load_rules().open_questions if q.field == field)


@SETTINGS
@given(records)
def test_no_letter_step_without_consent_and_none_with_safety_concerns(
    data: dict[str, Any],
) -> None:
    from intake.core.rules import load_rules

    rules = {step.code: step for step, _ in load_rules().steps}
    record = IntakeRecord.parse(_moved(data), receiving="2283", today=TODAY)
    result = assess(record)
    consent = record.consent.contact_origin == "yes"
    safety = "yes" in (record.safety.violence_or_threats, record.safety.protected_identity)
    for step in result.next_steps:
        rule = rules[step.code]
        if safety:
            assert rule.to_origin is None and not rule.towards_return, step.code
        if rule.to_origin == "consent":
            assert consent, step.code
        if rule.to_origin == "anonymous" and not consent:
            assert rule.title_anonymous is not None
            assert step.title == rule.title_anonymous.sv, step.code
    codes = [s.code for s in result.next_steps]
    assert ("safety_assessment" in codes) == safety
    if safety:
        assert result.urgency == "immediate"
        assert "ask_consent" not in codes
