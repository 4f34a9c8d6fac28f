"""The machine carries the conversation: linear in the file, states are questions, the visit
holds the state, and a question not asked is passed by through the machine's own transitions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from intake.core.dialogue.engine import Engine, Visit
from intake.core.dialogue.loader import default_dialogue, parse_dialogue
from intake.core.dialogue.machine import NEXT, NOT_ASKED
from tests.dialogue.generated import generate
from tests.dialogue.helpers import DUMPING, RECEIVING, TODAY, drive, new_engine


def _generated(n: int) -> Engine:
    dialogue = parse_dialogue(generate(n).encode(), Path(f"generated-{n}.yaml"))
    return Engine(dialogue, today=dt.date(2026, 11, 23))


def test_transitions_grow_linearly_with_the_questions() -> None:
    """The first loader added an edge from each conditional question to every later one
    (quadratic); now each question has its jumps plus at most three transitions."""
    for n in (50, 500, 2000):
        dialogue = parse_dialogue(generate(n).encode(), Path("g.yaml"))
        jumps = sum(1 for e in dialogue.edges if e.kind == "goto")
        assert len(dialogue.question_ids) == n
        assert len(dialogue.edges) <= 3 * n + jumps, n
        assert len(dialogue.edges) >= n  # every question has at least its `next`


def test_each_question_has_one_next_and_the_last_reaches_the_summary() -> None:
    dialogue = default_dialogue()
    unconditional = {e.source for e in dialogue.edges if e.trigger == NEXT and not e.conditions}
    assert unconditional == set(dialogue.question_ids)
    assert {e.trigger for e in dialogue.edges} == {NEXT, NOT_ASKED}


def test_the_visit_holds_the_state_the_path_stops_at() -> None:
    engine = new_engine()
    drive(engine, DUMPING)
    assert engine.visit_state == "summary"
    engine.edit("origin")
    # Going back moves a cursor only; the machine's model is still at the end of the walk.
    assert engine.visit_state == "summary"
    engine.answer("Sollefteå")  # moved within the municipality: the move questions go
    assert engine.visit_state == engine.path[-1].split("#")[0]
    assert "arrival_date" not in engine.path


def test_all_no_passes_by_every_conditional_question() -> None:
    engine = _generated(50)
    asked = []
    while not engine.is_complete:
        asked.append(engine.current().id)
        assert engine.answer("nej").ok
    # Each section's first question is asked; the rest only after a yes. Sections with a
    # `when` on the previous section's first answer, and the repeat group, are passed by.
    assert asked == ["q0_0", "q1_0", "q3_0", "q4_0"]


def test_all_yes_walks_every_question_and_loops_the_group_to_its_max() -> None:
    engine = _generated(50)
    asked = []
    while not engine.is_complete:
        asked.append(engine.current().id)
        assert engine.answer("ja").ok
    plain = [f"q{s}_{i}" for s in range(4) for i in range(10)]
    group = [f"q4_{i}" for i in range(7)] + [
        f"q4_{i}#{k}" for k in range(1, 6) for i in (7, 8, 9)
    ]
    assert asked == plain + group


def test_state_is_set_from_outside_only_to_correct_an_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A visit walks by the machine's own transitions: answering forward, and replaying a log
    of forward answers, never rewinds the visit (`Visit.rewind`, the one place that sets the
    state from outside); a correction rewinds once, to the corrected question."""
    rewinds: list[str] = []
    real = Visit.rewind

    def spy(self: Visit, state: str, index: int | None, items: Any) -> None:
        rewinds.append(state)
        real(self, state, index, items)

    monkeypatch.setattr(Visit, "rewind", spy)
    engine = new_engine()
    drive(engine, DUMPING)
    replayed = Engine(engine.dialogue, today=TODAY, receiving=RECEIVING, events=engine.events)
    assert replayed.path == engine.path
    assert rewinds == []
    engine.edit("origin")
    engine.answer("Malmö")
    assert rewinds == ["origin"]
