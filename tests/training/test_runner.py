"""The headless runner: every scenario through the real engine and classifier."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from intake.core.dialogue.loader import default_dialogue
from intake.core.training.runner import coverage, junit_xml, run_all, run_scenario
from intake.core.training.scenario import Scenario, Waiting, load_scenarios

SCENARIOS = {s.id: s for s in load_scenarios()}


@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_no_shipped_scenario_fails(scenario_id: str) -> None:
    outcome = run_scenario(SCENARIOS[scenario_id], default_dialogue())
    assert outcome.status == "pass", [d.line() for d in outcome.differences]
    assert not outcome.scenario.waits_for  # no shipped scenario waits for unfinished work
    assert outcome.played.states[-1] == "summary"


def _with_expect(scenario: Scenario, **assessment: object) -> Scenario:
    expected = scenario.expect.assessment.model_copy(update=assessment)
    return scenario.model_copy(
        update={"expect": scenario.expect.model_copy(update={"assessment": expected}),
                "waits_for": ()}
    )


def test_a_wrong_expectation_fails_with_the_difference() -> None:
    scenario = _with_expect(SCENARIOS["paid_ticket_no_means_test"], level="none")
    outcome = run_scenario(scenario, default_dialogue())
    assert outcome.status == "fail"
    assert [(d.where, d.expected, d.actual) for d in outcome.differences] == [
        ("level", "none", "strong")
    ]


def test_a_reply_the_engine_does_not_understand_is_a_difference() -> None:
    base = SCENARIOS["move_for_work"]
    facts = {**base.facts, "origin_municipality": base.facts["arrival_date"]}  # a date, not a place
    scenario = base.model_copy(update={"facts": facts})
    outcome = run_scenario(scenario, default_dialogue())
    assert outcome.status == "fail"
    assert outcome.differences[0].where == "reply.origin"


def test_an_uncovered_tri_question_is_answered_dont_know() -> None:
    base = SCENARIOS["move_for_work"]
    facts = {k: v for k, v in base.facts.items() if k != "registered_here"}
    outcome = run_scenario(base.model_copy(update={"facts": facts}), default_dialogue())
    assert outcome.played.record["registered_here"] == "unknown"


def test_a_waiting_scenario_that_passes_is_reported_as_passing_now() -> None:
    base = SCENARIOS["move_for_work"]
    waits = (Waiting(who="dialogue", what="a question not yet asked"),)
    waiting = base.model_copy(update={"waits_for": waits})
    assert run_scenario(waiting, default_dialogue()).status == "passes_now"


def test_coverage_reaches_every_question_and_rule() -> None:
    found = coverage(run_all(SCENARIOS.values(), default_dialogue()), default_dialogue())
    assert found.questions == ()
    assert all(codes == () for codes in found.rules.values()), found.rules
    assert found.totals["transitions"] > len(found.transitions)


def test_junit_report_names_each_scenario() -> None:
    outcomes = run_all(list(SCENARIOS.values())[:3], default_dialogue())
    bad = run_scenario(_with_expect(SCENARIOS["move_for_work"], level="strong"), default_dialogue())
    root = ET.fromstring(junit_xml([*outcomes, bad]))  # noqa: S314 - our own output
    assert root.get("tests") == "4"
    assert root.get("failures") == "1"
    failed = [c for c in root if c.find("failure") is not None]
    assert [c.get("name") for c in failed] == ["move_for_work"]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "intake", "scenarios", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )


def test_cli_run_passes_and_writes_junit(tmp_path: Path) -> None:
    report = tmp_path / "junit.xml"
    done = _cli("run", "--junit", str(report))
    assert done.returncode == 0, done.stdout + done.stderr
    assert " 0 failed" in done.stdout.splitlines()[-1]
    assert ET.parse(report).getroot().get("tests") == str(len(SCENARIOS))  # noqa: S314


def test_cli_run_fails_on_a_failing_scenario(tmp_path: Path) -> None:
    source = Path(SCENARIOS["move_for_work"].path).read_text("utf-8")
    (tmp_path / "bad.yaml").write_text(source.replace("level: none", "level: strong"), "utf-8")
    done = _cli("run", str(tmp_path))
    assert done.returncode == 1
    assert "FAIL" in done.stdout and "level: expected strong, got none" in done.stdout


def test_cli_broken_file_exit_2_with_file_line(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: x\nfacts: {registered_here: no}\n", "utf-8")
    done = _cli("check", str(tmp_path))
    assert done.returncode == 2
    assert f"{tmp_path / 'broken.yaml'}:2:" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_coverage_lists_transitions() -> None:
    done = _cli("coverage")
    assert done.returncode == 0
    assert "questions never asked: 0 of" in done.stdout
    assert "transitions not taken:" in done.stdout
