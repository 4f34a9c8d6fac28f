"""The questions of issue 14: safety first, placements, ties, and asking only what can matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.core.conditions import references
from intake.core.dialogue.engine import Engine
from intake.core.dialogue.loader import DialogueError, load_dialogue
from tests.dialogue.helpers import DUMPING, NO_MOVE, RECEIVING, TODAY, drive, new_engine

SELF_MOVE = {
    **NO_MOVE,
    "origin": "Umeå",
    "interventions": "inga",
    "initiated_by": "self",
    "move_paid": "nej",
}


def test_safety_questions_come_right_after_the_name() -> None:
    asked = drive(new_engine(), NO_MOVE)
    assert asked[:5] == ["greeting", "name", "safety_intro", "violence", "protected_identity"]


@pytest.mark.parametrize("typed", ["3", "inte frågat nu", "unknown"])
def test_not_asked_now_is_unknown(typed: str) -> None:
    engine = new_engine()
    drive(engine, {**NO_MOVE, "violence": typed, "protected_identity": typed})
    record = engine.record()
    assert record.safety.violence_or_threats == "unknown"
    assert record.safety.protected_identity == "unknown"
    line = next(x for x in engine.transcript() if x.question_id == "violence")
    assert line.answer == "Inte frågat nu"


@pytest.mark.parametrize("field", ["violence", "protected_identity"])
def test_safety_concern_asks_nothing_towards_the_origin(field: str) -> None:
    engine = new_engine()
    asked = drive(engine, {**DUMPING, field: "ja", "wants_return": "ja"})
    assert "safety_first" in asked
    assert not {"consent_contact", "consent_home_visit", "wants_return", "years_in_origin"} & set(
        asked
    )
    record = engine.record()
    assert "yes" in (record.safety.violence_or_threats, record.safety.protected_identity)
    assert record.consent.contact_origin == "unknown"


def test_dumping_visit_fills_the_new_keys() -> None:
    engine = new_engine()
    script = {
        **DUMPING,
        "violence": "nej",
        "protected_identity": "nej",
        "age": "ca 45 år",
        "adults": "två vuxna",
        "origin_district": "Rinkeby-Kista",
        "years_in_origin": "6 år",
        "work_or_studies_in_origin": "ja",
        "network_in_origin": "nej",
        "children_school_in_origin": "ja",
        "network_here": "nej",
        "unmet_care_need": "ja",
    }
    asked = drive(engine, script)
    assert {"age", "adults", "origin_district", "years_in_origin", "network_here"} <= set(asked)
    record = engine.record()
    assert record.person.age == 45
    assert record.household.adults == 2
    assert record.origin_district == "Rinkeby-Kista"
    assert (record.ties.years_in_origin, record.ties.work_or_studies_in_origin) == (6, "yes")
    assert record.ties.network_in_origin == "no" and record.ties.network_here == "no"
    assert record.ties.children_school_in_origin == "yes"
    assert record.needs.unmet_care_need == "yes"
    assert record.safety.violence_or_threats == "no"


def test_age_only_without_a_personal_identity_number() -> None:
    asked = drive(new_engine(), {**NO_MOVE, "personal_id": "19121212-1212"})
    assert "age" not in asked
    assert "age" in drive(new_engine(), NO_MOVE)


@pytest.mark.parametrize(("origin", "asked"), [("Stockholm", True), ("Göteborg", True),
                                                ("Malmö", True), ("Umeå", False)])
def test_district_only_where_the_origin_has_districts(origin: str, asked: bool) -> None:
    assert ("origin_district" in drive(new_engine(), {**NO_MOVE, "origin": origin})) is asked


def test_placement_by_the_origin_is_asked_per_ongoing_placement() -> None:
    engine = new_engine()
    script = {
        **DUMPING,
        "interventions": "ekonomiskt bistånd, placering, LSS, stödboende",
        "intervention_status.economic_assistance": "pågår",
        "intervention_status.placement": "pågår",
        "intervention_status.lss": "avslutat",
        "intervention_status.supported_housing": "pågår",
        "placed_here.placement": "ja",
        "placed_here.supported_housing": "nej",
        "initiated_by": "self",
        "tenancy_terminated": "nej",
        "support_refused": "nej",
        "referred_to_landlord": "nej",
        "move_paid": "nej",
    }
    asked = drive(engine, script)
    placed = [q for q in asked if q.startswith("placed_here")]
    # Not for economic assistance (never a placement), not for the LSS support that ended.
    assert placed == ["placed_here.supported_housing", "placed_here.placement"]
    by_type = {i.type.value: i for i in engine.record().interventions}
    assert by_type["placement"].placed_here_by_origin == "yes"
    assert by_type["supported_housing"].placed_here_by_origin == "no"
    assert by_type["lss"].placed_here_by_origin == "unknown"
    assert "consent_contact" in asked  # a reminder to the origin needs consent


@pytest.mark.parametrize("status", ["vet inte", None])
def test_an_unknown_or_skipped_status_keeps_the_support(status: str | None) -> None:
    engine = new_engine()
    script = {**DUMPING, "interventions": "hemtjänst"}
    script.pop("intervention_status.home_care")
    if status is not None:
        script["intervention_status.home_care"] = status
    asked = drive(engine, script)
    assert "intervention_status.home_care" in asked
    assert [(i.type.value, i.status.value) for i in engine.record().interventions] == [
        ("home_care", "unknown")
    ]


def test_establishment_allowance_only_for_someone_who_came_recently() -> None:
    assert "establishment_ended" not in drive(new_engine(), {**DUMPING, "came_recently": "nej"})
    assert "establishment_ended" in drive(new_engine(), DUMPING)


def test_own_idea_without_support_or_payment_asks_no_further_move_questions() -> None:
    asked = drive(new_engine(), SELF_MOVE)
    assert {"arrival_date", "registered_here", "initiated_by", "move_paid",
            "tenancy_terminated", "wants_return"} <= set(asked)
    assert not {"support_refused", "referred_to_landlord", "informed_in_advance",
                "understood_move", "left_job", "own_account", "consent_contact",
                "years_in_origin"} & set(asked)
    # With support there, or a payment, the questions can matter again.
    paid = drive(new_engine(), {**SELF_MOVE, "move_paid": "ja", "paid_after_assessment": "nej"})
    assert {"referred_to_landlord", "informed_in_advance", "consent_contact"} <= set(paid)
    supported = drive(new_engine(), {**SELF_MOVE, "interventions": "hemtjänst"})
    assert {"support_refused", "referred_to_landlord"} <= set(supported)


def test_arrival_and_registration_belong_to_the_move() -> None:
    dialogue = new_engine().dialogue
    assert dialogue.questions["arrival_date"].section_id == "move"
    assert dialogue.questions["registered_here"].section_id == "move"


def test_ties_only_when_the_origins_conduct_points_to_dumping() -> None:
    assert "years_in_origin" in drive(new_engine(), DUMPING)
    calm = {**DUMPING, "initiated_by": "relative", "tenancy_terminated": "nej",
            "support_refused": "nej", "referred_to_landlord": "nej", "move_paid": "nej"}
    assert "years_in_origin" not in drive(new_engine(), calm)


FOR_EACH = """\
id: t
version: "1"
title: {sv: T, en: T}
sections:
  - id: one
    title: {sv: Ett, en: One}
    questions:
      - id: kinds
        kind: multi
        text: {sv: Stöd, en: Support}
        maps_to: interventions[].type
        options:
          - {key: home_care, label: {sv: Hemtjänst, en: Home care}}
          - {key: lss, label: {sv: LSS, en: LSS}}
      - id: status
        kind: choice
        for_each_selected: kinds
        text: {sv: "{option}?", en: "{option}?"}
        maps_to: interventions[].status
        options:
          - {key: ongoing, label: {sv: Pågår, en: Ongoing}}
          - {key: ended, label: {sv: Slut, en: Ended}}
      - id: placed
        kind: tri
        for_each_selected: kinds
        for_options: [FOR_OPTIONS]
        when: {equals: [status, ongoing]}
        text: {sv: "{option} här?", en: "{option} here?"}
        maps_to: interventions[].placed_here_by_origin
