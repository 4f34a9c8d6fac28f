"""Answers checked against reference data or rules: municipality, personal id, free text."""

from __future__ import annotations

from intake.core.dialogue.api import AnswerResult, Lang
from intake.core.municipalities import Match, resolve
from intake.core.parsing._common import join_alternatives, refuse, understood
from intake.core.record import normalize_personal_id
from intake.core.textclean import clean_text


def parse_municipality(text: str, lang: Lang) -> AnswerResult:
    """Value the 4-digit code; an unsure match is never accepted, it is asked back."""
    typed = clean_text(text)
    resolution = resolve(typed)
    if resolution.municipality is not None and resolution.kind in (Match.EXACT, Match.FUZZY):
        m = resolution.municipality
        shown = f"{m.name} ({m.code}), {m.county}"
        display = shown if typed.casefold() == m.name.casefold() else understood(typed, shown)
        return AnswerResult(ok=True, value=m.code, display=display)
    if resolution.kind is Match.AMBIGUOUS and resolution.suggestions:
        names = [m.name for m in resolution.suggestions]
        if len(set(names)) < len(names):  # same name in two counties: tell them apart
            names = [f"{m.name} ({m.county})" for m in resolution.suggestions]
        alternatives = join_alternatives(names, lang)
        return refuse(
            lang, f"Menade du {alternatives}?", f"Did you mean {alternatives}?", tuple(names)
        )
    return refuse(
        lang,
        "Ange en svensk kommun, med namn eller fyrsiffrig kommunkod.",
        "Enter a Swedish municipality, by name or 4-digit municipality code.",
    )


def parse_personal_id(text: str, lang: Lang) -> AnswerResult:
    """Value "YYYYMMDD-NNNN". The message never repeats what was typed: it is personal data."""
    try:
        value = normalize_personal_id(text)
    except (ValueError, TypeError):
        return refuse(
            lang,
            "Ange personnummer eller samordningsnummer som ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN, "
            "med giltigt datum och kontrollsiffra.",
            "Enter a personal identity or coordination number as YYYYMMDD-NNNN or "
            "YYMMDD-NNNN, with a valid date and check digit.",
        )
    return AnswerResult(ok=True, value=value, display=value)


def parse_text(text: str, lang: Lang, *, multiline: bool = False, max_length: int) -> AnswerResult:
    """Value the cleaned text (no escape sequences or bidi controls); empty is refused."""
    cleaned = clean_text(text, multiline=multiline)
    if not cleaned:
        return refuse(lang, "Skriv ett svar.", "Type an answer.")
    if len(cleaned) > max_length:
        return refuse(
            lang,
            f"Svaret är för långt: högst {max_length} tecken (nu {len(cleaned)}).",
            f"The answer is too long: at most {max_length} characters (now {len(cleaned)}).",
        )
    return AnswerResult(ok=True, value=cleaned, display=cleaned)
