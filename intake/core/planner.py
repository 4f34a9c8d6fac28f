"""Next steps and their deadlines: which of the spec's steps apply to a classified visit.

Conditions and due rules live in dialogs/rules/steps.yaml; this module only evaluates them in
the file's (the spec's) order and turns due rules into dates on the Swedish calendar.
"""

from __future__ import annotations

import datetime as dt

from intake.core.assessment import NextStep
from intake.core.deadlines import at_once, same_date_next_month, within_one_month
from intake.core.record import IntakeRecord
from intake.core.rules import Facts, Lang, Level, RuleSet, StepRule, load_rules

Dates = tuple[dt.date | None, dt.date | None]  # (due, not_before)


def _dates(rules: RuleSet, visit_date: dt.date) -> dict[str, Dates]:
    """Every step's (due, not_before) for a visit on `visit_date`, whether or not the step
    applies, so that "one month after X" can be counted even from a step that is not shown."""
    key = ("due", visit_date)
    found: dict[str, Dates] | None = rules.memo.get(key)
    if found is None:
        found = {}
        for step, _ in rules.steps:
            found[step.code] = _step_dates(step, found, visit_date)
        rules.memo[key] = found
    return found


def _start(when: str, earlier: dict[str, Dates], visit_date: dt.date) -> dt.date:
    start = earlier[when.split(":", 1)[1]][0]
    return start if start is not None else at_once(visit_date)


def _step_dates(step: StepRule, earlier: dict[str, Dates], visit_date: dt.date) -> Dates:
    if step.not_before is not None:
        return None, same_date_next_month(_start(step.not_before, earlier, visit_date))
    if step.due is None:
        return None, None
    if step.due == "at_once":
        return at_once(visit_date), None
    return within_one_month(_start(step.due, earlier, visit_date)), None


def _next_step(rules: RuleSet, step: StepRule, lang: Lang, dates: Dates) -> NextStep:
    """The rendered step; immutable, so one instance per (step, language, dates) is shared."""
    key = ("step", step.code, lang, dates)
    found: NextStep | None = rules.memo.get(key)
    if found is None:
        found = rules.memo[key] = NextStep(
            code=step.code,
            title=step.title.get(lang),
            due=dates[0],
            not_before=dates[1],
            basis=f"{step.basis.get(lang)} ({rules.cite(step.basis.references, lang)})",
        )
    return found


def plan(
    record: IntakeRecord,
    level: Level,
    *,
    lang: Lang = "sv",
    facts: Facts | None = None,
    rules: RuleSet | None = None,
) -> tuple[NextStep, ...]:
    """The next steps for `record` classified at `level`, `ordinary_intake` always last."""
    rules = rules or load_rules()
    if facts is None:
        facts = Facts(record, level)
    else:
        facts.level = level
    dates = _dates(rules, record.visit_date)
    return tuple(
        _next_step(rules, step, lang, dates[step.code])
        for step, applies in rules.steps
        if applies(facts)
    )
