"""Every branch of dialogs/intake.yaml: which questions are asked, and what the record gets."""

from __future__ import annotations

import pytest

from intake.core.dialogue.api import QuestionKind
from tests.dialogue.helpers import DUMPING, NO_MOVE, drive, new_engine

MOVE_QUESTIONS = {
    "arrival_date", "registered_here", "interventions", "establishment_ended", "initiated_by",
    "tenancy_terminated", "support_refused", "referred_to_landlord", "move_paid",
    "informed_in_advance", "understood_move", "left_job", "wants_return", "own_account",
}


def test_full_dumping_visit_asks_everything_and_records_it() -> None:
    engine = new_engine()
    asked = drive(engine, DUMPING)
    assert set(asked) >= MOVE_QUESTIONS
    assert {"paid_after_assessment", "consent_contact", "consent_home_visit"} <= set(asked)
    assert engine.is_complete
    record = engine.record()
    assert record.origin_municipality == "0180"
    assert [(i.type.value, i.status.value) for i in record.interventions] == [
        ("economic_assistance", "ongoing"),
        ("home_care", "ongoing"),
    ]
    assert all(i.municipality == "0180" for i in record.interventions)
    assert [(c.age, c.in_school_or_preschool) for c in record.children] == [
        (8, "no"),
        (0, "unknown"),
    ]
    assert record.move.paid_after_ordinary_assessment == "no"
    assert record.consent.contact_origin == "yes"
    assert record.housing.condition.value == "harmful"


def test_no_origin_skips_move_support_and_consent() -> None:
    engine = new_engine()
    asked = drive(engine, NO_MOVE)
    assert not MOVE_QUESTIONS & set(asked)
    assert "consent_contact" not in asked
    assert engine.record().origin_municipality is None
    # A plain case is short: welcome, name, the two safety questions and their introduction,
    # six about contact and household, origin, five about housing, children, one about needs.
    assert len(asked) <= 20


def test_origin_equal_to_receiving_skips_move_questions() -> None:
    engine = new_engine()
    asked = drive(engine, {**NO_MOVE, "origin": "Sollefteå"})
    assert "origin" in asked
    assert not MOVE_QUESTIONS & set(asked)
    assert engine.record().origin_municipality == "2283"


def test_no_payment_means_no_payment_follow_up() -> None:
    asked = drive(new_engine(), {**DUMPING, "move_paid": "nej"})
    assert "paid_after_assessment" not in asked
    asked = drive(new_engine(), {**DUMPING, "move_paid": "vet inte"})
    assert "paid_after_assessment" not in asked


def test_consent_only_when_something_points_to_dumping() -> None:
    calm = {
        **DUMPING,
        "initiated_by": "self",
        "tenancy_terminated": "nej",
        "support_refused": "nej",
        "referred_to_landlord": "nej",
        "move_paid": "nej",
        "understood_move": "ja",
    }
    asked = drive(new_engine(), calm)
    assert "initiated_by" in asked
    assert "consent_contact" not in asked
    for sign, value in [
        ("initiated_by", "origin_municipality"),
        ("tenancy_terminated", "ja"),
        ("support_refused", "ja"),
        ("referred_to_landlord", "ja"),
        ("wants_return", "ja"),
    ]:
        assert "consent_contact" in drive(new_engine(), {**calm, sign: value}), sign
    # "Did you understand the move?" is not asked when the move was the person's own idea.
    assert "understood_move" not in asked
    by_relatives = {**calm, "initiated_by": "relative"}
    assert "consent_contact" not in drive(new_engine(), by_relatives)
    assert "consent_contact" in drive(new_engine(), {**by_relatives, "understood_move": "nej"})
    paid_ordinary = {**calm, "move_paid": "ja", "paid_after_assessment": "ja"}
    assert "consent_contact" not in drive(new_engine(), paid_ordinary)
    paid_unknown = {**calm, "move_paid": "ja", "paid_after_assessment": "vet inte"}
    assert "consent_contact" in drive(new_engine(), paid_unknown)


@pytest.mark.parametrize("housing", ["homeless", "unknown"])
def test_no_home_no_landlord_or_size_questions(housing: str) -> None:
    asked = drive(new_engine(), {**NO_MOVE, "housing_type": housing})
    assert not {"landlord", "rooms", "occupants", "condition", "ability_to_pay"} & set(asked)


