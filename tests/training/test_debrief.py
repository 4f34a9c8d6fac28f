"""The debrief names each mistake with its rule, and scores."""

from __future__ import annotations

from typing import Any

from intake.core.dialogue.loader import default_dialogue
from intake.core.training.debrief import CONSENT_RULE, Decision, debrief
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
