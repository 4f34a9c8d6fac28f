"""Keys typed ahead in the Textual app: none is lost while the answer area changes kind or an
answer is being stored, and a late second press does not answer the next question."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Button

from intake.core.session import IntakeSession
from intake.ui.app import IntakeApp
from intake.ui.widgets.answer_input import AnswerInput
from tests.ui.driver import Driver
from tests.ui.test_start_up import until
from tests.ui.tmux_term import Terminal, desk_database, stored_drafts


def _answered(drive: Driver) -> list[tuple[str, str]]:
    return [(e.question_id, e.raw) for e in drive.conversation.session.engine.events]


async def test_enter_on_the_next_fortsatt_right_after_the_last_one_counts(
    make_app: Callable[..., IntakeApp],
) -> None:
    """The welcome's "Fortsätt" and the safety introduction's are the same button, reused:
    Textual's Button ignores Enter while its press effect (0.2 s) lasts, which swallowed the
    Enter of a receptionist who typed the name quickly. The effect is made to last 5 s here,
    so that Pilot's pace between keys does not decide the outcome."""
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        drive = Driver(pilot)
        await drive.start_new()
        for button in drive.conversation.query(Button):
            button.active_effect_duration = 5
        await pilot.press("enter", *"Ida", "enter", "enter")
        await drive.settle()
        assert drive.current().id == "violence"
        assert _answered(drive) == [("greeting", ""), ("name", "Ida"), ("safety_intro", "")]


async def test_answers_given_while_the_last_one_is_stored_are_taken_in_order(
    make_app: Callable[..., IntakeApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_save = IntakeSession.save

    def slow_save(self: IntakeSession) -> int | None:
        time.sleep(0.3)  # a busy disk: every key below arrives while a save runs
        return real_save(self)

    monkeypatch.setattr(IntakeSession, "save", slow_save)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        drive = Driver(pilot)
        await drive.start_new()
        await pilot.press("enter", *"Ida", "enter", "enter", "3", "f2")
        await drive.settle()
        assert _answered(drive) == [
            ("greeting", ""),
            ("name", "Ida"),
            ("safety_intro", ""),
            ("violence", "unknown"),
            ("protected_identity", ""),
        ]
        # the chat shows each answer after its question, in the order given, once stored:
        # the last save (0.3 s here) runs on the desk's thread, which settle() does not wait for
        def shown_in_chat() -> list[tuple[str, str]]:
            return [(m.kind, m.question_id) for m in drive.conversation.chat.messages]

        await until(
            pilot, lambda: ("answer", "protected_identity") in shown_in_chat(), "the last answer"
        )
        shown = shown_in_chat()
        expected = [
            ("question", "name"),
            ("answer", "name"),
            ("question", "safety_intro"),
            ("question", "violence"),
            ("answer", "violence"),
            ("question", "protected_identity"),
            ("answer", "protected_identity"),
        ]
        assert [m for m in shown if m in expected] == expected


async def test_a_late_second_answer_for_an_answered_question_is_dropped(
    make_app: Callable[..., IntakeApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        drive = Driver(pilot)
        await drive.start_new()
        for answer in (None, "Ida", None):  # the welcome, the name, the safety introduction
            await drive.answer(answer)
        assert drive.current().id == "violence"
        # a second Enter of the name field, arriving after the question moved on
        drive.conversation.answer_input.post_message(AnswerInput.Submitted("Ida", "name"))
        drive.conversation.answer_input.post_message(AnswerInput.Submitted("", "safety_intro"))
        await drive.settle()
        assert drive.current().id == "violence"
        assert [q for q, _ in _answered(drive)] == ["greeting", "name", "safety_intro"]


@pytest.mark.tmux
@pytest.mark.slow
def test_keys_typed_ahead_in_a_terminal_each_count_once(tmp_path: Path) -> None:
    """Through a real terminal, each key pressed once and without waiting for the screen:
    the name, Enter, Enter on the safety introduction, "3" (not asked now) for violence."""
    url = desk_database(tmp_path / "ahead.sqlite3")
    term = Terminal(tmp_path / "home")
    try:
        name = term.start("--db", url)
        term.begin_visit(name)
        term.type(name, "Ida Berg")
        term.keys(name, "Enter", "Enter", "3")  # one burst, as a fast typist's keys arrive
        term.wait_for(name, "skyddade personuppgifter")
        term.keys(name, "C-q")
        term.wait_for(name, lambda _s: term.dead(name))
        assert term.exit_status(name) == 0
    finally:
        term.close()
    assert stored_drafts(url) == [
        [("greeting", ""), ("name", "Ida Berg"), ("safety_intro", ""), ("violence", "unknown")]
    ]
