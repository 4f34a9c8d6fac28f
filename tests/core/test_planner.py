"""Every next step's condition (positive and negative), the spec's order, and due dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from intake.core.rules import STEP_CODES, RulesError, default_directory, load_rules
from intake.core.workflow import ivo_not_before

from .helpers import codes, record, run

STRONG = (
    ("move.initiated_by", "origin_municipality"),
    ("move.tenancy_terminated_by_origin", "yes"),
)
POSSIBLE = (("move.initiated_by", "origin_municipality"),)
CONSENT = (("consent.contact_origin", "yes"),)
U = tuple[tuple[str, Any], ...]

# step -> (updates under which it appears, updates under which it must not)
STEP_CASES: dict[str, tuple[U, U]] = {
    "safety_assessment": (
        (("safety.protected_identity", "yes"),),
        (("safety.protected_identity", "unknown"),),
    ),
    "emergency_housing": ((("housing.type", "homeless"),), (("housing.type", "temporary"),)),
    "report_concern_for_child": (
        (("children", [{"age": 4}]), ("housing.condition", "harmful")),
        (("children", []), ("housing.condition", "harmful")),
    ),
    "assess_care_needs": (
        (("needs.unmet_care_need", "yes"),),
        (("needs.unmet_care_need", "unknown"),),
    ),
    "ask_consent": (POSSIBLE, (*POSSIBLE, ("consent.contact_origin", "no"))),
    "remind_origin_responsibility": (
        (*CONSENT, ("interventions", [{"type": "placement", "status": "ongoing",
                                       "placed_here_by_origin": "yes"}])),
        (("interventions", [{"type": "placement", "status": "ongoing",
                             "placed_here_by_origin": "yes"}]),),
    ),
    "contact_origin_municipality": (STRONG, POSSIBLE),
    "document_experience": (POSSIBLE, ()),
    "request_justification": (
        (*STRONG, ("consent.contact_origin", "yes")),
        (*STRONG, ("consent.contact_origin", "no")),
    ),
    "send_official_letter": (STRONG, POSSIBLE),
    "request_case_transfer": (
        (*STRONG, *CONSENT,
         ("interventions", [{"type": "economic_assistance", "status": "ongoing"}])),
        (*STRONG, *CONSENT,
         ("interventions", [{"type": "economic_assistance", "status": "ended"}])),
    ),
    "apply_ivo_transfer": (
        (*STRONG, *CONSENT, ("interventions", [{"type": "addiction_care", "status": "ongoing"}])),
        (*STRONG, *CONSENT,
         ("interventions", [{"type": "economic_assistance", "status": "ongoing"}])),
    ),
    "home_visit": (
        (*STRONG, ("consent.home_visit", "yes")),
        (*POSSIBLE, ("consent.home_visit", "yes")),
    ),
    "advise_new_housing": (
        (("housing.rooms", 1), ("housing.occupants", 3)),
        (("housing.condition", "inadequate"),),
    ),
    "offer_municipal_housing": (
        (*STRONG, ("housing.landlord_checked_ability_to_pay", "no")),
        (*STRONG, ("housing.landlord_checked_ability_to_pay", "unknown")),
    ),
    "assess_economic_assistance": (
        (("interventions", [{"type": "economic_assistance", "status": "applied"}]),),
        (("interventions", [{"type": "home_care", "status": "ongoing"}]),),
    ),
    "child_impact_analysis": ((("children", [{"age": 12}]),), (("children", []),)),
    "ensure_school_placement": (
        (("children", [{"age": 3, "in_school_or_preschool": "no"}]),),
        (("children", [{"age": 3, "in_school_or_preschool": "yes"}]),),
    ),
    "support_return": (
        (*CONSENT, ("move.wants_to_return", "yes")),
        (("move.wants_to_return", "yes"),),  # no consent: nothing about the person goes there
    ),
}


def test_steps_file_lists_exactly_the_spec_steps_in_order() -> None:
    assert tuple(step.code for step, _ in load_rules().steps) == STEP_CODES
    assert set(STEP_CASES) == set(STEP_CODES) - {"ordinary_intake"}


@pytest.mark.parametrize("code", sorted(STEP_CASES))
def test_step_appears_when_its_condition_holds(code: str) -> None:
    shown, _ = STEP_CASES[code]
    steps = codes(run(record(*shown)).next_steps)
    assert code in steps
    assert steps[-1] == "ordinary_intake"


@pytest.mark.parametrize("code", sorted(STEP_CASES))
def test_step_absent_when_its_condition_fails(code: str) -> None:
    _, hidden = STEP_CASES[code]
    assert code not in codes(run(record(*hidden)).next_steps)


@pytest.mark.parametrize("updates", [(), (("origin_municipality", None),), STRONG])
def test_ordinary_intake_is_always_last(updates: U) -> None:
    steps = codes(run(record(*updates)).next_steps)
    assert steps[-1] == "ordinary_intake"
    assert steps == [c for c in STEP_CODES if c in steps]  # the spec's order


def test_not_applicable_still_gets_the_steps_that_do_not_depend_on_suspicion() -> None:
    result = run(record(
        ("origin_municipality", None),
        ("children", [{"age": 8, "in_school_or_preschool": "no"}]),
        ("housing.condition", "harmful"),
        ("interventions", [{"type": "economic_assistance", "status": "applied"}]),
    ))
    assert result.level == "not_applicable"
    assert codes(result.next_steps) == [
        "report_concern_for_child", "advise_new_housing", "assess_economic_assistance",
        "child_impact_analysis", "ensure_school_placement", "ordinary_intake",
    ]


@pytest.mark.parametrize(
    ("visit", "at_once", "ivo"),
    [
        # ivo: the earliest day to apply, one month after the request (due at once) is sent;
        # not a deadline, so not moved to a working day (workflow.ivo_not_before agrees).
        ("2026-11-23", "2026-11-23", "2026-12-23"),  # Monday; one month later a Wednesday
        ("2026-06-19", "2026-06-22", "2026-07-22"),  # midsummer eve -> Monday
        ("2026-11-24", "2026-11-24", "2026-12-24"),  # Christmas eve: earliest, not a deadline
        ("2026-01-31", "2026-02-02", "2026-03-02"),  # Saturday -> Monday; Mar 2 Monday
        ("2027-03-31", "2027-03-31", "2027-04-30"),  # Apr 31 does not exist -> Apr 30
    ],
)
def test_due_dates(visit: str, at_once: str, ivo: str) -> None:
    data = record(
        *STRONG,
        *CONSENT,
        ("visit_date", visit),
        ("interventions", [{"type": "housing_support", "status": "ongoing"}]),
        ("housing.condition", "harmful"),
        ("children", [{"age": 5}]),
    )
    steps = run(data).next_steps
    due = {s.code: s.due for s in steps}
    not_before = {s.code: s.not_before for s in steps}
    d = dt.date.fromisoformat
    for code in ("contact_origin_municipality", "document_experience", "send_official_letter",
                 "request_case_transfer", "advise_new_housing"):
        assert due[code] == d(at_once), code
        assert not_before[code] is None, code
    # The IVO date is never a deadline: it is the earliest day one may apply (spec, 14.8).
    assert due["apply_ivo_transfer"] is None
    assert not_before["apply_ivo_transfer"] == d(ivo)
    assert not_before["apply_ivo_transfer"] == ivo_not_before(d(at_once))
    assert due["child_impact_analysis"] is None
    assert due["ordinary_intake"] is None
    # A child in harmful housing: the child unit's preliminary assessment within 14 days.
    report = d(visit) + dt.timedelta(days=14)
    assert due["report_concern_for_child"] >= report
    assert (due["report_concern_for_child"] - report).days < 5


def test_acute_steps_are_due_the_same_day_even_on_a_sunday() -> None:
    sunday = "2026-11-29"
    data = record(("visit_date", sunday), ("housing.type", "homeless"),
                  ("safety.violence_or_threats", "yes"))
    due = {s.code: s.due for s in run(data).next_steps}
    assert due["emergency_housing"] == due["safety_assessment"] == dt.date(2026, 11, 29)


def test_basis_cites_old_and_new_sol() -> None:
    data = record(*STRONG, *CONSENT, ("interventions", [{"type": "lss", "status": "ongoing"}]))
    steps = {s.code: s for s in run(data, "sv").next_steps}
    assert (
        "2 a kap. 10 § socialtjänstlagen (2001:453), "
        "motsvarande bestämmelse i socialtjänstlagen (2025:400)"
    ) in steps["request_case_transfer"].basis
    assert "2 a kap. 11 § socialtjänstlagen (2001:453)" in steps["apply_ivo_transfer"].basis
    en = {s.code: s for s in run(data, "en").next_steps}
    assert "corresponding provision in socialtjänstlagen (2025:400)" in (
        en["apply_ivo_transfer"].basis
    )
    assert en["apply_ivo_transfer"].title.startswith("If the request is refused")


def _copy_rules(tmp_path: Path) -> Path:
    for name in ("indicators.yaml", "steps.yaml", "legal.yaml", "policies/2283.yaml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text((default_directory() / name).read_text("utf-8"), "utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("indicators.yaml", "weight: 3", "weight: 0", "yaml:[45][0-9]: .*greater than 0"),
        ("indicators.yaml", "equals: [move.initiated_by, origin_municipality]",
         "equals: [move.started_by, origin_municipality]", "move.started_by"),
        ("indicators.yaml", "equals: [move.initiated_by, origin_municipality]",
         "equals: [move.initiated_by, mayor]", "mayor"),
        ("indicators.yaml", "{equals: [crowded, true]}", "{equals: [cramped, true]}", "cramped"),
        ("indicators.yaml", "{equals: [crowded, true]}", "{equals: [crowded, \"yes\"]}",
         "true or false"),
        ("indicators.yaml", "{below: [days_since_arrival, 91]}",
         "{below: [move.initiated_by, 91]}", "not a number"),
        ("indicators.yaml", "sources: [policy.ability_to_pay]", "sources: [nowhere]", "nowhere"),
        ("indicators.yaml", "sources: [policy.ability_to_pay]", "sources: [policy.nowhere]",
         "policy.nowhere"),
        # A sign may not depend on the level it decides (only steps and urgency read it).
        ("indicators.yaml", '{equals: [move.referred_to_landlord_here, "yes"]}',
         "{in: [level, [strong]]}", "referred_to_landlord_here: unknown name 'level'"),
        ("steps.yaml", "one_month_after:request_case_transfer", "one_month_after:home_visit",
         "home_visit"),
        ("steps.yaml", "  - code: home_visit", "  - code: house_call", "spec's steps"),
        ("legal.yaml", "verified: false", "verified: maybe", "legal.yaml:[0-9]+: .*verified"),
        ("indicators.yaml", "levels:", "levels: [", "indicators.yaml:[0-9]+: "),
        # An unquoted yes is refused with its line (a dialogue-style condition, one syntax).
        ("indicators.yaml", '{equals: [move.tenancy_terminated_by_origin, "yes"]}',
         "{equals: [move.tenancy_terminated_by_origin, yes]}", 'indicators.yaml:[0-9]+: .*"yes"'),
        ("steps.yaml", "to_origin: anonymous", "to_origin: consent", "title_anonymous"),
        ("policies/2283.yaml", 'municipality: "2283"', 'municipality: "0180"', "named for"),
    ],
)
def test_broken_rule_files_fail_loudly(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    where = _copy_rules(tmp_path)
    text = (where / file).read_text("utf-8")
    assert old in text
    (where / file).write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(RulesError, match=message.replace("'", ".")):
        load_rules(where)


def test_legal_references_can_be_filled_in_without_code(tmp_path: Path) -> None:
    where = _copy_rules(tmp_path)
    legal = (where / "legal.yaml").read_text("utf-8")
    marker = (
        'citation: "2 a kap. 10 § socialtjänstlagen (2001:453)"\n'
        '    successor: "socialtjänstlagen (2025:400)"\n'
        "    new_reference: null"
    )
    assert marker in legal
    new = '"99 kap. 1 § socialtjänstlagen (2025:400)"'
    (where / "legal.yaml").write_text(legal.replace(marker, marker.replace("null", new)), "utf-8")
    rules = load_rules(where)
    assert rules.cite(("sol_request_case_transfer",), "sv", "2283") == (
        "2 a kap. 10 § socialtjänstlagen (2001:453), nu 99 kap. 1 § socialtjänstlagen (2025:400)"
    )
