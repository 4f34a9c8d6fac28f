"""Drive the Textual app like a receptionist: one answer per question, through the widgets.

`answers` maps question ids (as the engine names them, "child_age#2" for the second child) to
what is typed or chosen: an option key for yes/no and choices, a list of keys for a
multi-select, text otherwise. A question without an entry is skipped with F2.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from textual import events
from textual.content import Content
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from intake.core.dialogue.api import QuestionKind, QuestionView
from intake.ui.app import IntakeApp
from intake.ui.screens.assessment import AssessmentScreen
from intake.ui.screens.conversation import ConversationScreen
from intake.ui.widgets.answer_input import LongText

TODAY = dt.date(2026, 11, 23)
TEXT_KINDS = {
    QuestionKind.TEXT,
    QuestionKind.NUMBER,
    QuestionKind.PERSONAL_ID,
    QuestionKind.DATE,
    QuestionKind.MUNICIPALITY,
}


def shown(widget: Widget) -> str:
    """The plain text a widget shows."""
    rendered = widget.render()
    return rendered.plain if isinstance(rendered, Content) else str(rendered)


class Driver:
    def __init__(self, pilot: Pilot[Any]) -> None:
        self.pilot = pilot
        self.app: IntakeApp = pilot.app  # type: ignore[assignment]

    async def settle(self) -> None:
        await self.app.workers.wait_for_complete()
        await self.pilot.pause()
        await self.app.workers.wait_for_complete()
        await self.pilot.pause()

    @property
    def conversation(self) -> ConversationScreen:
        screen = self.app.screen
        assert isinstance(screen, ConversationScreen), type(screen).__name__
        return screen

    def current(self) -> QuestionView:
        return self.conversation.session.current()

    async def start_new(self) -> None:
        await self.settle()
        await self.pilot.press("n")
        await self.settle()

    async def type_text(self, text: str) -> None:
        """Short answers are typed key by key; longer ones pasted (same widget, faster test)."""
        if len(text) <= 3:
            await self.pilot.press(*text)
        else:
            await self.paste(text)

    async def paste(self, text: str) -> None:
        """Paste into the focused field, as a terminal delivers a bracketed paste."""
        focused = self.app.focused
        assert isinstance(focused, Input | LongText), focused
        self.app.post_message(events.Paste(text))  # as the terminal driver delivers it
        await self.pilot.pause()

    async def answer(self, value: Any) -> None:
        question = self.current()
        kind = question.kind
        keys = [o.key for o in question.options]
        if kind is QuestionKind.INFO:
            await self.pilot.press("enter")
        elif kind in (QuestionKind.TRI, QuestionKind.CHOICE):
            await self.pilot.press(str(keys.index(value) + 1))
        elif kind is QuestionKind.MULTI:
            await self.pilot.press(*[str(keys.index(v) + 1) for v in value], "enter")
        elif kind is QuestionKind.LONGTEXT:
            self.app.screen.query_one(LongText).text = ""
            await self.type_text(value)
            await self.pilot.press("ctrl+s")
        elif kind in TEXT_KINDS:
            self.app.screen.query_one("#answer").query_one(Input).value = ""
            await self.type_text(str(value))
            await self.pilot.press("enter")
        else:
            raise AssertionError(f"cannot answer {kind}")
        await self.settle()

    async def run_script(self, answers: Mapping[str, Any], limit: int = 80) -> None:
        """Answer until the summary; fails if a question is asked twice without progress."""
        for _ in range(limit):
            question = self.current()
            if question.kind is QuestionKind.SUMMARY:
                return
            if question.id in answers:
                await self.answer(answers[question.id])
            elif question.kind is QuestionKind.INFO:
                await self.answer(None)
            else:
                assert question.skippable, f"no answer scripted for {question.id}"
                await self.pilot.press("f2")
                await self.settle()
            assert self.current().id != question.id or question.id.endswith("more"), (
                f"stuck at {question.id}"
            )
        raise AssertionError("the conversation did not reach the summary")

    async def to_assessment(self) -> AssessmentScreen:
        assert self.current().kind is QuestionKind.SUMMARY
        await self.pilot.press("enter")
        await self.settle()
        screen = self.app.screen
        assert isinstance(screen, AssessmentScreen), type(screen).__name__
        return screen

    async def confirm_case(self) -> str:
        await self.pilot.press("ctrl+s")
        await self.settle()
        screen = self.app.screen
        assert isinstance(screen, AssessmentScreen)
        assert screen.case_number is not None
        return screen.case_number
