"""The debrief: a trainee's record and decision against the scenario's, point by point.

What is compared: each fact the scenario says matters (missed: the trainee's record has no
value or "unknown"; wrong: another value), the level, the steps that must and must not be
chosen, and two rules that are never a matter of judgement: nothing that identifies the person
goes to the origin without consent (OSL 26 kap. 1 §), and nothing at all goes there, and no
return or transfer is planned, when the person is exposed to violence or has protected
identity. Each point carries the scenario's teaching points and the rule it rests on.

Score: one point per fact that matters, two for the level, one per step that must be chosen;
a step that must not be chosen costs one, a broken consent or safety rule three. The score is
the share of the possible points, 0-100.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from intake.core.dialogue.api import Lang
from intake.core.lang import pick
from intake.core.rules import RuleSet, load_rules
from intake.core.training.compare import ABSENT, same, value_at
from intake.core.training.scenario import Scenario


@dataclass(frozen=True, slots=True)
class StepKinds:
    """Which steps the safety and consent rules are about, as dialogs/rules/steps.yaml marks
    them: `to_origin` (the spec's ✉: the step tells the origin something about the person;
    `anonymous` ones may be taken without consent, then without identifying detail) and
    `towards_return` (the step moves the person or their case back to the origin)."""

    to_origin: frozenset[str]
    anonymous: frozenset[str]
    towards_return: frozenset[str]


def step_kinds(rules: RuleSet | None = None) -> StepKinds:
    """The kinds as the shipped rules (or `rules`) mark them."""
    steps = [rule for rule, _holds in (rules or load_rules()).steps]
    return StepKinds(
        to_origin=frozenset(s.code for s in steps if s.to_origin),
        anonymous=frozenset(s.code for s in steps if s.to_origin == "anonymous"),
        towards_return=frozenset(s.code for s in steps if s.towards_return),
    )


CONSENT_RULE = "26 kap. 1 § offentlighets- och sekretesslagen (2009:400)"
SAFETY_RULE = "intake-assessment/2: safety first (violence, threats, protected identity)"
RECORD_RULE = "intake-record/1"
LEVEL_RULE = "intake-assessment/2: level"
STEP_RULE = "intake-assessment/2: next steps"

PointKind = Literal[
    "fact_ok", "fact_missed", "fact_wrong", "level", "step_missed", "step_wrong", "consent",
    "safety",
]
FACT_POINT, LEVEL_POINTS, STEP_POINT = 1, 2, 1
WRONG_STEP_COST, RULE_COST = 1, 3


@dataclass(frozen=True, slots=True)
class Decision:
    """What the trainee decided: the level and the steps chosen."""

    level: str
    steps: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Point:
    kind: PointKind
    subject: str  # a record path, a step code, "level", or "consent"/"safety"
    expected: str
    given: str
    ok: bool
    rule: str  # the rule or policy section the point rests on
    teaching: tuple[str, ...] = ()  # the scenario's teaching texts for this point


# What each point that can be earned is worth: the possible points count them all, earned or
# not; a step that must not be chosen and a broken rule can only cost (`_earned`).
WORTH: dict[PointKind, int] = {
    "fact_ok": FACT_POINT, "fact_missed": FACT_POINT, "fact_wrong": FACT_POINT,
    "level": LEVEL_POINTS, "step_missed": STEP_POINT,
}


def _earned(point: Point) -> int:
    """What the point adds to the score, or takes from it."""
    if point.kind == "step_wrong":
        return -WRONG_STEP_COST
    if point.kind in ("consent", "safety"):
        return 0 if point.ok else -RULE_COST
    return WORTH.get(point.kind, 0) if point.ok else 0


@dataclass(frozen=True, slots=True)
class Debrief:
    scenario_id: str
    points: tuple[Point, ...]

    @property
    def possible(self) -> int:
        return sum(WORTH.get(p.kind, 0) for p in self.points)

    @property
    def earned(self) -> int:
        return sum(_earned(p) for p in self.points)

    @property
    def score(self) -> int:
        return max(0, round(100 * self.earned / self.possible)) if self.possible else 0

    @property
    def mistakes(self) -> tuple[Point, ...]:
        return tuple(p for p in self.points if not p.ok)

    def broke(self, rule: Literal["consent", "safety"]) -> bool:
        return any(p.kind == rule and not p.ok for p in self.points)


def _show(value: Any) -> str:
    if value in ABSENT:
        return "–"
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_show(v)}" for k, v in value.items())
    return str(value)


class _Teacher:
    def __init__(self, scenario: Scenario, lang: Lang) -> None:
        self.scenario = scenario
        self.lang = lang

    def texts(self, about: str) -> tuple[str, ...]:
        return tuple(t.text.get(self.lang) for t in self.scenario.teaching_for(about))

    def rule(self, about: str, default: str, *, always: bool = False) -> str:
        """The scenario's sources for `about`, else `default`; with `always`, `default` leads
        (a rule of law is named whatever else the scenario cites)."""
        sources = [t.source for t in self.scenario.teaching_for(about)]
        if always:
            sources = [default, *(s for s in sources if default not in s)]
        return "; ".join(sources) if sources else default


def _facts(scenario: Scenario, record: Mapping[str, Any], teacher: _Teacher) -> list[Point]:
    out = []
    for path, want in scenario.expect.record.items():
        got = value_at(record, path)
        about = f"field:{path}"
        if same(want, got):
            kind: PointKind = "fact_ok"
        elif got in ABSENT:
            kind = "fact_missed"
        else:
            kind = "fact_wrong"
        out.append(
            Point(kind, path, _show(want), _show(got), kind == "fact_ok",
                  teacher.rule(about, RECORD_RULE), teacher.texts(about))
        )
    return out


def _steps(scenario: Scenario, chosen: Iterable[str], teacher: _Teacher,
           step_rules: Mapping[str, str]) -> list[Point]:
    picked = set(chosen)
    expected = scenario.expect.assessment.steps
    out = []
    for code in expected.must:
        about = f"step:{code}"
        out.append(Point("step_missed", code, "✓", "✓" if code in picked else "–",
                         code in picked, teacher.rule(about, step_rules.get(code, STEP_RULE)),
                         teacher.texts(about)))
    for code in expected.must_not:
        if code in picked:
            about = f"step:{code}"
            out.append(Point("step_wrong", code, "–", "✓", False,
                             teacher.rule(about, step_rules.get(code, STEP_RULE)),
                             teacher.texts(about)))
    return out


def _rules(scenario: Scenario, record: Mapping[str, Any], chosen: Iterable[str],
           teacher: _Teacher) -> list[Point]:
    lang = teacher.lang
    picked = set(chosen)
    kinds = step_kinds()
    out = []
    unsafe = any(
        scenario.expect.record.get(path) == "yes" or value_at(record, path) == "yes"
        for path in ("safety.violence_or_threats", "safety.protected_identity")
    )
    if unsafe:
        broken = sorted(picked & (kinds.to_origin | kinds.towards_return))
        expected = pick(lang, "inga ✉-steg, ingen återflytt eller överflyttning",
                        "no ✉ step, no return or transfer")
        out.append(Point("safety", "safety", expected, ", ".join(broken) or "–", not broken,
                         teacher.rule("rule:safety", SAFETY_RULE, always=True),
                         teacher.texts("rule:safety")))
    consent = value_at(record, "consent.contact_origin")
    if consent != "yes":
        broken = sorted(picked & (kinds.to_origin - kinds.anonymous))
        if broken or not unsafe:
            expected = pick(lang, "inget ✉-steg som identifierar personen utan samtycke",
                            "no ✉ step that identifies the person without consent")
            out.append(Point("consent", "consent", expected, ", ".join(broken) or "–",
                             not broken, teacher.rule("rule:consent", CONSENT_RULE, always=True),
                             teacher.texts("rule:consent")))
    return out


def debrief(
    scenario: Scenario,
    record: Mapping[str, Any],
    decision: Decision,
    *,
    lang: Lang = "sv",
    step_rules: Mapping[str, str] | None = None,
) -> Debrief:
    """Compare the trainee's record (intake-record/1 JSON) and decision with the scenario.

    `step_rules` gives each step's legal basis, for steps the scenario teaches nothing about.
    """
    teacher = _Teacher(scenario, lang)
    level_want = scenario.expect.assessment.level
    points = _facts(scenario, record, teacher)
    if level_want is not None:
        points.append(
            Point("level", "level", level_want, decision.level, decision.level == level_want,
                  teacher.rule("level", LEVEL_RULE), teacher.texts("level"))
        )
    points += _steps(scenario, decision.steps, teacher, step_rules or {})
    points += _rules(scenario, record, decision.steps, teacher)
    return Debrief(scenario.id, tuple(points))


def point_title(point: Point, lang: Lang) -> str:
    """One line naming what the point is about, in the user's language."""
    titles = {
        "fact_ok": ("Rätt uppgift", "Fact right"),
        "fact_missed": ("Missad uppgift", "Fact missed"),
        "fact_wrong": ("Fel uppgift", "Fact wrong"),
        "level": ("Nivå", "Level"),
        "step_missed": ("Åtgärd som ska med", "Step that must be there"),
        "step_wrong": ("Åtgärd som inte ska med", "Step that must not be there"),
        "consent": ("Samtyckesregeln", "The consent rule"),
        "safety": ("Säkerhetsregeln", "The safety rule"),
    }
    sv, en = titles[point.kind]
    if point.kind in ("consent", "safety"):
        state = pick(lang, "bruten", "broken") if not point.ok else pick(lang, "följd", "kept")
        return f"{pick(lang, sv, en)}: {state}"
    return f"{pick(lang, sv, en)}: {point.subject}"
