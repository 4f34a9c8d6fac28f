"""Next steps and their dates: which of the spec's steps apply to a classified visit.

Conditions and date rules live in dialogs/rules/steps.yaml; this module evaluates them in the
file's (the spec's) order, turns date rules into dates on the Swedish calendar, and applies
the two rules that secrecy and safety make absolute, for every step the file marks:
- a step that tells the origin about the person (`to_origin`, the spec's ✉) appears only with
  the person's consent, or, where the file allows it, without anything that identifies them;
- when there is a safety concern (violence, threats, protected personal data), no such step
  and no step towards a return or transfer appears at all.
"""

from __future__ import annotations

import datetime as dt

from intake.core.assessment import NextStep
from intake.core.deadlines import at_once, next_working_day, same_date_next_month, within_one_month
from intake.core.lang import Lang, Level
from intake.core.record import IntakeRecord
from intake.core.rules import Facts, RuleSet, StepRule, load_rules

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
    due = step.due
    if due is None:
        return None, None
    if due == "same_day":
        return visit_date, None
    if due == "at_once":
        return at_once(visit_date), None
    if due.startswith("within_days:"):
        days = int(due.split(":", 1)[1])
        return next_working_day(visit_date + dt.timedelta(days=days)), None
    return within_one_month(_start(due, earlier, visit_date)), None


def _next_step(
    rules: RuleSet, step: StepRule, lang: Lang, dates: Dates, receiving: str, anonymous: bool
) -> NextStep:
    """The rendered step; immutable, so one instance per (step, language, dates, municipality,
    anonymity) is shared."""
    key = ("step", step.code, lang, dates, receiving, anonymous)
    found: NextStep | None = rules.memo.get(key)
    if found is None:
        title = step.title_anonymous if anonymous and step.title_anonymous else step.title
        found = rules.memo[key] = NextStep(
            code=step.code,
            title=title.get(lang),
            due=dates[0],
            not_before=dates[1],
            basis=f"{step.basis.get(lang)} "
            f"({rules.cite(step.basis.references, lang, receiving)})",
        )
    return found


def allowed(step: StepRule, facts: Facts) -> tuple[bool, bool]:
    """(may the step appear at all, must it be made without identifying the person), by the
    secrecy and safety rules alone."""
    if facts.safety_concern and (step.to_origin is not None or step.towards_return):
        return False, False
    if step.to_origin is None:
        return True, False
    consent = facts.record.consent.contact_origin == "yes"
    if step.to_origin == "consent":
        return consent, False
    return True, not consent


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
    receiving = record.receiving_municipality
    out: list[NextStep] = []
    for step, applies in rules.steps:
        if not applies(facts):
            continue
        may, anonymous = allowed(step, facts)
        if may:
            out.append(_next_step(rules, step, lang, dates[step.code], receiving, anonymous))
    return tuple(out)
