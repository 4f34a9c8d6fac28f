"""Random walks through the shipped dialogue: valid and invalid answers, skips, backs, edits and
language switches. A walk never raises, never reaches an invalid state, can always be finished,
replays to the same visit, and its record classifies the same as through `intake classify`.

200 examples x 50 steps = 10,000 random steps.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.core.classifier import classify_data
from intake.core.dialogue.api import QuestionKind, QuestionView
from intake.core.dialogue.engine import Engine
from intake.core.dialogue.loader import default_dialogue
from tests.dialogue.helpers import DUMPING, NO_MOVE, RECEIVING, TODAY, drive, new_engine

STEPS = 50
VALID: dict[QuestionKind, list[str]] = {
    QuestionKind.INFO: ["", "ok"],
    QuestionKind.TEXT: ["Anna Svensson", "Bostads AB", "arabiska"],
    QuestionKind.LONGTEXT: ["De sa att jag måste flytta.\nSå jag flyttade."],
    QuestionKind.TRI: ["ja", "nej", "vet inte", "yes", "no", "1", "2", "3"],
    QuestionKind.MUNICIPALITY: ["Stockholm", "Sollefteå", "solleftea", "0180", "Göteborg"],
    QuestionKind.DATE: ["2026-11-01", "2 veckor sedan", "2025-06-30"],
    QuestionKind.PERSONAL_ID: ["19121212-1212", "121212-1212"],
}
INVALID = ["", "blåbär", "-5", "\x1b[31mröd\x1b[0m", "9999-99-99", "1000", "x" * 300]


def _valid_answer(data: st.DataObject, view: QuestionView) -> str:
    if view.kind is QuestionKind.CHOICE:
        index = data.draw(st.integers(0, len(view.options) - 1))
        return data.draw(st.sampled_from([view.options[index].key, str(index + 1)]))
    if view.kind is QuestionKind.MULTI:
        keys = [o.key for o in view.options]
        chosen = data.draw(st.lists(st.sampled_from(keys), max_size=4, unique=True))
        return ", ".join(chosen) if chosen else "inga"
    if view.kind is QuestionKind.NUMBER:
        spec = default_dialogue().questions[view.id.split("#")[0]].spec
        return str(data.draw(st.integers(spec.minimum, min(spec.maximum, 20))))
    return data.draw(st.sampled_from(VALID[view.kind]))


def _check_invariants(engine: Engine) -> None:
    dialogue = engine.dialogue
    path = engine.path
    view = engine.current()
    assert view.id in path
    for key in path:
        assert dialogue.has_state(key.split("#")[0])
    assert len(set(path)) == len(path)
    assert engine.is_complete == (path[-1] == "summary")
    transcript = engine.transcript()
    assert [line.question_id for line in transcript] == list(path[:-1])
    engine.record()  # always a valid intake-record/1
    progress = engine.progress()
    assert 1 <= progress.section_index <= progress.section_count


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_random_walks(data: st.DataObject) -> None:
    engine = new_engine()
    for _ in range(STEPS):
        view = engine.current()
        action = data.draw(
            st.sampled_from(["valid"] * 6 + ["invalid", "skip", "back", "edit", "lang"])
        )
        if action == "valid" and view.kind is not QuestionKind.SUMMARY:
            result = engine.answer(_valid_answer(data, view))
            assert result.ok, (view.id, result.message)
        elif action in ("invalid", "valid"):
            before = engine.events
            result = engine.answer(data.draw(st.sampled_from(INVALID)))
            if not result.ok:
                assert result.message
                assert engine.events == before
        elif action == "skip":
            result = engine.skip()
            assert result.ok == (view.skippable and view.kind is not QuestionKind.SUMMARY)
        elif action == "back":
            engine.back()
        elif action == "edit":
            engine.edit(data.draw(st.sampled_from(engine.path)))
        else:
            engine.lang = "en" if engine.lang == "sv" else "sv"
        _check_invariants(engine)
    replayed = new_engine(events=engine.events)
    assert replayed.path == engine.path
    assert replayed.record() == engine.record()
    drive(engine, {})  # whatever happened, the summary can still be reached
    assert engine.is_complete
    _check_invariants(engine)
    record = engine.record()
    assert engine.assessment(lang="sv").to_json_dict() == classify_data(
        record.to_json_dict(), receiving=RECEIVING, today=TODAY, lang="sv"
    )


def _cli_assessment(record: dict[str, Any]) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "intake", "classify", "-", "--lang", "sv"],
        input=json.dumps(record), capture_output=True, text=True, check=True,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def test_walks_classify_the_same_through_the_cli() -> None:
    scripts = [
        DUMPING,
        NO_MOVE,
        {**DUMPING, "initiated_by": "self", "move_paid": "ja", "paid_after_assessment": "ja",
         "informed_in_advance": "ja", "housing_type": "homeless", "has_children": "nej"},
        {**NO_MOVE, "origin": "Sollefteå"},
    ]
    levels = set()
    for script in scripts:
        engine = Engine(default_dialogue(), today=TODAY, receiving=RECEIVING)
        drive(engine, script)
        record = engine.record().to_json_dict()
        mine = engine.assessment().to_json_dict()
        assert _cli_assessment(record) == mine
        levels.add(mine["level"])
    assert {"strong", "not_applicable"} <= levels
