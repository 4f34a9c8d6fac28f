"""The simulated visitor: the scenario's reply to whatever question the dialogue asks.

A fact is available on request, never volunteered (as in virtual-patient standards): the
visitor answers a question only from the fact stored under the record field the question maps
to (or, for a question that maps to none, under its id). Keying facts by record field, not by
question id, lets the dialogue's wording, order and ids change without breaking scenarios.
What the script does not cover gets "I don't know" in the visitor's own words.
"""

from __future__ import annotations

from dataclasses import dataclass

from intake.core.dialogue.api import Lang, QuestionKind, QuestionView
from intake.core.dialogue.loader import Dialogue
from intake.core.dialogue.model import Question
from intake.core.lang import TRI_LABELS, pick
from intake.core.training.scenario import FactValue, Reply, Scenario


@dataclass(frozen=True, slots=True)
class VisitorReply:
    """What the visitor says, and the text a receptionist enters for it (None: skip it)."""

    spoken: str
    entered: str | None
    covered: bool  # the script has a fact for this question
    interpreter: str | None = None  # the language the reply came through, if any


def state_of(view: QuestionView) -> str:
    """The dialogue state of a question view (`child_age#2` -> `child_age`)."""
    return view.id.split("#", 1)[0]


class SimulatedVisitor:
    def __init__(self, scenario: Scenario, dialogue: Dialogue) -> None:
        self.scenario = scenario
        self.dialogue = dialogue

    def _fact(self, question: Question, index: int | None) -> Reply | None:
        facts = self.scenario.facts
        value: FactValue | None = None
        if question.maps_to is not None:
            value = facts.get(question.maps_to)
        if value is None:
            value = facts.get(question.id.split(".", 1)[0])
        if isinstance(value, list):
            position = (index or 1) - 1
            return value[position] if 0 <= position < len(value) else None
        if isinstance(value, dict):
            return value.get(question.option_key or "")
        return value

    def _items(self, question: Question) -> int:
        """How many items the script gives for `question`'s repeat group."""
        group = self.dialogue.groups.get(question.group_id or "")
        if group is None:
            return 0
        counts = [0]
        for qid in group.question_ids:
            maps_to = self.dialogue.questions[qid].maps_to
            value = self.scenario.facts.get(maps_to or qid)
            if isinstance(value, list):
                counts.append(len(value))
        return max(counts)

    def _is_loop(self, question: Question) -> bool:
        group = self.dialogue.groups.get(question.group_id or "")
        return group is not None and group.last == question.id and question.maps_to is None

    def reply(self, view: QuestionView, lang: Lang) -> VisitorReply | None:
        """The reply to the current question; None at the summary (nothing left to ask)."""
        if view.kind is QuestionKind.SUMMARY:
            return None
        question = self.dialogue.questions[state_of(view)]
        interpreter = self.scenario.visitor.interpreter
        if question.kind is QuestionKind.INFO:
            return VisitorReply(pick(lang, "(nickar)", "(nods)"), "", True)
        fact = self._fact(question, view.repeat_index)
        if fact is not None:
            return VisitorReply(fact.spoken(lang), fact.entered, True, interpreter)
        if self._is_loop(question) and question.id not in self.scenario.facts:
            more = (view.repeat_index or 0) < self._items(question)
            word = TRI_LABELS["yes" if more else "no"]
            return VisitorReply(pick(lang, *word).capitalize() + ".", word[0], True, interpreter)
        return VisitorReply(
            self.scenario.visitor.dont_know.get(lang), self._dont_know(question), False, interpreter
        )

    @staticmethod
    def _dont_know(question: Question) -> str | None:
        """What a receptionist enters for "I don't know": the don't-know answer where the
        question has one, otherwise nothing (the question is skipped)."""
        if question.kind is QuestionKind.TRI:
            return TRI_LABELS["unknown"][0]
        if any(o.key == "unknown" for o in question.spec.options):
            return "unknown"
        return None
