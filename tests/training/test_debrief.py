"""The debrief names each mistake with its rule, and scores."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import dialogs
from intake.core.dialogue.loader import default_dialogue
from intake.core.rules import load_rules
from intake.core.training.debrief import CONSENT_RULE, Decision, debrief, step_kinds
from intake.core.training.runner import play
from intake.core.training.scenario import load_scenarios

SCENARIOS = {s.id: s for s in load_scenarios()}


def _played(scenario_id: str) -> dict[str, Any]:
    return play(SCENARIOS[scenario_id], default_dialogue()).record


def test_a_perfect_decision_scores_100() -> None:
    scenario = SCENARIOS["paid_ticket_no_means_test"]
    decision = Decision("strong", scenario.expect.assessment.steps.must)
    result = debrief(scenario, _played(scenario.id), decision)
    assert result.mistakes == ()
    assert result.score == 100


def test_a_missed_fact_and_a_consent_breach_are_named_with_their_rules() -> None:
    scenario = SCENARIOS["consent_refused"]
    record = _played(scenario.id)
    record["move"]["wants_to_return"] = "unknown"  # the trainee never asked
    steps = (*scenario.expect.assessment.steps.must, "request_justification")
    result = debrief(scenario, record, Decision("strong", steps))
    kinds = {(p.kind, p.subject) for p in result.mistakes}
    assert ("fact_missed", "move.wants_to_return") in kinds
    assert ("step_wrong", "request_justification") in kinds
    assert result.broke("consent")
    consent = next(p for p in result.mistakes if p.kind == "consent")
    assert CONSENT_RULE in consent.rule
    assert "request_justification" in consent.given
    assert consent.teaching  # the scenario's teaching point on consent
    assert result.score < 100


def test_anonymous_letters_do_not_break_the_consent_rule() -> None:
    scenario = SCENARIOS["consent_refused"]
    decision = Decision("strong", ("contact_origin_municipality", "send_official_letter"))
    assert not debrief(scenario, _played(scenario.id), decision).broke("consent")


def test_any_letter_breaks_the_safety_rule_with_violence() -> None:
    scenario = SCENARIOS["violence_protected_identity"]
    record = _played(scenario.id)
    result = debrief(scenario, record, Decision("none", ("send_official_letter",)))
    assert result.broke("safety")
    ok = debrief(scenario, record, Decision("none", ("safety_assessment",)))
    assert not ok.broke("safety")


def test_a_wrong_fact_and_a_wrong_level() -> None:
    scenario = SCENARIOS["misspelled_municipality"]
    record = _played(scenario.id)
    record["origin_municipality"] = "2283"
    result = debrief(scenario, record, Decision("possible", ()))
    kinds = {(p.kind, p.subject, p.expected, p.given) for p in result.mistakes}
    assert ("fact_wrong", "origin_municipality", "2284", "2283") in kinds
    assert ("level", "level", "strong", "possible") in kinds
    assert result.score == 0 or result.score < 50


def test_the_steps_the_rules_are_about_come_from_the_step_file(tmp_path: Path) -> None:
    """✉ and return steps are what dialogs/rules/steps.yaml marks, not a list in the code:
    a step no longer marked `to_origin` is no longer one the consent rule is about."""
    shipped = step_kinds()
    assert "send_official_letter" in shipped.anonymous <= shipped.to_origin
    assert "request_case_transfer" in shipped.to_origin & shipped.towards_return
    rules = tmp_path / "rules"
    shutil.copytree(dialogs.path("rules"), rules)
    steps = rules / "steps.yaml"
    text = steps.read_text(encoding="utf-8")
    marked = "  - code: request_justification\n    condition: {in: [level, [strong]]}\n"
    assert marked + "    to_origin: consent\n" in text
    steps.write_text(text.replace(marked + "    to_origin: consent\n", marked), encoding="utf-8")
    edited = step_kinds(load_rules(rules))
    assert shipped.to_origin - edited.to_origin == {"request_justification"}
