"""The headless runner: each scenario driven through the real Engine and classifier.

The visitor answers every question the dialogue asks with the scenario's reply, "vet inte"
where the script does not cover a yes/no question, or a skip. A reply the engine does not
understand is a difference (a misspelled municipality that is no longer recognised is a
regression), and the question is then skipped as a receptionist would after asking again.

A scenario whose `waits_for` names unfinished work and that fails is reported as waiting, not
as failing; one that passes although it waits is reported so its `waits_for` can go.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from intake.core.classifier import assess
from intake.core.dialogue.engine import Engine
from intake.core.dialogue.loader import Dialogue
from intake.core.training.compare import (
    AssessmentCodes,
    Difference,
    compare_assessment,
    compare_record,
)
from intake.core.training.scenario import Scenario
from intake.core.training.visitor import SimulatedVisitor

Status = Literal["pass", "fail", "waits", "passes_now"]
MAX_QUESTIONS = 500  # a dialogue that loops for ever is a failure, not a hang


@dataclass(frozen=True, slots=True)
class Played:
    """One scenario played through the engine: the path, the record and the assessment."""

    states: tuple[str, ...]  # dialogue states visited in order, the summary last
    record: dict[str, Any]
    assessment: dict[str, Any]
    not_understood: tuple[Difference, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    scenario: Scenario
    differences: tuple[Difference, ...]
    played: Played
    seconds: float

    @property
    def status(self) -> Status:
        """Passed or failed; for a scenario that waits for unfinished work, still waiting or
        passing now."""
        if self.scenario.waits_for:
            return "waits" if self.differences else "passes_now"
        return "fail" if self.differences else "pass"

    @property
    def failed(self) -> bool:
        return self.status == "fail"


def play(scenario: Scenario, dialogue: Dialogue) -> Played:
    engine = Engine(dialogue, lang="sv", receiving=scenario.receiving, today=scenario.visit_date)
    visitor = SimulatedVisitor(scenario, dialogue)
    problems: list[Difference] = []
    for _ in range(MAX_QUESTIONS):
        view = engine.current()
        reply = visitor.reply(view, "sv")
        if reply is None:
            break
        if reply.entered is None:
            result = engine.skip()
        else:
            result = engine.answer(reply.entered)
            if not result.ok:
                problems.append(Difference(f"reply.{view.id}", "understood", repr(reply.entered)))
                result = engine.skip()
        if not result.ok:  # a question that cannot be skipped and was not understood
            problems.append(Difference(f"reply.{view.id}", "covered by the script", "stuck"))
            break
    else:
        problems.append(Difference("dialogue", f"at most {MAX_QUESTIONS} questions", "more"))
    record = engine.record()
    assessment = assess(record, lang="sv").to_json_dict()
    states = tuple(state_of_key(key) for key in engine.path)
    return Played(states, record.to_json_dict(), assessment, tuple(problems))


def state_of_key(key: str) -> str:
    return key.split("#", 1)[0]


def check(scenario: Scenario, played: Played) -> list[Difference]:
    out = list(played.not_understood)
    out += compare_record(scenario.expect.record, played.record)
    codes = AssessmentCodes.from_json(played.assessment)
    out += compare_assessment(scenario.expect.assessment, codes)
    return out


def run_scenario(scenario: Scenario, dialogue: Dialogue) -> Outcome:
    started = time.perf_counter()
    played = play(scenario, dialogue)
    differences = tuple(check(scenario, played))
    return Outcome(scenario, differences, played, time.perf_counter() - started)


def run_all(scenarios: Iterable[Scenario], dialogue: Dialogue) -> list[Outcome]:
    return [run_scenario(s, dialogue) for s in scenarios]


# ---------------------------------------------------------------------------------------------
# Coverage


@dataclass(frozen=True, slots=True)
class Coverage:
    """What of the dialogue and the rules no scenario reaches."""

    transitions: tuple[tuple[str, str], ...]  # (source, dest) of the machine never taken
    questions: tuple[str, ...]  # states never asked
    rules: dict[str, tuple[str, ...]] = field(default_factory=dict)  # kind -> codes never fired
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return not (self.transitions or self.questions or any(self.rules.values()))


def machine_transitions(dialogue: Dialogue) -> list[tuple[str, str]]:
    """Every (source, dest) pair of the dialogue's transitions machine, in its order."""
    pairs: list[tuple[str, str]] = []
    for transition in dialogue.machine.get_transitions():
        pair = (str(transition.source), str(transition.dest))
        if pair not in pairs:
            pairs.append(pair)
    return pairs


def rule_codes() -> dict[str, tuple[str, ...]]:
    """The codes of every sign, counter-sign and step in the shipped rules."""
    from intake.core.rules import load_rules

    rules = load_rules()
    return {
        "signs": tuple(rule.code for rule, _ in rules.indicators),
        "counter_signs": tuple(rule.code for rule, _ in rules.counter_indicators),
        "steps": tuple(rule.code for rule, _ in rules.steps),
    }


def coverage(outcomes: Iterable[Outcome], dialogue: Dialogue) -> Coverage:
    taken: set[tuple[str, str]] = set()
    asked: set[str] = set()
    fired: dict[str, set[str]] = {"signs": set(), "counter_signs": set(), "steps": set()}
    for outcome in outcomes:
        states = outcome.played.states
        asked.update(states)
        taken.update(itertools.pairwise(states))
        codes = AssessmentCodes.from_json(outcome.played.assessment)
        fired["signs"].update(codes.signs)
        fired["counter_signs"].update(codes.counter_signs)
        fired["steps"].update(codes.steps)
    pairs = machine_transitions(dialogue)
    questions = list(dialogue.questions)
    all_rules = rule_codes()
    return Coverage(
        transitions=tuple(p for p in pairs if p not in taken),
        questions=tuple(q for q in questions if q not in asked),
        rules={kind: tuple(c for c in codes if c not in fired[kind])
               for kind, codes in all_rules.items()},
        totals={"transitions": len(pairs), "questions": len(questions),
                **{kind: len(codes) for kind, codes in all_rules.items()}},
    )


def junit_xml(outcomes: Iterable[Outcome]) -> str:
    """A JUnit report: one test case per scenario; waiting scenarios are skipped ones."""
    from xml.etree import ElementTree as ET

    items = list(outcomes)
    suite = ET.Element(
        "testsuite",
        name="intake scenarios",
        tests=str(len(items)),
        failures=str(sum(o.failed for o in items)),
        skipped=str(sum(o.status == "waits" for o in items)),
        time=f"{sum(o.seconds for o in items):.3f}",
    )
    for o in items:
        case = ET.SubElement(
            suite, "testcase", classname="scenarios", name=o.scenario.id, time=f"{o.seconds:.4f}"
        )
        detail = "\n".join(d.line() for d in o.differences)
        if o.failed:
            ET.SubElement(case, "failure", message=f"{len(o.differences)} difference(s)").text = (
                detail
            )
        elif o.status == "waits":
            who = ", ".join(f"{w.who}: {w.what}" for w in o.scenario.waits_for)
            ET.SubElement(case, "skipped", message=f"waits for {who}").text = detail
    return ET.tostring(suite, encoding="unicode", xml_declaration=True)
