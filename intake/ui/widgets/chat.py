"""The conversation as a chat: questions on the left, answers on the right.

Everything here is shown as `Content` built from plain strings, never parsed as markup: a
typed `[@click=app.quit]` must stay text, and `[/]` must not crash the screen.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.binding import Binding
from textual.containers import Right, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from intake.core.dialogue.api import Fact, QuestionView, TranscriptLine
from intake.ui.common import shorten

# A pasted page of text is stored whole but shown shortened, so the chat stays responsive.
SHOWN_MAX = 2_000


class QuestionBubble(Static):
    def __init__(self, question_id: str, text: str, hint: str = "") -> None:
        body = Content.assemble((text, "bold"))
        if hint:
            body = Content.assemble(body, "\n", (hint, "italic"))
        super().__init__(body, classes="bubble question")
        self.question_id = question_id

    @classmethod
    def of(cls, question: QuestionView) -> QuestionBubble:
        return cls(question.id, question.text, question.hint)


class AnswerBubble(Static, can_focus=False):
    """An answer on the current path; Enter (after F3) or a click asks to change it.

    Focusable only while the user chooses an earlier answer: otherwise a key typed while the
    next question is being drawn could land here, and Enter would reopen an old answer.
    """

    BINDINGS = [  # noqa: RUF012
        Binding("enter", "select", "Ändra", show=False),
        Binding("up", "app.focus_previous", show=False),
        Binding("down", "app.focus_next", show=False),
    ]

    class Selected(Message):
        def __init__(self, question_id: str) -> None:
            super().__init__()
            self.question_id = question_id

    def __init__(self, question_id: str, text: str, *, skipped: bool = False) -> None:
        super().__init__(
            Content(shorten(text, SHOWN_MAX)),
            classes="bubble answer" + (" skipped" if skipped else ""),
        )
        self.question_id = question_id

    def action_select(self) -> None:
        self.post_message(self.Selected(self.question_id))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_select()


class NoteBubble(Static):
    """A validation message, a saving error or a short notice, inside the conversation."""

    def __init__(self, text: str, kind: str = "validation") -> None:
        super().__init__(Content(shorten(text, SHOWN_MAX)), classes=f"bubble note {kind}")


class SummaryBubble(Static):
    def __init__(self, intro: str, facts: Iterable[Fact]) -> None:
        parts: list[Content | str | tuple[str, str]] = [(intro, "bold")]
        section = None
        for fact in facts:
            if fact.section_title != section:
                section = fact.section_title
                parts.extend(["\n", (section, "bold underline")])
            parts.extend(["\n", f"{fact.label}: ", (shorten(fact.value, SHOWN_MAX), "bold")])
        super().__init__(Content.assemble(*parts), classes="bubble question summary")


class ChatLog(VerticalScroll):
    """The transcript; stays scrolled to the newest message unless the user scrolls up."""

    can_focus = False
    # Earlier answers are reachable with F3 (or a click), not with Tab: while a new question
    # is being drawn, focus must never land on an old answer, where Enter would reopen it.
    can_focus_children = False

    def on_mount(self) -> None:
        self.anchor()

    def enter_selection(self) -> AnswerBubble | None:
        """F3: make earlier answers focusable and focus the latest; arrows move between them."""
        last = self.last_answer()
        if last is not None:
            self.can_focus_children = True
            for bubble in self.query(AnswerBubble):
                bubble.can_focus = True
            last.focus()
        return last

    def leave_selection(self) -> None:
        self.can_focus_children = False
        for bubble in self.query(AnswerBubble):
            bubble.can_focus = False

    def add_question(self, question: QuestionView) -> None:
        self.mount(QuestionBubble.of(question))

    def add_answer(self, question_id: str, text: str, *, skipped: bool = False) -> None:
        self.mount(Right(AnswerBubble(question_id, text, skipped=skipped), classes="answer-row"))

    def add_note(self, text: str, kind: str = "validation") -> None:
        self.mount(NoteBubble(text, kind))

    def add_summary(self, intro: str, facts: Iterable[Fact]) -> None:
        self.mount(SummaryBubble(intro, facts))

    def show_transcript(
        self, lines: Iterable[tuple[TranscriptLine, str]], current: QuestionView | None
    ) -> None:
        """Replace everything by the transcript on the current path (after back, edit, language).

        `lines` pairs each transcript line with the answer text to show ("" for none)."""
        widgets: list[Static | Right] = []
        for line, shown in lines:
            widgets.append(QuestionBubble(line.question_id, line.question))
            if shown:
                bubble = AnswerBubble(line.question_id, shown, skipped=line.skipped)
                widgets.append(Right(bubble, classes="answer-row"))
        if current is not None:
            widgets.append(QuestionBubble.of(current))
        self.remove_children()
        self.mount_all(widgets)
        self.anchor()

    def last_answer(self) -> AnswerBubble | None:
        answers = list(self.query(AnswerBubble))
        return answers[-1] if answers else None
