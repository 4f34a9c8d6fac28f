"""Driving an Engine through the shipped dialogue by question id, for branch tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from intake.core.dialogue.api import QuestionKind
from intake.core.dialogue.engine import Engine
from intake.core.dialogue.loader import default_dialogue

TODAY = dt.date(2026, 11, 23)
RECEIVING = "2283"  # Sollefteå


def new_engine(**kwargs: object) -> Engine:
    return Engine(default_dialogue(), today=TODAY, receiving=RECEIVING, **kwargs)  # type: ignore[arg-type]


def drive(engine: Engine, answers: Mapping[str, str], *, limit: int = 200) -> list[str]:
    """Answer until the summary: by full id ("child_age#2"), then base id ("child_age");
    questions without a scripted answer are skipped, or given a plain answer when they must be."""
    asked: list[str] = []
    for _ in range(limit):
        view = engine.current()
        if view.kind is QuestionKind.SUMMARY:
            return asked
        asked.append(view.id)
        base = view.id.split("#")[0]
        text = answers.get(view.id, answers.get(base))
        if text is None and view.skippable:
            result = engine.skip()
        elif text is None:
            spec = engine.dialogue.questions[base].spec
            default = {QuestionKind.NUMBER: str(spec.minimum), QuestionKind.TRI: "nej"}
            result = engine.answer(default.get(view.kind, view.options[0].key if view.options
                                               else "x"))
        else:
            result = engine.answer(text)
        assert result.ok, (view.id, text, result.message)
    raise AssertionError("the dialogue did not reach the summary")


# A visit that shows every sign of social dumping (Stockholm → Sollefteå).
DUMPING = {
    "greeting": "",
    "name": "Anna Svensson",
    "origin": "Stockholm",
    "arrival_date": "2026-11-01",
    "registered_here": "nej",
    "interventions": "ekonomiskt bistånd, hemtjänst",
    "intervention_status.economic_assistance": "pågår",
    "intervention_status.home_care": "pågår",
    "came_recently": "ja",
    "establishment_ended": "nej",
    "initiated_by": "origin_municipality",
    "tenancy_terminated": "ja",
    "support_refused": "ja",
    "referred_to_landlord": "ja",
    "move_paid": "ja",
    "paid_after_assessment": "nej",
    "informed_in_advance": "nej",
    "understood_move": "nej",
    "housing_type": "second_hand",
    "landlord": "Bostad AB",
    "rooms": "1",
    "occupants": "3",
    "condition": "harmful",
    "ability_to_pay": "nej",
    "has_children": "ja",
    "child_age#1": "8",
    "child_school#1": "nej",
    "child_more#1": "ja",
    "child_age#2": "0",
    "child_more#2": "nej",
    "consent_contact": "ja",
    "consent_home_visit": "ja",
}

# A visit without a move: the person has always lived here.
NO_MOVE = {"greeting": "", "name": "Bo Ek", "housing_type": "first_hand", "has_children": "nej"}
