"""Pieces shared by the answer parsers: language picking, number words, safe echoing."""

from __future__ import annotations

import re

from intake.core.dialogue.api import AnswerResult, Lang
from intake.core.lang import pick

# Number words up to twenty, both languages: staff switch language mid-sentence.
NUMBER_WORDS: dict[str, int] = {
    # Swedish (folded: å/ä/ö without marks)
    "noll": 0, "en": 1, "ett": 1, "tva": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6,
    "sju": 7, "atta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13,
    "fjorton": 14, "femton": 15, "sexton": 16, "sjutton": 17, "arton": 18, "aderton": 18,
    "nitton": 19, "tjugo": 20,
    # English
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20,
}  # fmt: skip

# Longer digit runs could be part of a personal identity number: never repeat them back.
_LONG_DIGITS = re.compile(r"\d[\d\s-]{4,}\d")
ECHO_MAX = 40


def refuse(lang: Lang, sv: str, en: str, suggestions: tuple[str, ...] = ()) -> AnswerResult:
    return AnswerResult(ok=False, message=pick(lang, sv, en), suggestions=suggestions)


def safe_echo(text: str) -> str:
    """`text` as it may be quoted in a message: "" when it might hold a personal id."""
    if _LONG_DIGITS.search(text) or len(text) > ECHO_MAX:
        return ""
    return text


def understood(typed: str, shown: str) -> str:
    """The transcript form: "typed → understood" when the two differ, else just `shown`."""
    if not typed or typed.casefold() == shown.casefold():
        return shown
    return f"{typed} → {shown}"


def join_alternatives(items: list[str], lang: Lang) -> str:
    """ "A, B eller C" / "A, B or C"."""
    if len(items) <= 1:
        return "".join(items)
    word = pick(lang, "eller", "or")
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


# Words that make an amount approximate ("ungefär två månader sen", "ca 6 år", "about 3"): the
# answer is the amount itself. Folded text: "c:a" arrives as "c a".
_APPROX = re.compile(
    r"\b(?:ungefar|cirka|ca|c a|omkring|runt|kring|typ|nastan|drygt|knappt|"
    r"about|around|roughly|approximately|approx|almost|nearly|some)\b\s*"
)


def without_approximation(folded: str) -> str:
    """`folded` with the words that only say an amount is approximate taken out."""
    return " ".join(_APPROX.sub("", folded).split())
