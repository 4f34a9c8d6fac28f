"""Which parser understands which kind of question (the parsers live in intake.core.parsing)."""

from __future__ import annotations

import datetime as dt

from intake.core.dialogue.api import AnswerResult, Lang, QuestionKind
from intake.core.dialogue.model import Question
from intake.core.dialogue.views import options
from intake.core.parsing import (
    parse_choice,
    parse_date,
    parse_multi,
    parse_municipality,
    parse_number,
    parse_personal_id,
    parse_text,
    parse_tri,
)
from intake.core.textclean import LONG_TEXT_MAX, SHORT_TEXT_MAX


def parse_answer(question: Question, text: str, lang: Lang, today: dt.date) -> AnswerResult:
    spec = question.spec
    match question.kind:
        case QuestionKind.INFO:
            return AnswerResult(ok=True)
        case QuestionKind.TRI:
            return parse_tri(text, lang)
        case QuestionKind.CHOICE:
            return parse_choice(text, options(question, lang), lang)
        case QuestionKind.MULTI:
            return parse_multi(text, options(question, lang), lang)
        case QuestionKind.MUNICIPALITY:
            return parse_municipality(text, lang)
        case QuestionKind.PERSONAL_ID:
            return parse_personal_id(text, lang)
        case QuestionKind.NUMBER:
            return parse_number(text, lang, minimum=spec.minimum, maximum=spec.maximum)
        case QuestionKind.DATE:
            return parse_date(
                text,
                lang,
                today=today,
                earliest=today if spec.dates == "future" else None,
                latest=today if spec.dates == "past" else None,
            )
        case QuestionKind.TEXT:
            return parse_text(text, lang, max_length=spec.max_length or SHORT_TEXT_MAX)
        case QuestionKind.LONGTEXT:
            return parse_text(
                text, lang, multiline=True, max_length=spec.max_length or LONG_TEXT_MAX
            )
    raise AssertionError(f"no parser for {question.kind}")  # pragma: no cover