@pytest.mark.parametrize("housing", ["temporary", "lodging", "other"])
def test_housing_without_own_landlord(housing: str) -> None:
    asked = drive(new_engine(), {**NO_MOVE, "housing_type": housing})
    assert {"rooms", "occupants", "condition"} <= set(asked)
    assert not {"landlord", "ability_to_pay"} & set(asked)


@pytest.mark.parametrize("housing", ["first_hand", "second_hand", "sublet"])
def test_housing_with_landlord(housing: str) -> None:
    asked = drive(new_engine(), {**NO_MOVE, "housing_type": housing})
    assert {"landlord", "ability_to_pay"} <= set(asked)


def test_children_repeat_group_and_school_question_by_age() -> None:
    engine = new_engine()
    script = {
        **NO_MOVE,
        "has_children": "ja",
        "child_age#1": "0",
        "child_more#1": "ja",
        "child_age#2": "1",
        "child_school#2": "ja",
        "child_more#2": "ja",
        "child_age#3": "15",
        "child_school#3": "nej",
        "child_more#3": "nej",
    }
    asked = drive(engine, script)
    assert "child_school#1" not in asked
    assert {"child_school#2", "child_school#3"} <= set(asked)
    assert [(c.age, c.in_school_or_preschool) for c in engine.record().children] == [
        (0, "unknown"),
        (1, "yes"),
        (15, "no"),
    ]
    views = {line.question_id: line.question for line in engine.transcript()}
    assert views["child_age#3"].startswith("Barn 3")


def test_no_children_no_group() -> None:
    engine = new_engine()
    asked = drive(engine, NO_MOVE)
    assert not any(q.startswith("child_") for q in asked)
    assert engine.record().children == ()


def test_repeat_group_stops_at_its_maximum() -> None:
    engine = new_engine()
    script = {**NO_MOVE, "has_children": "ja", "child_age": "3", "child_school": "ja",
              "child_more": "ja"}
    asked = drive(engine, script)
    assert sum(q.startswith("child_age#") for q in asked) == 12
    assert len(engine.record().children) == 12


def test_each_selected_intervention_gets_its_status_question() -> None:
    engine = new_engine()
    script = {
        **DUMPING,
        "interventions": "lss, placement, other",
        "intervention_status.lss": "ansökt",
        "intervention_status.placement": "avslutat",
        "intervention_status.other": "pågår",
    }
    asked = drive(engine, script)
    statuses = [q for q in asked if q.startswith("intervention_status.")]
    assert statuses == [
        "intervention_status.placement",
        "intervention_status.lss",
        "intervention_status.other",
    ]
    got = {(i.type.value, i.status.value) for i in engine.record().interventions}
    assert got == {("lss", "applied"), ("placement", "ended"), ("other", "ongoing")}
    texts = [line.question for line in engine.transcript() if line.question_id == statuses[1]]
    assert texts[0].startswith("Insats enligt LSS:")


def test_no_interventions_no_status_questions() -> None:
    engine = new_engine()
    asked = drive(engine, {**DUMPING, "interventions": "inga"})
    assert not any(q.startswith("intervention_status") for q in asked)
    assert engine.record().interventions == ()


def test_person_fields_may_be_skipped_or_given() -> None:
    engine = new_engine()
    drive(engine, {**NO_MOVE, "personal_id": "19121212-1212", "phone": "070 1", "language":
                   "svenska", "interpreter": "nej"})
    person = engine.record().person
    assert (person.personal_id, person.phone, person.language) == (
        "19121212-1212", "070 1", "svenska"
    )
    assert person.interpreter_needed == "no"
    skipped = new_engine()
    drive(skipped, {"greeting": "", "housing_type": "homeless", "has_children": "nej"})
    assert skipped.record().person.name == ""
    assert skipped.record().person.personal_id is None


def test_info_continues_on_any_input_and_summary_refuses_answers() -> None:
    engine = new_engine()
    assert engine.current().kind is QuestionKind.INFO
    assert engine.answer("whatever").ok
    assert engine.current().id == "name"
    drive(engine, NO_MOVE)
    view = engine.current()
    assert view.kind is QuestionKind.SUMMARY and not view.skippable
    before = engine.events
    assert not engine.answer("ja").ok
    assert not engine.skip().ok
    assert engine.events == before


def test_dumping_walk_classifies_strong_and_plain_walk_not_applicable() -> None:
    engine = new_engine()
    drive(engine, DUMPING)
    assert engine.assessment().level == "strong"
    plain = new_engine()
    drive(plain, NO_MOVE)
    assert plain.assessment(lang="en").level == "not_applicable"
