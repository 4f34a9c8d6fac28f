"""The conversation: the chat, the adaptive input, progress by section and the facts panel.

Every answer is committed to the draft (in a thread worker, so a slow database never freezes
the screen) before the next question is drawn; a failed save is shown, with a retry, and the
conversation does not move on until the answer is stored.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import ProgressBar, Static

from intake.core.dialogue.api import AnswerResult, QuestionKind, QuestionView
from intake.core.session import IntakeSession, clean_answer
from intake.ui import errors, gc_tuning
from intake.ui.i18n import t
from intake.ui.screens.base import IntakeScreen, KeyTable
from intake.ui.widgets.answer_input import AnswerInput
from intake.ui.widgets.chat import ChatLog
from intake.ui.widgets.facts_panel import FactsPanel
from intake.ui.widgets.footer import KeyFooter

# Seconds a save may take before the next question's field is offered for typing ahead,
# and before the screen says that the database is busy (Esc then stops waiting).
TYPE_AHEAD_AFTER = 0.05
BUSY_AFTER = 1.0


class SaveCancelled(Exception):
    """The user stopped waiting for a busy database; the answer is not stored (yet)."""


class ConversationScreen(IntakeScreen[None]):
    AUTO_FOCUS = None  # the answer widget takes focus itself, once it is drawn
    KEYS: ClassVar[KeyTable] = (
        ("escape", "back", "back", True),
        ("f2", "skip", "skip", True),
        ("f3", "edit", "edit_answer", True),
        ("f6", "toggle_facts", "toggle_facts", True),
        ("ctrl+s", "send", "send", True),
        *((str(n), f"choose({n})", "", False) for n in range(1, 10)),
    )

    def __init__(self, session: IntakeSession) -> None:
        super().__init__()
        self.session = session
        self._busy = False
        self._stop_waiting: asyncio.Event | None = None  # set while a save waits over a second
        self._question: QuestionView | None = None
        # The answer just given, drawn with the next question once it is stored.
        self._answered: tuple[str, str, bool] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="conv-top"):
            yield Static("", id="progress-label")
            yield ProgressBar(id="progress", show_eta=False, show_percentage=False)
        with Horizontal(id="conv-body"):
            yield ChatLog(id="chat")
            yield FactsPanel(t("facts", self.lang), id="facts")
        yield AnswerInput(id="answer")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.session.lang = self.lang
        self._render_all()

    # -- drawing ---------------------------------------------------------------------------------
    @property
    def chat(self) -> ChatLog:
        return self.query_one("#chat", ChatLog)

    @property
    def answer_input(self) -> AnswerInput:
        return self.query_one("#answer", AnswerInput)

    def _render_all(self, prefill: str = "") -> None:
        """Redraw the whole transcript (after back, an edit, a language switch, a resume)."""
        engine = self.session.engine
        question = engine.current()
        skipped = t("skipped", self.lang)
        lines = []
        for line in engine.transcript():
            if line.question_id == question.id:
                break  # answers after the one being changed return when the path does
            lines.append((line, self.session.shown_answer(line, skipped)))
        self.chat.show_transcript(lines, question)
        if question.kind is QuestionKind.SUMMARY:
            self.chat.add_summary(t("summary_intro", self.lang), engine.facts())
        self._show_question(question, prefill)

    def _show_question(self, question: QuestionView, prefill: str = "") -> None:
        self._question = question
        self.answer_input.show(question, self.lang, prefill)
        self._update_side()
        self.refresh_bindings()

    def _update_side(self) -> None:
        engine = self.session.engine
        progress = engine.progress()
        label = t(
            "section_progress",
            self.lang,
            index=progress.section_index,
            count=progress.section_count,
            title=progress.section_title,
        )
        # A fixed-size line: no layout pass of the screen for it (see `#progress-label`).
        self.query_one("#progress-label", Static).update(Content(label), layout=False)
        done = progress.section_count if engine.is_complete else progress.section_index - 1
        self.query_one("#progress", ProgressBar).update(total=progress.section_count, progress=done)
        self.query_one("#facts", FactsPanel).show(engine.facts())

    def _advance(self) -> None:
        """The answer is stored: draw it and the next question in one frame (keeping what
        was typed into its field while the answer was being stored)."""
        if self._answered is not None:
            question_id, shown, skipped = self._answered
            self._answered = None
            self.chat.add_answer(question_id, shown, skipped=skipped)
        question = self.session.current()
        self.chat.add_question(question)
        if question.kind is QuestionKind.SUMMARY:
            self.chat.add_summary(t("summary_intro", self.lang), self.session.engine.facts())
            self.call_after_refresh(gc_tuning.collect_at_a_pause)
        field = self.answer_input.question
        typed = self.answer_input.current_text() if field and field.id == question.id else ""
        self._show_question(question, typed)

    # -- saving ----------------------------------------------------------------------------------
    def _save_then(self, then: Callable[[], None]) -> None:
        self._busy = True
        self.run_worker(self._save(then), group="save", exit_on_error=False)

    async def _save(self, then: Callable[[], None]) -> None:
        """Commit the draft on the desk's one saving thread; the screen stays live meanwhile.

        A save that takes longer than a moment (the database still opening, or busy) gets
        the next question's field at once, so that what is typed meanwhile is kept; the
        question itself and the answer appear in the chat only once the answer is stored."""
        saving = asyncio.wrap_future(self.session.save_later())
        stop = self._stop_waiting = asyncio.Event()
        stopped = asyncio.ensure_future(stop.wait())
        try:
            done, _ = await asyncio.wait({saving}, timeout=TYPE_AHEAD_AFTER)
            if not done and then == self._advance:
                self.answer_input.show(self.session.current(), self.lang)
            done, _ = await asyncio.wait({saving}, timeout=BUSY_AFTER - TYPE_AHEAD_AFTER)
            if not done:  # say so, and let Esc stop waiting
                self.chat.add_note(t("db_busy_screen", self.lang), "error")
                either: set[asyncio.Future[Any]] = {saving, stopped}
                await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
                if not saving.done():
                    raise SaveCancelled
            saving.result()
        except Exception as exc:
            self._save_failed(exc, then)
            return
        finally:
            stopped.cancel()
            self._stop_waiting = None
        self._saved(then)

    def _saved(self, then: Callable[[], None]) -> None:
        self._busy = False
        with self.app.batch_update():  # one repaint for the chat, the input and the panel
            then()

    def _save_failed(self, exc: BaseException, then: Callable[[], None]) -> None:
        if isinstance(exc, SaveCancelled):
            note = t("save_cancelled", self.lang)
        else:
            note = t("save_failed", self.lang, error_id=errors.report(exc, "save draft"))
        self._busy = False
        self._retry = then
        if self._answered is not None:  # show what was given, so that nothing seems lost
            question_id, shown, skipped = self._answered
            self._answered = None
            self.chat.add_answer(question_id, shown, skipped=skipped)
        self.chat.add_note(note, "error")
        self.answer_input.show_retry()

    @on(AnswerInput.RetrySave)
    def _retry_save(self) -> None:
        if not self._busy:
            self._save_then(getattr(self, "_retry", self._advance))

    # -- answering -------------------------------------------------------------------------------
    @on(AnswerInput.Submitted)
    def _submitted(self, event: AnswerInput.Submitted) -> None:
        event.stop()
        if self._busy or self._question is None:
            return
        question = self._question
        editing = self.session.is_editing()
        result: AnswerResult | None = self.guard(
            lambda: self.session.answer(event.text), "answer"
        )
        if result is None:
            return
        if not result.ok:
            self.chat.add_note(result.message, "validation")
            self.answer_input.show_suggestions(result.suggestions)
            return
        if editing:
            self._save_then(self._render_all)  # the path may have changed from here on
            return
        if question.kind is not QuestionKind.INFO:
            shown = result.display or clean_answer(event.text, question.kind)
            self._answered = (question.id, shown, False)
        self._save_then(self._advance)

    def action_skip(self) -> None:
        question = self._question
        if self._busy or question is None or not question.skippable:
            return
        editing = self.session.is_editing()
        result = self.guard(self.session.skip, "skip")
        if result is None or not result.ok:
            if result is not None:
                self.chat.add_note(result.message, "validation")
            return
        if editing:
            self._save_then(self._render_all)
            return
        self._answered = (question.id, t("skipped", self.lang), True)
        self._save_then(self._advance)

    def action_back(self) -> None:
        if self._stop_waiting is not None:  # Esc while the database is busy: stop waiting
            self._stop_waiting.set()
            return
        if self.chat.selecting:  # Esc leaves the choice of an earlier answer
            self.chat.leave_selection()
            self.answer_input.focus_field()
            return
        if self._busy:
            return
        moved = self.guard(self.session.back, "back")
        if moved is None:
            return
        if not moved:
            self.notify(t("cannot_go_back", self.lang), markup=False)
            return
        self._save_then(self._render_all)

    @on(ChatLog.AnswerSelected)
    def _edit(self, event: ChatLog.AnswerSelected) -> None:
        self.chat.leave_selection()
        if self._busy:
            return
        engine = self.session.engine
        raw = next(
            (ln.raw for ln in engine.transcript() if ln.question_id == event.question_id), ""
        )
        if self.guard(lambda: self.session.edit(event.question_id), "edit") is None:
            return
        self._save_then(lambda: self._render_all(prefill=raw))

    def action_edit(self) -> None:
        if not self.chat.enter_selection():
            self.notify(t("cannot_go_back", self.lang), markup=False)
            return
        self.notify(t("edit_hint", self.lang), markup=False)

    def action_send(self) -> None:
        self.answer_input.send()

    def action_choose(self, number: int) -> None:
        if not self._busy and self.answer_input.accepts_digits():
            self.answer_input.choose(number)

    def action_toggle_facts(self) -> None:
        if self.has_class("-narrow"):
            self.toggle_class("facts-forced")
        else:
            self.toggle_class("facts-off")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        kind = self._question.kind if self._question else None
        if action == "send":
            return kind in (QuestionKind.MULTI, QuestionKind.LONGTEXT)
        if action == "skip":
            return self._question is not None and self._question.skippable
        return True

    @on(AnswerInput.ToAssessment)
    def _to_assessment(self) -> None:
        from intake.ui.screens.assessment import AssessmentScreen

        if not self._busy:
            self.app.push_screen(AssessmentScreen(self.session))

    def apply_language(self, lang: str) -> None:
        from intake.ui.screens.base import localize_bindings

        localize_bindings(self, self.KEYS, lang)
        self.session.lang = lang
        self.query_one("#facts", FactsPanel).set_title(t("facts", lang))
        if not self._busy:
            self._render_all(self.answer_input.current_text())
