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
from intake.core.rules import Facts, Lang, Level, RuleSet, Urgency, load_rules


def _municipality(code: str) -> MunicipalityRef:
    found = by_code(code)
    if found is None:  # pragma: no cover - the record only holds known codes
        raise ValueError(f"unknown municipality code {code!r}")
    return MunicipalityRef(code=found.code, name=found.name, county=found.county)


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
    origin = _municipality(record.origin_municipality) if record.origin_municipality else None
    indicators: list[Indicator] = []
    counters: list[CounterIndicator] = []
    level: Level = "not_applicable"
    score = 0
    if facts.flags["moved_between_municipalities"]:
        origin_name = origin.name if origin else ""
        for rule, fires in rules.indicators:
            if fires(facts):
                score += rule.weight
                indicators.append(
                    Indicator(
                        code=rule.code,
                        weight=rule.weight,
                        explanation=rule.explanation.get(lang).replace("{origin}", origin_name),
                        source=rules.cite(rule.sources, lang),
                    )
                )
        for counter, holds in rules.counter_indicators:
            if holds(facts):
                counters.append(
                    CounterIndicator(
                        code=counter.code,
                        explanation=counter.explanation.get(lang).replace("{origin}", origin_name),
                        source=rules.cite(counter.sources, lang),
                    )
                )
        level = _level(score, rules)
    return Assessment(
        level=level,
        score=score,
        urgency=_urgency(facts, rules),
        indicators=tuple(indicators),
        counter_indicators=tuple(counters),
        next_steps=plan(record, level, lang=lang, facts=facts, rules=rules),
        normalized=Normalized(
            origin_municipality=origin,
            receiving_municipality=_municipality(record.receiving_municipality),
        ),
    )


def classify_data(
    data: dict[str, Any], *, receiving: str, today: dt.date | None = None, lang: Lang = "sv"
) -> dict[str, Any]:
    """Validate a raw record (raises pydantic's ValidationError) and return the assessment as
    the spec's JSON object."""
    record = IntakeRecord.parse(data, receiving=receiving, today=today)
    return assess(record, lang=lang).to_json_dict()
