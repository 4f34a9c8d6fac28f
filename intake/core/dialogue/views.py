"""Rendering the engine's state for people: question views and answers in the chosen language.

Answers are shown from their stored value, not from what the parser said at the time, so that
switching language re-renders the whole transcript consistently.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from intake.core.bilingual import Text
from intake.core.dialogue.api import Lang, Option, QuestionKind, QuestionView
from intake.core.dialogue.loader import Dialogue
from intake.core.dialogue.model import SUMMARY, Question
from intake.core.lang import TRI_LABELS, pick
from intake.core.municipalities import by_code
from intake.core.parsing.dates import format_date


def tri_options(lang: Lang) -> tuple[Option, ...]:
    return tuple(Option(key, pick(lang, *labels)) for key, labels in TRI_LABELS.items())


def options(question: Question, lang: Lang) -> tuple[Option, ...]:
    if question.kind is QuestionKind.TRI:
        return tri_options(lang)
    return tuple(Option(o.key, o.label.get(lang)) for o in question.spec.options)


def fill(text: Text | None, question: Question, index: int | None, lang: Lang) -> str:
    """A question's text with `{n}` (item number) and `{option}` (the option it is about)."""
    if text is None:
        return ""
    out = text.get(lang)
    if index is not None:
        out = out.replace("{n}", str(index))
    if question.option_label is not None:
        out = out.replace("{option}", question.option_label.get(lang))
    return out


def display(question: Question, value: Any, lang: Lang) -> str:
    """How an answer reads in the transcript and the side panel."""
    if value is None:
        return ""
    kind = question.kind
    if kind is QuestionKind.TRI:
        return pick(lang, *TRI_LABELS.get(str(value), (str(value), str(value))))
    if kind is QuestionKind.CHOICE:
        labels = {o.key: o.label.get(lang) for o in question.spec.options}
        return labels.get(str(value), str(value))
    if kind is QuestionKind.MULTI:
        labels = {o.key: o.label.get(lang) for o in question.spec.options}
        chosen = [labels.get(str(v), str(v)) for v in value] if isinstance(value, list) else []
        return ", ".join(chosen) if chosen else pick(lang, "inga", "none")
    if kind is QuestionKind.MUNICIPALITY:
        found = by_code(str(value))
        return f"{found.name} ({found.code})" if found else str(value)
    if kind is QuestionKind.DATE:
        try:
            return format_date(dt.date.fromisoformat(str(value)), lang)
        except ValueError:
            return str(value)
    return str(value)


def question_view(
    dialogue: Dialogue, state: str, index: int | None, key: str, lang: Lang
) -> QuestionView:
    if state == SUMMARY:
        summary = dialogue.summary
        return QuestionView(
            id=SUMMARY,
            section_id=SUMMARY,
            section_title=summary.title.get(lang),
            kind=QuestionKind.SUMMARY,
            text=summary.text.get(lang),
            skippable=False,
        )
    question = dialogue.questions[state]
    section = dialogue.section_by_id[question.section_id]
    return QuestionView(
        id=key,
        section_id=section.id,
        section_title=section.title.get(lang),
        kind=question.kind,
        text=fill(question.spec.text, question, index, lang),
        hint=fill(question.spec.hint, question, index, lang),
        options=options(question, lang),
        skippable=question.spec.skippable,
        repeat_index=index,
    )


def label(question: Question, index: int | None, lang: Lang) -> str:
    return fill(question.spec.label or question.spec.text, question, index, lang)
