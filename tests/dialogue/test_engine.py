"""Engine behaviour: the event log, navigation, set-aside answers, views, stamps and migration."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from dialogs import path as dialog_path
from intake.core.dialogue.api import AnswerEvent, DialogueStamp, QuestionKind
from intake.core.dialogue.engine import Engine, ReplayError, StampMismatch
from intake.core.dialogue.loader import default_dialogue, load_dialogue
from intake.core.dialogue.migration import migrate
from tests.dialogue.helpers import DUMPING, NO_MOVE, RECEIVING, TODAY, drive, new_engine


def test_not_understood_changes_nothing() -> None:
    engine = new_engine()
    engine.answer("")
    engine.answer("Anna")
    while engine.current().id != "interpreter":
        assert engine.skip().ok
    events = len(engine.events)
    result = engine.answer("blåbär")
    assert not result.ok and result.message
    assert engine.current().id == "interpreter"
    assert len(engine.events) == events


def test_skip_refused_where_an_answer_is_needed() -> None:
    engine = new_engine()
    drive(engine, {**NO_MOVE, "has_children": "ja", "child_age": "4", "child_school": "ja",
                   "child_more": "nej"})
    engine.edit("child_age#1")
    result = engine.skip()
    assert not result.ok and "svar" in result.message
    assert engine.current().id == "child_age#1"


def test_replay_of_the_log_gives_the_same_visit() -> None:
    engine = new_engine()
    drive(engine, DUMPING)
    engine.edit("housing_type")
    engine.answer("homeless")
    replayed = new_engine(events=engine.events)
    assert replayed.path == engine.path
    assert replayed.record() == engine.record()
    assert replayed.transcript() == engine.transcript()
    as_json = [AnswerEvent.from_json(e.to_json()) for e in engine.events]
    assert new_engine(events=as_json).record() == engine.record()


def test_back_then_answer_is_a_correction_and_returns_to_the_frontier() -> None:
    engine = new_engine()
    for text in ["", "Anna"]:
        assert engine.answer(text).ok
    while engine.current().id != "interpreter":
        assert engine.answer("").ok if engine.current().kind is QuestionKind.INFO \
            else engine.skip().ok
    assert engine.back() and engine.current().id == "language"
    assert engine.back() and engine.current().id == "phone"
    engine.answer("070-1", reason="typo")
    assert engine.events[-1].kind == "corrected"
    assert engine.events[-1].reason == "typo"
    assert engine.current().id == "interpreter"
    assert engine.record().person.phone == "070-1"


def test_back_stops_at_the_first_question() -> None:
    engine = new_engine()
    assert not engine.back()
    engine.answer("")
    assert engine.back()
    assert engine.current().id == "greeting"
    assert not engine.back()


def test_changing_an_answer_sets_later_ones_aside_and_brings_them_back() -> None:
    engine = new_engine()
    drive(engine, DUMPING)
    assert engine.record().move.tenancy_terminated_by_origin == "yes"
    engine.edit("origin")
    engine.answer("Sollefteå")  # no move after all
    assert "tenancy_terminated" not in engine.path
    assert engine.record().move.tenancy_terminated_by_origin == "unknown"
    assert engine.record().interventions == ()
    # Answers set aside must not steer the new path: the consent questions hang on signs
    # from the move section, which is no longer on the path.
    assert "consent_contact" not in engine.path
    assert engine.record().consent.contact_origin == "unknown"
    assert engine.is_complete  # later answers still on the path carry on
    engine.edit("origin")
    engine.answer("Stockholm")
    assert "tenancy_terminated" in engine.path
    assert "consent_contact" in engine.path
    assert engine.record().move.tenancy_terminated_by_origin == "yes"
    assert len(engine.record().interventions) == 2
    assert engine.is_complete


def test_homeless_sets_landlord_aside() -> None:
    engine = new_engine()
    drive(engine, DUMPING)
    engine.edit("housing_type")
    engine.answer("saknar bostad")
    record = engine.record()
    assert record.housing.landlord == "" and record.housing.rooms is None
    assert "landlord" not in engine.path


def test_fewer_children_drops_the_extra_items() -> None:
    engine = new_engine()
    drive(engine, DUMPING)
    engine.edit("child_more#1")
    engine.answer("nej")
    assert [c.age for c in engine.record().children] == [8]
    engine.edit("child_more#1")
    engine.answer("ja")
    assert [c.age for c in engine.record().children] == [8, 0]


def test_edit_refuses_questions_off_the_path() -> None:
    engine = new_engine()
    drive(engine, NO_MOVE)
    with pytest.raises(ReplayError):
        engine.edit("tenancy_terminated")
    with pytest.raises(ReplayError):
        engine.edit("no_such_question")
    assert engine.edit("name").id == "name"
    assert engine.edit("summary").kind is QuestionKind.SUMMARY


def test_replay_refuses_events_off_the_path() -> None:
    event = AnswerEvent("answered", "tenancy_terminated", "ja", "yes")
    with pytest.raises(ReplayError):
        new_engine(events=[event])


def test_language_switch_rerenders() -> None:
    engine = new_engine()
    drive(engine, DUMPING)
    sv = engine.transcript()
    engine.lang = "en"
    en = engine.transcript()
    assert sv[1].question == "Vad heter du?" and en[1].question == "What is your name?"
    tri = next(line for line in en if line.question_id == "tenancy_terminated")
    assert tri.answer == "yes"
    assert next(f for f in engine.facts() if f.label == "Origin municipality").value == (
        "Stockholm (0180)"
    )
    engine.edit("interpreter")
    assert [o.label for o in engine.current().options] == ["yes", "no", "don't know"]


def test_progress_counts_sections_and_answers() -> None:
    engine = new_engine()
    first = engine.progress()
    assert (first.section_index, first.answered) == (1, 0)
    assert first.section_count == len(engine.dialogue.sections) + 1
    drive(engine, NO_MOVE)
    last = engine.progress()
    assert last.section_index == last.section_count
    assert last.answered == len(engine.path) - 1


def test_transcript_marks_skips_and_keeps_raw_text() -> None:
    engine = new_engine()
    drive(engine, {**NO_MOVE, "origin": "solleftea"})
    lines = {line.question_id: line for line in engine.transcript()}
    assert lines["personal_id"].skipped and lines["personal_id"].answer == ""
    assert lines["origin"].raw == "solleftea"
    assert lines["origin"].answer == "Sollefteå (2283)"
    labels = [f.label for f in engine.facts()]
    assert "Personnummer" not in labels and "Namn" in labels


def test_question_view_of_a_choice() -> None:
    engine = new_engine()
    drive(engine, NO_MOVE)
    view = engine.edit("housing_type")
    assert view.kind is QuestionKind.CHOICE
    assert view.section_id == "housing"
    assert view.options[0].key == "first_hand"
    assert view.repeat_index is None


# -- stamps and migration ----------------------------------------------------------------------


def test_stamp_is_version_and_sha256_of_the_file() -> None:
    import hashlib

    dialogue = default_dialogue()
    digest = hashlib.sha256(dialog_path("intake.yaml").read_bytes()).hexdigest()
    assert dialogue.stamp == DialogueStamp("intake", "2", digest)
    assert new_engine().stamp == dialogue.stamp
    assert new_engine(stamp=dialogue.stamp).stamp == dialogue.stamp


def test_a_draft_from_another_version_is_never_resumed_silently() -> None:
    old = DialogueStamp("intake", "0", "0" * 64)
    with pytest.raises(StampMismatch, match="migrate"):
        new_engine(stamp=old)


def _changed_dialogue(tmp_path: Path) -> Path:
    text = dialog_path("intake.yaml").read_text("utf-8")
    text = text.replace('version: "1"', 'version: "2"')
    # v2 no longer asks whether the person left a job, and phones must be given differently.
    start = text.index("      - id: left_job")
    end = text.index("      - id: wants_return")
    text = text[:start] + text[end:]
    target = tmp_path / "intake_v2.yaml"
    target.write_text(text, "utf-8")
    return target


def test_migrate_replays_onto_the_new_version_and_reports_what_no_longer_applies(
    tmp_path: Path,
) -> None:
    engine = new_engine()
    drive(engine, {**DUMPING, "left_job": "ja"})
    v2 = load_dialogue(_changed_dialogue(tmp_path))
    assert v2.version == "2"
    with pytest.raises(StampMismatch):
        Engine(v2, events=engine.events, stamp=engine.stamp, today=TODAY)
    moved = migrate(engine.events, v2, receiving=RECEIVING, today=TODAY)
    assert moved.dropped == ["left_job"]
    assert moved.engine.is_complete
    assert moved.engine.stamp == v2.stamp
    old = engine.record().model_dump()
    new = moved.engine.record().model_dump()
    old["move"]["left_employment"] = "unknown"
    assert new == old


def test_migrate_reports_answers_set_aside_in_the_old_visit(tmp_path: Path) -> None:
    engine = new_engine()
    drive(engine, DUMPING)
    engine.edit("origin")
    engine.answer("Sollefteå")
    moved = migrate(engine.events, load_dialogue(_changed_dialogue(tmp_path)), today=TODAY)
    assert "tenancy_terminated" in moved.dropped
    assert moved.engine.record().origin_municipality == "2283"


def test_events_are_immutable_records() -> None:
    engine = new_engine()
    engine.answer("")
    event = engine.events[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.raw = "x"  # type: ignore[misc]
