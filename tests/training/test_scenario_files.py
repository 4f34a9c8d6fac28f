"""The scenario format: every shipped scenario loads, and a broken file names file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.core.training.scenario import (
    ScenarioError,
    load_scenarios,
    parse_scenario,
    scenario_files,
)

MINIMAL = """\
id: tiny
title: {sv: "Liten", en: "Tiny"}
difficulty: easy
background: {sv: "Påhittad.", en: "Fictitious."}
visit_date: "2026-11-20"
facts:
  origin_municipality: "Stockholm"
expect:
  assessment: {level: none}
teaching:
  - {about: level, text: {sv: "a", en: "a"}, source: "x"}
"""


def _parse(text: str) -> object:
    return parse_scenario(text.encode(), Path("s.yaml"))


def test_every_shipped_scenario_loads_and_there_are_enough() -> None:
    scenarios = load_scenarios()
    assert len(scenarios) >= 24
    assert len({s.id for s in scenarios}) == len(scenarios)
    assert len(scenario_files()) == len(scenarios)


def test_every_scenario_is_fictitious_and_has_a_teaching_point_with_a_source() -> None:
    for scenario in load_scenarios():
        assert "påhittad" in scenario.background.sv.lower(), scenario.id
        assert "fictitious" in scenario.background.en.lower(), scenario.id
        assert all(t.source for t in scenario.teaching)


def test_the_minimal_scenario_parses() -> None:
    scenario = _parse(MINIMAL)
    assert scenario.id == "tiny"  # type: ignore[attr-defined]


def test_an_unquoted_yes_is_refused_with_its_line() -> None:
    text = MINIMAL.replace('  assessment: {level: none}', '  record: {registered_here: yes}\n'
                           '  assessment: {level: none}')
    with pytest.raises(ScenarioError) as caught:
        _parse(text)
    (problem,) = caught.value.problems
    assert problem.startswith("s.yaml:9:"), problem
    assert "yes" in problem


def test_an_unknown_key_names_file_line_and_key() -> None:
    text = MINIMAL.replace("difficulty: easy", "difficulty: easy\nmood: grumpy")
    with pytest.raises(ScenarioError) as caught:
        _parse(text)
    assert caught.value.problems == ("s.yaml:1: mood: unknown key",)


def test_a_bad_value_deep_inside_names_the_line_of_its_mapping() -> None:
    text = MINIMAL.replace("facts:\n  origin_municipality: \"Stockholm\"",
                           "facts:\n  origin_municipality:\n    says: \"Stockholm\"\n    answr: x")
    with pytest.raises(ScenarioError) as caught:
        _parse(text)
    assert any(p.startswith("s.yaml:8:") and "answr" in p for p in caught.value.problems)


def test_an_impossible_date_and_an_unknown_level_are_refused() -> None:
    text = MINIMAL.replace('visit_date: "2026-11-20"', "visit_date: 2026-02-30")
    with pytest.raises(ScenarioError) as caught:
        _parse(text)
    assert caught.value.problems[0].startswith("s.yaml:1: visit_date:")
    text = MINIMAL.replace("level: none", "level: dumped")
    with pytest.raises(ScenarioError) as caught:
        _parse(text)
    assert any("expect.assessment.level" in p for p in caught.value.problems)


def test_must_and_must_not_cannot_name_the_same_code() -> None:
    text = MINIMAL.replace(
        "{level: none}", "{level: none, steps: {must: [home_visit], must_not: [home_visit]}}"
    )
    with pytest.raises(ScenarioError) as caught:
        _parse(text)
    assert any("home_visit" in p for p in caught.value.problems)


def test_two_files_with_one_id_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(MINIMAL, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenarios([tmp_path])
    assert any("also used by" in p for p in caught.value.problems)


def test_not_utf8_and_not_a_mapping() -> None:
    with pytest.raises(ScenarioError):
        parse_scenario(b"\xff\xfe", Path("s.yaml"))
    with pytest.raises(ScenarioError):
        _parse("- just\n- a list\n")


def test_a_scenario_may_leave_the_level_open() -> None:
    text = MINIMAL.replace("{level: none}", "{steps: {must: [ordinary_intake]}}")
    scenario = parse_scenario(text.encode(), Path("s.yaml"))
    assert scenario.expect.assessment.level is None
