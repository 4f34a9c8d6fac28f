"""The conversation: the chat, the adaptive input, progress by section and the facts panel.

Every answer is committed to the draft (in a thread worker, so a slow database never freezes
the screen) before the next question is drawn; a failed save is shown, with a retry, and the
conversation does not move on until the answer is stored.

Typing ahead: as soon as an answer is accepted, the answer area takes the next question's
shape and focus, so what is typed while the answer is being stored lands there. An answer
given there meanwhile (Enter, a digit, F2) waits, and every key typed after it is held, until
the previous answer is stored; then the answer is taken and the held keys are replayed to the
question after it, in order. Each answer carries the id of the question it was given for:
a second Enter for the question being stored is an Enter typed ahead, and an answer for a
question no longer asked is dropped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import ProgressBar, Static

from intake.core.dialogue.api import AnswerResult, QuestionKind, QuestionView
from intake.core.session import IntakeSession, clean_answer
from intake.ui import errors, gc_tuning
from intake.ui.i18n import t
from intake.ui.screens.base import IntakeScreen
from intake.ui.screens.conversing import Conversing
from intake.ui.widgets.answer_input import AnswerInput
from intake.ui.widgets.chat import ChatLog
from intake.ui.widgets.facts_panel import FactsPanel
from intake.ui.widgets.footer import KeyFooter

# Seconds a save may take before the screen says that the database is busy (Esc then stops
# waiting).
BUSY_AFTER = 1.0


class _PriorityKey(events.Key):
    """F2 or Ctrl+S pressed while keys are held: put in line behind them (see `_hold`)."""


class SaveCancelled(Exception):
    """The user stopped waiting for a busy database; the answer is not stored (yet)."""


class ConversationScreen(Conversing, IntakeScreen[None]):
    AUTO_FOCUS = None  # the answer widget takes focus itself, once it is drawn

    def __init__(
        self, session: IntakeSession, *, begun: tuple[str, list[events.Key]] | None = None
    ) -> None:
        """`begun`: the greeting was answered before this screen existed (on the opening
        screen): its question id, and the keys typed after it, for the questions after it."""
        super().__init__()
        self.session = session
        self._begun = begun
        self._busy = False
        self._stop_waiting: asyncio.Event | None = None  # set while a save waits over a second
        self._question: QuestionView | None = None
        # The answer just given, drawn with the next question once it is stored.
        self._answered: tuple[str, str, bool] | None = None
        # An answer (or skip) given to the next question while the last one was being stored,
        # and the keys typed after it: both wait for that save (see the module's docstring).
        self._typed_ahead: Callable[[], None] | None = None
        self._held: list[events.Key] = []

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
        if self._begun is not None:
            question_id, typed = self._begun
            self._begun = None
            if self._question is not None and self._question.id == question_id:
                if typed:  # held first, so that keys typed from now on queue behind them
                    self._held.extend(typed)
                    self.set_focus(None)
                self._answer_given("", question_id)  # its Enter, as if pressed here
                if not self._busy:  # nothing to wait for: the keys go to what is shown
                    self._replay_held()

    # -- drawing ---------------------------------------------------------------------------------

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
        if field is not None and field.id == question.id:  # shown already, maybe typed in
            self._question = question
            self._update_side()
            self.refresh_bindings()
        else:
            self._show_question(question)

    # -- saving ----------------------------------------------------------------------------------
    def _save_then(self, then: Callable[[], None], *, type_ahead: bool = False) -> None:
        """Store the draft, then `then()`; with `type_ahead`, the answer area shows the next
        question at once (the engine has moved on; the chat waits for the save)."""
        self._busy = True
        if type_ahead:  # focus waits while keys are held, or they would come out of order
            self.answer_input.show(self.session.current(), self.lang, focus=not self._held)
        self.run_worker(self._save(then), group="save", exit_on_error=False)

    async def _save(self, then: Callable[[], None]) -> None:
        """Commit the draft on the desk's one saving thread; the screen stays live meanwhile.

        The question and the answer appear in the chat only once the answer is stored."""
        saving = asyncio.wrap_future(self.session.save_later())
        stop = self._stop_waiting = asyncio.Event()
        stopped = asyncio.ensure_future(stop.wait())
        try:
            done, _ = await asyncio.wait({saving}, timeout=BUSY_AFTER)
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
        answer, self._typed_ahead = self._typed_ahead, None
        if answer is not None:
            answer()
        self._replay_held()

    def _replay_held(self) -> None:
        """The keys held during the save, as the answer area shown now would take them; an
        answer that starts another save keeps the rest held for the question after it."""
        while self._held and not self._busy:
            key = self._held.pop(0)
            shown = self.answer_input.question
            if shown is None:
                break
            if key.key == "f2":
                self._skip(shown.id)
                continue
            text = self.answer_input.replay(key.key, key.character)
            if text is not None:
                self._answer_given(text, shown.id)
        if not self._busy:
            self._held = []
            if self.focused is None:
                self.answer_input.focus_field()

    @property
    def _holding(self) -> bool:
        return self._typed_ahead is not None or bool(self._held)

    def _hold(self, key: events.Key) -> None:
        """Keep `key` for the question after the one whose answer waits for a save."""
        self._held.append(key)
        self.set_focus(None)  # so that what is typed next reaches `on_key`, and waits too

    def _hold_priority_key(self, key: str) -> None:
        """A priority key runs before the keys typed just before it reach this screen: it is
        sent round through `on_key` to be held in the order it was typed."""
        self.set_focus(None)
        self.post_message(_PriorityKey(key, None))

    def on_key(self, event: events.Key) -> None:
        if self._holding and self._busy and event.key != "escape":  # Esc stops waiting
            event.stop()
            event.prevent_default()
            self._hold(event)
        elif isinstance(event, _PriorityKey):  # the save ended before it came round
            event.stop()
            self.action_skip() if event.key == "f2" else self.action_send()

    def _save_failed(self, exc: BaseException, then: Callable[[], None]) -> None:
        if isinstance(exc, SaveCancelled):
            note = t("save_cancelled", self.lang)
        else:
            note = errors.save_failure(exc, self.lang)
        self._busy = False
        self._retry = then
        self._typed_ahead, self._held = None, []  # for a question not yet reached: not taken
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
    def _given_for(
        self, question_id: str, later: Callable[[], None], key: str
    ) -> QuestionView | None:
        """The question an answer given for `question_id` (by `key`) is taken for now, or
        None: while a save runs it waits (`later`, or as a held key), and an answer for a
        question no longer asked is dropped."""
        shown = self.answer_input.question
        if not self._busy:
            return self._question if shown is not None and shown.id == question_id else None
        storing = self._question is not None and self._question.id == question_id
        if not self._holding and shown is not None and shown.id == question_id:
            self._typed_ahead = later
            self.set_focus(None)
        elif self._holding and key == "f2":
            self._hold_priority_key(key)
        elif self._holding or storing:  # pressed again on the question being stored
            self._hold(events.Key(key, None))
        return None

    @on(AnswerInput.Submitted)
    def _submitted(self, event: AnswerInput.Submitted) -> None:
        event.stop()
        self._answer_given(event.text, event.question_id, event.key)

    @on(AnswerInput.KeyAhead)
    def _key_ahead(self, event: AnswerInput.KeyAhead) -> None:
        event.stop()
        self._held.append(events.Key(event.key, event.character))
        if not self._busy:
            self._replay_held()

    def _answer_given(self, text: str, question_id: str, key: str = "enter") -> None:
        question = self._given_for(
            question_id, lambda: self._answer_given(text, question_id), key
        )
        if question is None:
            return
        editing = self.session.is_editing()
        result: AnswerResult | None = self.guard(lambda: self.session.answer(text), "answer")
        if result is None or not result.ok:
            self.answer_input.reopen()
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
            shown = result.display or clean_answer(text, question.kind)
            self._answered = (question.id, shown, False)
        self._save_then(self._advance, type_ahead=True)

    def action_skip(self) -> None:
        shown = self.answer_input.question
        if shown is not None:
            self._skip(shown.id)

    def _skip(self, question_id: str) -> None:
        question = self._given_for(question_id, lambda: self._skip(question_id), "f2")
        if question is None or not question.skippable:
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
        self._save_then(self._advance, type_ahead=True)

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
        if self._busy and self._holding:
            self._hold_priority_key("ctrl+s")
        else:
            self.answer_input.send()

    def action_choose(self, number: int) -> None:
        if self.answer_input.accepts_digits():  # while a save runs, the answer waits
            self.answer_input.choose(number)

    def action_toggle_facts(self) -> None:
        if self.has_class("-narrow"):
            self.toggle_class("facts-forced")
        else:
            self.toggle_class("facts-off")

    @on(AnswerInput.ToAssessment)
    def _to_assessment(self) -> None:
        from intake.ui.screens.assessment import AssessmentScreen

        if not self._busy:
            self.app.push_screen(AssessmentScreen(self.session))

    def apply_language(self, lang: str) -> None:
        from intake.ui.screens.base import localize_bindings

        localize_bindings(self, self.key_table, lang)
        self.session.lang = lang
        self.query_one("#facts", FactsPanel).set_title(t("facts", lang))
        if not self._busy:
            self._render_all(self.answer_input.current_text())
