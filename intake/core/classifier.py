"""The classifier: signs of social dumping in one record, a level, an urgency, the open
questions, and (through the planner) the next steps.

Deterministic and monotone by construction (dialogs/rules/indicators.yaml says how, in words a
social worker reads): the score is a sum of positive weights of the signs that fired; `strong`
needs a conduct sign (what the origin's social services did), circumstances alone give at most
`possible`, and with no conduct sign a move that was the person's own idea (or a placement the
origin made) is `none`. No sign fires on "unknown": an unknown answer that could raise the level
is an open question instead. Counter-indicators are listed beside the signs; they never
subtract.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from intake.core.assessment import (
    Assessment,
    CounterIndicator,
    Indicator,
    MunicipalityRef,
    Normalized,
    OpenQuestion,
)
from intake.core.lang import LEVEL_RANK, Lang, Level, Urgency
from intake.core.municipalities import by_code
from intake.core.planner import plan
from intake.core.record import IntakeRecord
from intake.core.rules import (
    CounterRule,
    Facts,
    IndicatorRule,
    OpenQuestionRule,
    RuleSet,
    load_rules,
)

T = TypeVar("T")


def _municipality(code: str) -> MunicipalityRef:
    found = by_code(code)
    if found is None:  # pragma: no cover - the record only holds known codes
        raise ValueError(f"unknown municipality code {code!r}")
    return MunicipalityRef(code=found.code, name=found.name, county=found.county)


def _memo(rules: RuleSet, key: tuple[object, ...], build: Callable[[], T]) -> T:
    """What `build` makes for `key`, made once per rule set: the values are immutable and
    derived from the rules alone, so one instance is shared by every visit."""
    found: T | None = rules.memo.get(key)
    if found is None:
        found = rules.memo[key] = build()
    return found


def _normalized(rules: RuleSet, origin: str | None, receiving: str) -> Normalized:
    return _memo(rules, ("normalized", origin, receiving), lambda: Normalized(
        origin_municipality=_municipality(origin) if origin else None,
        receiving_municipality=_municipality(receiving),
    ))


Sign = TypeVar("Sign", Indicator, CounterIndicator)


def _sign(
    rules: RuleSet,
    kind: type[Sign],
    rule: IndicatorRule | CounterRule,
    lang: Lang,
    places: tuple[str, str],
    **extra: int,
) -> Sign:
    """A sign or counter-sign that held, in words naming the origin, with its legal source
    as the receiving office cites it (`places`: origin name, receiving code)."""
    origin, receiving = places
    return _memo(rules, (kind.__name__, rule.code, lang, origin, receiving), lambda: kind(
        code=rule.code,
        explanation=rule.explanation.get(lang).replace("{origin}", origin),
        source=rules.cite(rule.sources, lang, receiving),
        **extra,
    ))


def _open_question(
    rules: RuleSet, rule: OpenQuestionRule, lang: Lang, origin: str, to: Level
) -> OpenQuestion:
    return _memo(rules, ("open", rule.field, lang, origin, to), lambda: OpenQuestion(
        field=rule.field,
        question=rule.question.get(lang).replace("{origin}", origin),
        could_raise_to="strong" if to == "strong" else "possible",
    ))


def signs(facts: Facts, rules: RuleSet) -> tuple[Level, int, list[IndicatorRule]]:
    """The level, the score and the signs that count, for a move between municipalities."""
    fired = [rule for rule, fires in rules.indicators if fires(facts)]
    conduct = any(rule.kind == "conduct" for rule in fired)
    if not conduct and rules.no_signs_when(facts):
        return "none", 0, []  # circumstances of the person's own move are not signs
    score = sum(rule.weight for rule in fired)
    levels = rules.levels
    if score >= levels.strong and conduct:
        return "strong", score, fired
    if score >= levels.possible:
        return "possible", score, fired
    return "none", score, fired


def open_questions(
    facts: Facts, level: Level, rules: RuleSet
) -> list[tuple[OpenQuestionRule, Level]]:
    """Each unknown answer that, answered the other way, would raise the level, with the
    level it could lead to."""
    if level == "strong":
        return []
    record = facts.record
    found: list[tuple[OpenQuestionRule, Level]] = []
    for rule in rules.open_questions:
        head, _, tail = rule.field.partition(".")
        current = getattr(getattr(record, head), tail) if tail else getattr(record, head)
        if current != "unknown":
            continue
        raised, _, _ = signs(facts.with_answer(rule.field, rule.value), rules)
        if LEVEL_RANK[raised] > LEVEL_RANK[level]:
            found.append((rule, raised))
    return found


def _urgency(facts: Facts, rules: RuleSet) -> Urgency:
    for rule, holds in rules.urgency:
        if holds(facts):
            return rule.level
    return "routine"


def assess(record: IntakeRecord, *, lang: Lang = "sv") -> Assessment:
    """Classify `record` and plan its next steps: a complete assessment."""
    rules = load_rules()
    facts = Facts(record)
    receiving = record.receiving_municipality
    normalized = _normalized(rules, record.origin_municipality, receiving)
    indicators: list[Indicator] = []
    counters: list[CounterIndicator] = []
    questions: list[OpenQuestion] = []
    level: Level = "not_applicable"
    score = 0
    if facts.moved_between_municipalities:
        origin = normalized.origin_municipality
        name = origin.name if origin else ""
        level, score, fired = signs(facts, rules)
        places = (name, receiving)
        indicators = [
            _sign(rules, Indicator, rule, lang, places, weight=rule.weight) for rule in fired
        ]
        counters = [
            _sign(rules, CounterIndicator, counter, lang, places)
            for counter, holds in rules.counter_indicators
            if holds(facts)
        ]
        questions = [
            _open_question(rules, rule, lang, name, to)
            for rule, to in open_questions(facts, level, rules)
        ]
    facts.level = level
    # Built without re-validation: every part was made here from validated rules and a
    # validated record (the tests validate the JSON of any record against the schema).
    return Assessment.model_construct(
        level=level,
        score=score,
        urgency=_urgency(facts, rules),
        indicators=tuple(indicators),
        counter_indicators=tuple(counters),
        open_questions=tuple(questions),
        next_steps=plan(record, level, lang=lang, facts=facts, rules=rules),
        rules=rules.stamp,
        normalized=normalized,
    )


def classify_data(
    data: dict[str, Any], *, receiving: str, today: dt.date | None = None, lang: Lang = "sv"
) -> dict[str, Any]:
    """Validate a raw record (raises pydantic's ValidationError) and return the assessment as
    the spec's JSON object."""
    record = IntakeRecord.parse(data, receiving=receiving, today=today)
    return assess(record, lang=lang).to_json_dict()
