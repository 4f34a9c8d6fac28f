"""Training in the app, played as a trainee would: pick a scenario, ask, record, decide, read
the debrief. And the proof that training leaves the case database exactly as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, SelectionList, Switch

from intake.core.dialogue.answers import parse_answer
from intake.core.dialogue.api import QuestionKind
from intake.training.progress import ProgressStore
from intake.ui.app import IntakeApp
from intake.ui.training.debrief_screen import DebriefScreen
from intake.ui.training.decide import DecisionScreen
from intake.ui.training.start import TrainingStartScreen
from intake.ui.training.visit import TrainingVisitScreen
from intake.ui.widgets.answer_input import LongText
from tests.ui.driver import shown

TYPED = {QuestionKind.TEXT, QuestionKind.NUMBER, QuestionKind.PERSONAL_ID, QuestionKind.DATE,
         QuestionKind.MUNICIPALITY}


@pytest.fixture(autouse=True)
def training_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "training" / "training.sqlite3"
    monkeypatch.setenv("INTAKE_TRAINING_DB", str(path))
    return path


def _dump(url: str) -> list[str]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return list(conn.iterdump())


async def _settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _open_scenario(pilot: Pilot[Any], scenario_id: str, *, exam: bool = False) -> None:
    await _settle(pilot)
    await pilot.press("t")
    await _settle(pilot)
    start = pilot.app.screen
    assert isinstance(start, TrainingStartScreen)
    assert "TRÄNING" in shown(start.query_one("#training-banner"))
    if exam:
        start.query_one("#exam", Switch).value = True
    options = start.query_one("#scenarios", OptionList)
    options.focus()
    options.highlighted = [s.id for s in start.scenarios].index(scenario_id)
    await pilot.press("enter")
    await _settle(pilot)
    assert isinstance(pilot.app.screen, TrainingVisitScreen)


async def _play(pilot: Pilot[Any], *, leave_out: Iterable[str] = ()) -> None:
    """Answer each question with what the visitor said, as the buttons and fields take it;
    the fields in `leave_out` are skipped (a fact the trainee fails to record)."""
    screen = pilot.app.screen
    assert isinstance(screen, TrainingVisitScreen)
    for _ in range(120):
        view = screen.engine.current()
        if view.kind is QuestionKind.SUMMARY:
            return
        question = screen.engine.dialogue.questions[view.id.split("#")[0]]
        reply = screen.visitor.reply(view, "sv")
        assert reply is not None
        assert "TRÄNING" in shown(screen.query_one("#training-banner"))
        if view.kind is QuestionKind.INFO:
            await pilot.press("enter")
        elif reply.entered is None or question.maps_to in leave_out:
            await pilot.press("f2")
        else:
            value = parse_answer(question, reply.entered, "sv", screen.scenario.visit_date).value
            keys = [o.key for o in view.options]
            if view.kind in (QuestionKind.TRI, QuestionKind.CHOICE):
                await pilot.press(str(keys.index(value) + 1))
            elif view.kind is QuestionKind.MULTI:
                await pilot.press(*[str(keys.index(v) + 1) for v in value], "enter")
            elif view.kind is QuestionKind.LONGTEXT:
                screen.query_one(LongText).text = reply.entered
                await pilot.press("ctrl+s")
            else:
                assert view.kind in TYPED
                field = screen.query_one("#answer").query_one(Input)
                field.value = reply.entered
                await pilot.press("enter")
        await _settle(pilot)
        assert screen.engine.current().id != view.id or view.id.startswith("child_more")
    raise AssertionError("the visit did not reach the summary")


async def _decide(pilot: Pilot[Any], *, add: Iterable[str] = ()) -> DebriefScreen:
    await pilot.press("enter")  # the summary's "to the decision" button
    await _settle(pilot)
    decide = pilot.app.screen
    assert isinstance(decide, DecisionScreen)
    assert "TRÄNING" in shown(decide.query_one("#training-banner"))
    steps = decide.query_one("#steps", SelectionList)
    codes = [steps.get_option_at_index(i).value for i in range(steps.option_count)]
    for code in add:
        steps.focus()
        steps.highlighted = codes.index(code)
        await pilot.press("space")
    decide.query_one("#submit").focus()
    await pilot.press("enter")
    await _settle(pilot)
    debrief = pilot.app.screen
    assert isinstance(debrief, DebriefScreen)
    return debrief


def _text(screen: DebriefScreen) -> str:
    return "\n".join(shown(w) for w in screen.query(".point, #score, .training-heading"))


async def test_a_trainee_misses_a_fact_and_breaks_the_consent_rule(
    make_app: Callable[..., IntakeApp], db_url: str, training_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        before = _dump(db_url)
        await _open_scenario(pilot, "consent_refused")
        await _play(pilot, leave_out={"move.wants_to_return"})
        debrief = await _decide(pilot, add=["request_justification"])
        text = _text(debrief)
        assert "Missad uppgift: move.wants_to_return" in text
        assert "Samtyckesregeln: bruten" in text
        assert "26 kap. 1 § offentlighets- och sekretesslagen (2009:400)" in text
        assert "request_justification" in text
        assert debrief.result.broke("consent")
        assert debrief.result.score < 100
        assert "TRÄNING" in shown(debrief.query_one("#training-banner"))
        await pilot.press("escape")
        await _settle(pilot)
        assert isinstance(app.screen, TrainingStartScreen)
        assert "1 försök" in shown(app.screen.query_one("#progress"))
        after = _dump(db_url)
    assert after == before  # no row, no case number, no audit entry: nothing at all
    (attempt,) = ProgressStore(training_db).attempts()
    assert attempt.scenario_id == "consent_refused" and attempt.mode == "practice"


async def test_exam_mode_locks_going_back_hides_hints_and_prints(
    make_app: Callable[..., IntakeApp], db_url: str, training_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        before = _dump(db_url)
        await _open_scenario(pilot, "move_for_work", exam=True)
        screen = app.screen
        assert isinstance(screen, TrainingVisitScreen)
        assert "PROV" in shown(screen.query_one("#training-banner"))
        await pilot.press("enter")  # the greeting
        await _settle(pilot)
        asked = screen.engine.current().id
        await pilot.press("escape")
        await _settle(pilot)
        assert screen.engine.current().id == asked  # going back is locked
        hint = screen.engine.current().hint
        assert hint  # the dialogue has a hint here, and the exam does not show it
        asked_messages = [m for m in screen.chat.messages if m.question_id == asked]
        assert asked_messages and all(hint not in m.text for m in asked_messages)
        await _play(pilot)
        decide_then = await _decide(pilot)
        assert decide_then.result.score < 100  # nothing was preselected in the exam
        await pilot.click("#print")
        await _settle(pilot)
        printed = list((training_db.parent / "training-results").glob("exam-*.txt"))
        assert len(printed) == 1
        page = printed[0].read_text("utf-8")
        assert "PROVRESULTAT" in page and "move_for_work" in page
        assert f"{decide_then.result.score} / 100" in page
        after = _dump(db_url)
    assert after == before
    (attempt,) = ProgressStore(training_db).attempts()
    assert attempt.mode == "exam"


async def test_training_is_on_the_start_screen_and_in_the_palette(
    make_app: Callable[..., IntakeApp]
) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await _settle(pilot)
        active = app.screen.active_bindings["t"]  # in the start screen's footer
        assert active.binding.description == "Träning" and active.enabled
        names = [c.title for c in app.get_system_commands(app.screen)]
        assert "Träning" in names


SnapCompare = Callable[..., bool]


def test_snapshot_training_start(
    snap_compare: SnapCompare, make_app: Callable[..., IntakeApp]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("t")
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 30), run_before=run_before)


def test_snapshot_debrief(snap_compare: SnapCompare, make_app: Callable[..., IntakeApp]) -> None:
    from intake.core.dialogue.loader import default_dialogue
    from intake.core.training.debrief import Decision, debrief
    from intake.core.training.runner import play
    from intake.core.training.scenario import load_scenarios

    scenario = next(s for s in load_scenarios() if s.id == "consent_refused")
    record = play(scenario, default_dialogue()).record
    record["move"]["wants_to_return"] = "unknown"
    # No legal texts from the rule files: the picture is of the screen, not of legal.yaml.
    result = debrief(scenario, record, Decision("strong", ("request_justification",)))

    async def run_before(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        visit = TrainingVisitScreen(scenario, trainee="anna", exam=False, store=ProgressStore())
        await pilot.app.push_screen(DebriefScreen(visit, result))
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)
