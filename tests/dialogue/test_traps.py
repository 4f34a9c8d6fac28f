"""The known traps of `transitions`, each shown on a bare machine and then avoided by ours."""

from __future__ import annotations

from typing import Any

import pytest
from transitions import Machine

from intake.core.dialogue.engine import ReplayError, Visit
from intake.core.dialogue.loader import default_dialogue
from intake.core.dialogue.machine import TRIGGERS
from tests.dialogue.helpers import DUMPING, drive, new_engine


class _Model:
    def __init__(self) -> None:
        self.entered: list[str] = []

    def on_enter_b(self) -> None:
        self.entered.append("b")


def test_trap_after_callback_exception_leaves_the_new_state() -> None:
    def boom() -> None:
        raise RuntimeError("store failed")

    model: Any = _Model()
    Machine(model=model, states=["a", "b"], initial="a", auto_transitions=False,
            transitions=[{"trigger": "go", "source": "a", "dest": "b", "after": boom}])
    with pytest.raises(RuntimeError):
        model.go()
    assert model.state == "b"  # the trap: moved although the step "failed"


def test_engine_commits_nothing_when_the_walk_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = new_engine()
    engine.answer("")
    engine.answer("Anna")
    before = (engine.events, engine.path, engine.current(), engine.record())

    def failing(self: Any) -> None:
        raise RuntimeError("callback failed")

    monkeypatch.setattr(type(engine), "_advance", failing)
    with pytest.raises(RuntimeError):
        engine.skip()
    monkeypatch.undo()
    assert (engine.events, engine.path, engine.current(), engine.record()) == before
    assert engine.skip().ok  # and the visit goes on normally afterwards
    assert engine.current().id == "violence"


def test_trap_initial_state_runs_no_on_enter() -> None:
    model: Any = _Model()
    Machine(model=model, states=["a", "b"], initial="b", auto_transitions=False)
    assert model.state == "b" and model.entered == []


def test_engine_restores_by_replay_not_by_initial_state() -> None:
    """Our per-visit state (item number in a repeat group) comes from replaying the log, so a
    restored visit is the same as the live one although no on_enter runs."""
    live = new_engine()
    drive(live, {**DUMPING, "child_more#2": "ja", "child_age#3": "4", "child_school#3": "ja"})
    restored = new_engine(events=live.events)
    assert restored.current() == live.current()
    assert restored.path == live.path
    assert [c.age for c in restored.record().children] == [8, 0, 4]
    middle = live.path.index("child_school#3")
    partial = new_engine(events=live.events[:middle])
    view = partial.current()
    assert (view.id, view.repeat_index, view.text[:6]) == ("child_school#3", 3, "Barn 3")


def test_trap_unknown_saved_state_accepted_silently() -> None:
    model: Any = _Model()
    machine = Machine(model=model, states=["a", "b"], initial="a", auto_transitions=False)
    model.state = "gone_in_v2"  # what restoring a stale saved state name amounts to
    assert model.state == "gone_in_v2"
    assert machine.is_state("gone_in_v2", model)
    with pytest.raises(ValueError):
        machine.get_state("gone_in_v2")


def test_saved_position_is_validated_against_the_dialogue() -> None:
    dialogue = default_dialogue()
    assert dialogue.has_state("housing_type") and dialogue.has_state("summary")
    assert not dialogue.has_state("gone_in_v2")
    engine = new_engine()
    drive(engine, DUMPING)
    with pytest.raises(ReplayError):
        engine.edit("gone_in_v2")


def test_machine_is_shared_and_models_are_released() -> None:
    import gc

    dialogue = default_dialogue()
    gc.collect()
    before = len(dialogue.machine.models)
    engines = [new_engine() for _ in range(5)]
    assert len(dialogue.machine.models) == before + 5
    del engines
    gc.collect()
    assert len(dialogue.machine.models) == before


def test_machine_has_no_auto_transitions() -> None:
    dialogue = default_dialogue()
    assert tuple(dialogue.machine.events) == TRIGGERS
    visit = Visit(dialogue, {}, "2283")
    assert not hasattr(visit, "to_summary")
