"""Next steps and their deadlines: which of the spec's steps apply to a classified visit.

Conditions and due rules live in dialogs/rules/steps.yaml; this module only evaluates them in
the file's (the spec's) order and turns due rules into dates on the Swedish calendar.
"""

from __future__ import annotations

import datetime as dt

from intake.core.assessment import NextStep
from intake.core.deadlines import at_once, within_one_month
from intake.core.record import IntakeRecord
from intake.core.rules import Facts, Lang, Level, RuleSet, StepRule, load_rules


def _due_dates(rules: RuleSet, visit_date: dt.date) -> dict[str, dt.date | None]:
    """Every step's due date for a visit on `visit_date`, whether or not the step applies, so
    that "one month after X" can be counted even from a step that is not shown."""
    key = ("due", visit_date)
    found: dict[str, dt.date | None] | None = rules.memo.get(key)
    if found is None:
        found = {}
        for step, _ in rules.steps:
            found[step.code] = _due(step, found, visit_date)
        rules.memo[key] = found
    return found


def _due(step: StepRule, earlier: dict[str, dt.date | None], visit_date: dt.date) -> dt.date | None:
    if step.due is None:
        return None
    if step.due == "at_once":
        return at_once(visit_date)
    start = earlier[step.due.split(":", 1)[1]]
    return within_one_month(start if start is not None else at_once(visit_date))


def _next_step(rules: RuleSet, step: StepRule, lang: Lang, due: dt.date | None) -> NextStep:
    """The rendered step; immutable, so one instance per (step, language, date) is shared."""
    key = ("step", step.code, lang, due)
    found: NextStep | None = rules.memo.get(key)
    if found is None:
        found = rules.memo[key] = NextStep(
            code=step.code,
            title=step.title.get(lang),
            due=due,
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
    dues = _due_dates(rules, record.visit_date)
    return tuple(
        _next_step(rules, step, lang, dues[step.code])
        for step, applies in rules.steps
        if applies(facts)
    )
