"""Every indicator, counter-indicator, level and urgency branch, positive and negative."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from intake.core.assessment import Assessment
from intake.core.rules import load_rules

from .helpers import VISIT, codes, record, run

ONGOING_CARE = [{"type": "home_care", "status": "ongoing"}]
ONGOING_ECON = [{"type": "economic_assistance", "status": "ongoing"}]
COORDINATED = (
    ("move.receiving_informed_in_advance", "yes"),
    ("move.initiated_by", "self"),
)

# indicator code -> (updates that make it fire, updates that must not make it fire)
INDICATOR_CASES: dict[str, tuple[tuple[tuple[str, Any], ...], tuple[tuple[str, Any], ...]]] = {
    "origin_proposed_move": (
        (("move.initiated_by", "origin_municipality"),),
        (("move.initiated_by", "landlord"),),
    ),
    "tenancy_terminated_by_origin": (
        (("move.tenancy_terminated_by_origin", "yes"),),
        (("move.tenancy_terminated_by_origin", "no"),),
    ),
    "support_refused_by_origin": (
        (("move.support_refused_by_origin", "yes"),),
        (("move.support_refused_by_origin", "unknown"),),
    ),
    "referred_to_landlord_here": (
        (("move.referred_to_landlord_here", "yes"),),
        (("move.referred_to_landlord_here", "no"),),
    ),
    # Spec change (issue 14.2): "unknown" is never evidence, so only a definite "no" to
    # "after an ordinary means test?" fires; "unknown" is an open question instead.
    "move_paid_without_means_test": (
        (("move.move_paid_by_origin", "yes"), ("move.paid_after_ordinary_assessment", "no")),
        (("move.move_paid_by_origin", "yes"), ("move.paid_after_ordinary_assessment", "unknown")),
    ),
    "establishment_ended_with_tenancy": (
        (("establishment_period_ended", "yes"), ("move.tenancy_terminated_by_origin", "yes")),
        (("establishment_period_ended", "yes"), ("move.tenancy_terminated_by_origin", "no")),
    ),
    "receiving_not_informed": (
        (("move.receiving_informed_in_advance", "no"),),
        (("move.receiving_informed_in_advance", "no"), ("move.initiated_by", "self")),
    ),
    "person_did_not_understand_move": (
        (("move.person_understood_move", "no"),),
        (("move.person_understood_move", "yes"),),
    ),
    "ongoing_intervention_in_origin": (
        (("interventions", ONGOING_ECON),),
        (("interventions", ONGOING_ECON), *COORDINATED),
    ),
    "arrived_recently": (
        (("arrival_date", (VISIT - dt.timedelta(days=90)).isoformat()),),
        (("arrival_date", (VISIT - dt.timedelta(days=91)).isoformat()),),
    ),
    "not_registered_here": (
        (("registered_here", "no"),),
        (("registered_here", "no"), *COORDINATED),
    ),
    "left_employment": (
        (("move.left_employment", "yes"),),
        (("move.left_employment", "no"),),
    ),
    "wants_to_return": (
        (("move.wants_to_return", "yes"),),
        (("move.wants_to_return", "yes"), *COORDINATED),
    ),
    "housing_crowded": (
        (("housing.rooms", 1), ("housing.occupants", 3)),
        (("housing.rooms", 1), ("housing.occupants", 2)),
    ),
    "housing_poor": (
        (("housing.condition", "inadequate"),),
        (("housing.condition", "adequate"),),
    ),
    "landlord_did_not_check_ability_to_pay": (
        (("housing.landlord_checked_ability_to_pay", "no"),),
        (("housing.landlord_checked_ability_to_pay", "yes"),),
    ),
    "child_not_in_school": (
        (("children", [{"age": 7, "in_school_or_preschool": "no"}]),),
        (("children", [{"age": 0, "in_school_or_preschool": "no"}]),),
    ),
}


def test_every_indicator_in_the_rules_is_covered() -> None:
    assert set(INDICATOR_CASES) == {rule.code for rule, _ in load_rules().indicators}


@pytest.mark.parametrize("code", sorted(INDICATOR_CASES))
def test_indicator_fires(code: str) -> None:
    fires, _ = INDICATOR_CASES[code]
    result = run(record(*fires))
    assert code in codes(result.indicators)
    fired = next(i for i in result.indicators if i.code == code)
    assert fired.weight > 0 and fired.explanation and fired.source
    assert "{origin}" not in fired.explanation


@pytest.mark.parametrize("code", sorted(INDICATOR_CASES))
def test_indicator_does_not_fire(code: str) -> None:
    _, quiet = INDICATOR_CASES[code]
    assert code not in codes(run(record(*quiet)).indicators)


COUNTER_CASES: dict[str, tuple[tuple[tuple[str, Any], ...], tuple[tuple[str, Any], ...]]] = {
    "self_initiated_move": (
        (("move.initiated_by", "self"),),
        (("move.initiated_by", "relative"),),
    ),
    "receiving_informed_in_advance": (
        (("move.receiving_informed_in_advance", "yes"),),
        (("move.receiving_informed_in_advance", "unknown"),),
    ),
    "payment_after_means_test": (
        (("move.move_paid_by_origin", "yes"), ("move.paid_after_ordinary_assessment", "yes")),
        (("move.move_paid_by_origin", "no"), ("move.paid_after_ordinary_assessment", "yes")),
    ),
    "arrived_long_ago": (
        (("arrival_date", "2024-01-10"),),
        (("arrival_date", (VISIT - dt.timedelta(days=365)).isoformat()),),
    ),
    "placed_here_by_origin": (
        (("interventions", [{"type": "placement", "status": "ongoing",
                             "placed_here_by_origin": "yes"}]),),
        (("interventions", [{"type": "placement", "status": "ongoing",
                             "placed_here_by_origin": "unknown"}]),),
    ),
}


def test_every_counter_indicator_is_covered() -> None:
    assert set(COUNTER_CASES) == {rule.code for rule, _ in load_rules().counter_indicators}


@pytest.mark.parametrize("code", sorted(COUNTER_CASES))
def test_counter_indicator(code: str) -> None:
    holds, quiet = COUNTER_CASES[code]
    result = run(record(*holds))
    assert code in codes(result.counter_indicators)
    assert result.score == 0  # a counter fact is never a sign
    assert code not in codes(run(record(*quiet)).counter_indicators)


@pytest.mark.parametrize(
    ("updates", "level", "score"),
    [
        ((), "none", 0),
        ((("registered_here", "no"), ("move.left_employment", "yes")), "none", 2),
        ((("move.initiated_by", "origin_municipality"),), "possible", 3),
        ((("move.receiving_informed_in_advance", "no"), ("registered_here", "no")), "possible", 3),
        (
            (("move.initiated_by", "origin_municipality"),
             ("move.referred_to_landlord_here", "yes")),
            "strong",
            6,
        ),
        (
            (("establishment_period_ended", "yes"), ("move.tenancy_terminated_by_origin", "yes")),
            "strong",
            6,
        ),
    ],
)
def test_levels_follow_the_thresholds(
    updates: tuple[tuple[str, Any], ...], level: str, score: int
) -> None:
    result = run(record(*updates))
    assert (result.level, result.score) == (level, score)
    assert result.score == sum(i.weight for i in result.indicators)


@pytest.mark.parametrize(
    "updates",
    [
        (("origin_municipality", None),),
        (("origin_municipality", "2283"),),
        (("origin_municipality", "Sollefteå kommun"),),
    ],
)
def test_not_applicable_without_a_move(updates: tuple[tuple[str, Any], ...]) -> None:
    signs = (
        ("move.initiated_by", "origin_municipality"),
        ("move.tenancy_terminated_by_origin", "yes"),
    )
    result = run(record(*signs, *updates))
    assert result.level == "not_applicable"
    assert result.score == 0 and result.indicators == () and result.counter_indicators == ()


def test_a_coordinated_move_is_not_flagged() -> None:
    result = run(record(
        *COORDINATED,
        ("move.move_paid_by_origin", "yes"),
        ("move.paid_after_ordinary_assessment", "yes"),
        ("interventions", ONGOING_CARE),
        ("arrival_date", (VISIT - dt.timedelta(days=10)).isoformat()),
        ("registered_here", "no"),
    ))
    assert result.level == "none"
    assert result.indicators == ()
    assert set(codes(result.counter_indicators)) == {
        "self_initiated_move", "receiving_informed_in_advance", "payment_after_means_test"
    }


@pytest.mark.parametrize(
    ("updates", "urgency"),
    [
        ((), "routine"),
        ((("housing.type", "homeless"),), "immediate"),
        ((("housing.type", "homeless"), ("origin_municipality", None)), "immediate"),
        ((("children", [{"age": 4}]), ("housing.condition", "harmful")), "immediate"),
        ((("housing.condition", "harmful"),), "routine"),
        # Spec change (issue 14.9): children alone no longer make it "soon".
        ((("children", [{"age": 4}]),), "routine"),
        ((("children", [{"age": 4}]), ("origin_municipality", None)), "routine"),
        ((("children", [{"age": 7, "in_school_or_preschool": "no"}]),), "soon"),
        ((("needs.unmet_care_need", "yes"),), "soon"),
        ((("needs.unmet_care_need", "unknown"),), "routine"),
        ((("safety.violence_or_threats", "yes"),), "immediate"),
        ((("safety.protected_identity", "yes"), ("origin_municipality", None)), "immediate"),
        ((("safety.violence_or_threats", "unknown"),), "routine"),
        ((("move.initiated_by", "origin_municipality"),
          ("move.tenancy_terminated_by_origin", "yes")), "soon"),  # level strong
        ((("interventions", ONGOING_CARE),), "soon"),
        ((("interventions", ONGOING_ECON),), "routine"),
        ((("interventions", [{"type": "other", "status": "ongoing"}]),), "routine"),
        ((("interventions", [{"type": "placement", "status": "ended"}]),), "routine"),
        (
            (("interventions", [{"type": "placement", "status": "ended"}]),
             ("move.support_refused_by_origin", "yes")),
            "soon",
        ),
        ((("interventions", ONGOING_CARE), ("origin_municipality", "2283")), "routine"),
        (
            (("interventions", [{"type": "lss", "status": "ongoing", "municipality": "2283"}]),),
            "routine",
        ),
    ],
)
def test_urgency(updates: tuple[tuple[str, Any], ...], urgency: str) -> None:
    assert run(record(*updates)).urgency == urgency


def test_explanations_name_the_origin_and_follow_the_language() -> None:
    data = record(("move.tenancy_terminated_by_origin", "yes"))
    sv = run(data, "sv").indicators[0]
    en = run(data, "en").indicators[0]
    # The actor is the social services of the origin, not the municipality itself (14.13).
    assert sv.explanation.startswith("Socialtjänsten i Stockholm sade upp")
    assert en.explanation.startswith("The social services of Stockholm ended")
    assert sv.source == "Sollefteå kommuns riktlinjer mot social dumpning 1.1.1"


def test_sol_references_name_the_new_act() -> None:
    result = run(record(("interventions", ONGOING_ECON)))
    fired = next(i for i in result.indicators if i.code == "ongoing_intervention_in_origin")
    assert (
        "2 a kap. 10 § socialtjänstlagen (2001:453), "
        "motsvarande bestämmelse i socialtjänstlagen (2025:400)"
    ) in fired.source


def test_normalized_carries_codes_names_and_counties() -> None:
    result = run(record(("origin_municipality", "goteborgs stad")))
    out = result.to_json_dict()["normalized"]
    assert out["origin_municipality"] == {
        "code": "1480", "name": "Göteborg", "county": "Västra Götalands län"
    }
    assert out["receiving_municipality"]["code"] == "2283"


def test_assessment_round_trips_through_its_json() -> None:
    result = run(record(("move.initiated_by", "origin_municipality"), ("children", [{"age": 3}])))
    again = Assessment.model_validate(result.to_json_dict())
    assert again == result
    assert result.to_json_dict()["schema"] == "intake-assessment/2"
