"""What the two screens that hold a conversation share: the reception's visit
(`ConversationScreen`) and the training's (`TrainingVisitScreen`)."""

from __future__ import annotations

from typing import cast

from textual.dom import DOMNode

from intake.core.dialogue.api import QuestionKind, QuestionView
from intake.ui.widgets.answer_input import AnswerInput
from intake.ui.widgets.chat import ChatLog


class Conversing:
    """The chat transcript (`#chat`) and the answer area (`#answer`) the screen composes, and
    which of the conversation's keys apply to the question shown (`_question`)."""

    _question: QuestionView | None

    @property
    def chat(self) -> ChatLog:
        return cast(DOMNode, self).query_one("#chat", ChatLog)

    @property
    def answer_input(self) -> AnswerInput:
        return cast(DOMNode, self).query_one("#answer", AnswerInput)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Ctrl+S sends only where Enter does not (a multi-select, a long text); F2 skips only
        a question that may be skipped."""
        kind = self._question.kind if self._question else None
        if action == "send":
            return kind in (QuestionKind.MULTI, QuestionKind.LONGTEXT)
        if action == "skip":
            return self._question is not None and self._question.skippable
        return True
