"""Whole numbers typed as digits or as words up to twenty (Swedish or English).

People answer "how many" and "how long" with the unit and a hedge: "6 år", "ca 45 år gammal",
"2 rok", "ungefär tre personer", "about 6 years". The unit words and the hedge are dropped; the
question itself says what is counted.
"""

from __future__ import annotations

import re

from intake.core.dialogue.api import AnswerResult, Lang
from intake.core.parsing._common import NUMBER_WORDS, refuse, without_approximation
from intake.core.textclean import clean_text, fold

_INTEGER = re.compile(r"\+?\d{1,9}")
_NEGATIVE = re.compile(r"[-−–]\s*\d+(?:[.,]\d+)?")
_DECIMAL = re.compile(r"[+]?\d+[.,]\d+")
# "inga" / "ingen" / "none" answer "how many" questions naturally.
_ZERO_WORDS = frozenset({"inga", "ingen", "inget", "none", "no one", "nobody"})
# Units people add after the number (folded): "2 st", "6 år", "45 years old", "2 rok".
_UNIT_WORDS = (
    "st", "stycken", "pcs", "ar", "years", "year", "yrs", "gammal", "gamla", "old",
    "personer", "person", "pers", "people", "persons", "vuxna", "vuxen", "adults", "adult",
    "rum och kok", "r o k", "rok", "rum", "rooms", "room", "barn", "children", "child",
)  # fmt: skip
_WITH_UNITS = re.compile(
    r"(\S+)(?: (?:" + "|".join(re.escape(w) for w in _UNIT_WORDS) + r"))*"
)


def word_number(folded: str) -> int | None:
    """A number from folded digits or a number word, or None."""
    if _INTEGER.fullmatch(folded):
        return int(folded)
    return NUMBER_WORDS.get(folded)


def parse_number(text: str, lang: Lang, *, minimum: int = 0, maximum: int = 100) -> AnswerResult:
    """Value int within [minimum, maximum]; refusals name the range."""
    expected_sv = f"Ange ett heltal från {minimum} till {maximum}, med siffror eller ord."
    expected_en = f"Enter a whole number from {minimum} to {maximum}, in digits or words."
    raw = clean_text(text).replace("\u00a0", " ")
    compact = raw.replace(" ", "")
    if _NEGATIVE.fullmatch(compact) and minimum >= 0:
        return refuse(
            lang,
            f"Talet kan inte vara negativt. {expected_sv}",
            f"The number cannot be negative. {expected_en}",
        )
    if _DECIMAL.fullmatch(compact):
        return refuse(
            lang,
            f"Decimaler går inte. {expected_sv}",
            f"Decimals are not accepted. {expected_en}",
        )
    value: int | None = None
    if _NEGATIVE.fullmatch(compact) and re.fullmatch(r"[-−–]\d{1,9}", compact):
        value = -int(compact[1:])
    else:
        key = without_approximation(fold(raw))
        with_units = _WITH_UNITS.fullmatch(key)
        if key not in _ZERO_WORDS and with_units is not None:
            key = with_units.group(1)
        value = 0 if key in _ZERO_WORDS else word_number(key)
    if value is None:
        return refuse(lang, expected_sv, expected_en)
    if not minimum <= value <= maximum:
        return refuse(
            lang,
            f"Talet ligger utanför intervallet. {expected_sv}",
            f"The number is out of range. {expected_en}",
        )
    return AnswerResult(ok=True, value=value, display=str(value))
