"""What the two screens that hold a conversation share: the reception's visit
(`ConversationScreen`) and the training's (`TrainingVisitScreen`)."""

from __future__ import annotations

from typing import cast

from textual.dom import DOMNode

from intake.ui.widgets.answer_input import AnswerInput
from intake.ui.widgets.chat import ChatLog


class Conversing:
    """The chat transcript (`#chat`) and the answer area (`#answer`) the screen composes."""

    @property
    def chat(self) -> ChatLog:
        return cast(DOMNode, self).query_one("#chat", ChatLog)

    @property
    def answer_input(self) -> AnswerInput:
        return cast(DOMNode, self).query_one("#answer", AnswerInput)