summary:
  title: {sv: Klart, en: Done}
  text: {sv: Klart, en: Done}
"""


def test_for_options_and_a_sibling_named_by_its_own_id(tmp_path: Path) -> None:
    target = tmp_path / "ok.yaml"
    target.write_text(FOR_EACH.replace("FOR_OPTIONS", "lss"), "utf-8")
    dialogue = load_dialogue(target)
    assert dialogue.question_ids == ("kinds", "status.home_care", "status.lss", "placed.lss")
    placed = dialogue.questions["placed.lss"].when
    assert placed is not None and "status.lss" in references(placed)
    engine = Engine(dialogue, today=TODAY, receiving=RECEIVING)
    assert drive(engine, {"kinds": "1, 2", "status.lss": "pågår"})[-1] == "placed.lss"
    engine = Engine(dialogue, today=TODAY, receiving=RECEIVING)
    assert "placed.lss" not in drive(engine, {"kinds": "1, 2", "status.lss": "slut"})


def test_for_options_names_only_the_multi_selects_options(tmp_path: Path) -> None:
    target = tmp_path / "bad.yaml"
    target.write_text(FOR_EACH.replace("FOR_OPTIONS", "lss, placement"), "utf-8")
    with pytest.raises(DialogueError) as caught:
        load_dialogue(target)
    assert any(
        "for_options: 'placement' is not an option of 'kinds'" in p for p in caught.value.problems
    )
