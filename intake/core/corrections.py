"""The facts of a case a social worker can correct, as the reception dialogue asked them.

Each is a record field that one question of the shipped dialogue fills (`maps_to`), offered
with that question's label in the user's language and the case's current value, and parsed
by the same parser as the answer at reception ("ja", "för tre veckor sedan", "solleftea").
List items (children, interventions) are not offered: a correction names one dotted field
(`intake.core.reassess.with_answer`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from intake.core.dialogue.api import AnswerResult, Lang, QuestionKind
from intake.core.dialogue.model import Question

# Kinds whose answer is one value at one field; INFO fills nothing, MULTI fills a list.
SCALAR_KINDS = frozenset(QuestionKind) - {
    QuestionKind.INFO,
    QuestionKind.MULTI,
    QuestionKind.SUMMARY,
}


@dataclass(frozen=True, slots=True)
class CorrectableFact:
    path: str  # the record field, dotted as in the spec (`housing.type`)
    section: str
    label: str
    value: str  # the current value as the summary shows it ("" when not given)
    question: Question

    def options(self, lang: Lang) -> str:
        """What may be typed, for a choice: "1 Ja · 2 Nej · 3 Vet inte"."""
        from intake.core.dialogue.views import options

        found = options(self.question, lang)
        return " · ".join(f"{n} {o.label}" for n, o in enumerate(found, 1))


def _at(record: dict[str, Any], path: str) -> Any:
    node: Any = record
    for key in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def correctable_facts(record: dict[str, Any], lang: Lang) -> list[CorrectableFact]:
    """The record's correctable fields in the dialogue's order, one per field."""
    from intake.core.dialogue.loader import default_dialogue
    from intake.core.dialogue.views import display, label

    dialogue = default_dialogue()
    facts: list[CorrectableFact] = []
    seen: set[str] = set()
    for question in sorted(dialogue.questions.values(), key=lambda q: q.order):
        path = question.maps_to
        if path is None or "[]" in path or path in seen or question.kind not in SCALAR_KINDS:
            continue
        if question.group_id is not None or question.option_key is not None:
            continue
        seen.add(path)
        section = dialogue.section_by_id[question.section_id].title.get(lang)
        value = display(question, _at(record, path), lang)
        facts.append(CorrectableFact(path, section, label(question, None, lang), value, question))
    return facts


def parse_correction(fact: CorrectableFact, text: str, lang: Lang, today: dt.date) -> AnswerResult:
    """`text` read as the answer to the fact's question at reception."""
    from intake.core.dialogue.answers import parse_answer

    return parse_answer(fact.question, text, lang, today)
