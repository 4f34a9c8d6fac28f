"""The practice visit: the trainee asks, the simulated visitor answers, the trainee records.

The same chat and answer input as a real visit, over an `Engine` of its own: nothing is saved
anywhere until the debrief writes the attempt to the training database. In exam mode going
back is locked and the question hints are hidden.
"""

from __future__ import annotations

import dataclasses

from textual import on
from textual.app import ComposeResult

from intake.core.dialogue.api import QuestionKind, QuestionView
from intake.core.dialogue.engine import Engine
from intake.core.dialogue.loader import default_dialogue
from intake.core.training.scenario import Scenario
from intake.core.training.visitor import SimulatedVisitor
from intake.training.progress import ProgressStore
from intake.ui.common import shorten
from intake.ui.screens.base import localize_bindings
from intake.ui.screens.conversing import Conversing
from intake.ui.training.common import TrainingScreen, banner
from intake.ui.training.texts import tr
from intake.ui.widgets.answer_input import AnswerInput
from intake.ui.widgets.chat import ChatLog
from intake.ui.widgets.footer import KeyFooter


class TrainingVisitScreen(Conversing, TrainingScreen):
    DEFAULT_CSS = TrainingScreen.DEFAULT_CSS + """
    TrainingVisitScreen #chat { height: 1fr; }
    """
    AUTO_FOCUS = None

    def __init__(self, scenario: Scenario, *, trainee: str, exam: bool,
                 store: ProgressStore) -> None:
        super().__init__()
        self.scenario = scenario
        self.trainee = trainee
        self.exam = exam
        self.store = store
        dialogue = default_dialogue()
        self.engine = Engine(dialogue, lang="sv", receiving=scenario.receiving,
                             today=scenario.visit_date)
        self.visitor = SimulatedVisitor(scenario, dialogue)
        self._question: QuestionView | None = None

    def compose(self) -> ComposeResult:
        yield banner(self.lang, self.exam)
        yield ChatLog(id="chat")
        yield AnswerInput(id="answer")
        yield KeyFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.engine.lang = self.core_lang
        self._redraw()


    # -- drawing -------------------------------------------------------------------------------
    def _redraw(self) -> None:
        """The whole transcript on the current path (at the start, after back, a language)."""
        skipped = tr("skipped", self.lang)
        self.chat.show_transcript((), None)
        for line in self.engine.transcript():
            view = self._view_for(line.question_id, line.question)
            self.chat.add_question(view)
            self._visitor_speaks(view)
            if line.answer or line.skipped:
                self.chat.add_answer(line.question_id, line.answer or skipped,
                                     skipped=line.skipped)
        self._ask()

    def _view_for(self, key: str, text: str) -> QuestionView:
        """A view of an earlier question on the path, enough for the visitor to answer it."""
        state, _, index = key.partition("#")
        question = self.engine.dialogue.questions[state]
        return QuestionView(id=key, section_id=question.section_id, section_title="",
                            kind=question.kind, text=text,
                            repeat_index=int(index) if index else None)

    def _ask(self) -> None:
        question = self.engine.current()
        if self.exam:
            question = dataclasses.replace(question, hint="")
        self._question = question
        self.chat.add_question(question)
        if question.kind is QuestionKind.SUMMARY:
            self.chat.add_summary(tr("summary_intro", self.lang), self.engine.facts())
        else:
            self._visitor_speaks(question)
        self.answer_input.show(question, self.lang)
        self.refresh_bindings()

    def _visitor_speaks(self, question: QuestionView) -> None:
        lang = self.core_lang
        reply = self.visitor.reply(question, lang)
        if reply is None or question.kind is QuestionKind.INFO:
            return
        text = shorten(reply.spoken, 500)
        said = (tr("visitor_via", lang, language=reply.interpreter, text=text)
                if reply.interpreter else tr("visitor_says", lang, text=text))
        self.chat.add_question(QuestionView(
            id="visitor", section_id="", section_title="", kind=QuestionKind.INFO, text=said
        ))

    # -- answering -----------------------------------------------------------------------------
    @on(AnswerInput.Submitted)
    def _submitted(self, event: AnswerInput.Submitted) -> None:
        event.stop()
        question = self._question
        if question is None:
            return
        result = self.engine.answer(event.text)
        if not result.ok:
            self.chat.add_note(result.message, "validation")
            self.answer_input.show_suggestions(result.suggestions)
            return
        if question.kind is not QuestionKind.INFO:
            self.chat.add_answer(question.id, result.display or event.text)
        self._ask()

    def action_skip(self) -> None:
        question = self._question
        if question is None or not question.skippable:
            return
        result = self.engine.skip()
        if not result.ok:
            self.chat.add_note(result.message, "validation")
            return
        self.chat.add_answer(question.id, tr("skipped", self.lang), skipped=True)
        self._ask()

    def action_back(self) -> None:
        if self.exam:
            self.notify(tr("back_locked", self.lang), markup=False)
            return
        if not self.engine.back():
            self.notify(tr("cannot_go_back", self.lang), markup=False)
            return
        self._redraw()

    def action_send(self) -> None:
        self.answer_input.send()

    def action_choose(self, number: int) -> None:
        if self.answer_input.accepts_digits():
            self.answer_input.choose(number)

    def action_leave(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return not self.exam
        return super().check_action(action, parameters)

    @on(AnswerInput.ToAssessment)
    def _to_decision(self) -> None:
        from intake.ui.training.decide import DecisionScreen

        self.app.push_screen(DecisionScreen(self))

    def apply_language(self, lang: str) -> None:
        localize_bindings(self, self.key_table, lang, self.TEXTS)
        self.engine.lang = "en" if lang == "en" else "sv"
        self._redraw()
