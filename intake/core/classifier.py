"""The classifier: signs of social dumping in one record, a level, an urgency, next steps.

Deterministic and monotone by construction: the score is a sum of positive weights of the
indicators that fired, the level is the highest threshold reached, and no indicator fires on
a counter value (see dialogs/rules/indicators.yaml), so a further sign never lowers the level.
Counter-indicators are listed beside the signs; they never subtract.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from intake.core.assessment import (
    Assessment,
    CounterIndicator,
    Indicator,
    MunicipalityRef,
    Normalized,
)
from intake.core.municipalities import by_code
from intake.core.planner import plan
from intake.core.record import IntakeRecord
from intake.core.rules import (
    CounterRule,
    Facts,
    IndicatorRule,
    Lang,
    Level,
    RuleSet,
    Urgency,
    load_rules,
)


def _municipality(code: str) -> MunicipalityRef:
    found = by_code(code)
    if found is None:  # pragma: no cover - the record only holds known codes
        raise ValueError(f"unknown municipality code {code!r}")
    return MunicipalityRef(code=found.code, name=found.name, county=found.county)


def _normalized(rules: RuleSet, origin: str | None, receiving: str) -> Normalized:
    key = ("normalized", origin, receiving)
    found: Normalized | None = rules.memo.get(key)
    if found is None:
        found = rules.memo[key] = Normalized(
            origin_municipality=_municipality(origin) if origin else None,
            receiving_municipality=_municipality(receiving),
        )
    return found


def _indicator(rules: RuleSet, rule: IndicatorRule, lang: Lang, origin: str) -> Indicator:
    """The rendered sign; immutable, so one instance per (rule, language, origin) is shared."""
    key = ("indicator", rule.code, lang, origin)
    found: Indicator | None = rules.memo.get(key)
    if found is None:
        found = rules.memo[key] = Indicator(
            code=rule.code,
            weight=rule.weight,
            explanation=rule.explanation.get(lang).replace("{origin}", origin),
            source=rules.cite(rule.sources, lang),
        )
    return found


def _counter(rules: RuleSet, rule: CounterRule, lang: Lang, origin: str) -> CounterIndicator:
    key = ("counter", rule.code, lang, origin)
    found: CounterIndicator | None = rules.memo.get(key)
    if found is None:
        found = rules.memo[key] = CounterIndicator(
            code=rule.code,
            explanation=rule.explanation.get(lang).replace("{origin}", origin),
            source=rules.cite(rule.sources, lang),
        )
    return found


def _level(score: int, rules: RuleSet) -> Level:
    if score >= rules.thresholds.strong:
        return "strong"
    if score >= rules.thresholds.possible:
        return "possible"
    return "none"


def _urgency(facts: Facts, rules: RuleSet) -> Urgency:
    for rule, holds in rules.urgency:
        if holds(facts):
            return rule.level
    return "routine"


def assess(record: IntakeRecord, *, lang: Lang = "sv") -> Assessment:
    """Classify `record` and plan its next steps: a complete assessment."""
    rules = load_rules()
    facts = Facts(record)
    normalized = _normalized(rules, record.origin_municipality, record.receiving_municipality)
    indicators: list[Indicator] = []
    counters: list[CounterIndicator] = []
    level: Level = "not_applicable"
    score = 0
    if facts.flags["moved_between_municipalities"]:
        origin = normalized.origin_municipality
        origin_name = origin.name if origin else ""
        for rule, fires in rules.indicators:
            if fires(facts):
                score += rule.weight
                indicators.append(_indicator(rules, rule, lang, origin_name))
        for counter, holds in rules.counter_indicators:
            if holds(facts):
                counters.append(_counter(rules, counter, lang, origin_name))
        level = _level(score, rules)
    return Assessment(
        level=level,
        score=score,
        urgency=_urgency(facts, rules),
        indicators=tuple(indicators),
        counter_indicators=tuple(counters),
        open_questions=(),
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
