"""The two languages of the product, and the few words every part of it shares.

Defined once here so that the dialogue, the classifier, the screens and plain mode say "vet
inte" and "Misstänkt social dumpning" the same way: the language type, `pick`, the labels of a
tri answer, and the names of the assessment's levels and urgencies. A text in both languages as
data files write it (`intake.core.bilingual.Text`) is a pydantic model, kept apart so that the
first screen, which imports this module, does not wait for pydantic.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["sv", "en"]
LANGS: tuple[Lang, ...] = ("sv", "en")

Tri = Literal["yes", "no", "unknown"]
Level = Literal["strong", "possible", "none", "not_applicable"]
Urgency = Literal["immediate", "soon", "routine"]
LEVELS: tuple[Level, ...] = ("strong", "possible", "none", "not_applicable")
# How far each level goes towards "suspected" (not_applicable and none are both "no signs").
LEVEL_RANK: dict[str, int] = {"not_applicable": 0, "none": 0, "possible": 1, "strong": 2}


def pick(lang: Lang, sv: str, en: str) -> str:
    """The Swedish or the English of a pair (Swedish unless English was asked for)."""
    return en if lang == "en" else sv


TRI_LABELS: dict[str, tuple[str, str]] = {
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "unknown": ("vet inte", "don't know"),
}

LEVEL_LABELS: dict[str, tuple[str, str]] = {
    "strong": ("Misstänkt social dumpning", "Suspected social dumping"),
    "possible": (
        "Möjliga tecken – behöver undersökas närmare",
        "Possible signs – needs looking into",
    ),
    "none": ("Inga tecken på social dumpning", "No signs of social dumping"),
    "not_applicable": (
        "Ej tillämpligt (ingen flytt mellan kommuner)",
        "Not applicable (no move between municipalities)",
    ),
}

URGENCY_LABELS: dict[str, tuple[str, str]] = {
    "immediate": ("Omedelbart", "Immediate"),
    "soon": ("Snart", "Soon"),
    "routine": ("Rutin", "Routine"),
}


def tri_label(value: str, lang: Lang) -> str:
    """"ja"/"nej"/"vet inte" (or the value itself when it is not a tri answer)."""
    labels = TRI_LABELS.get(value)
    return pick(lang, *labels) if labels else value


def level_label(level: str, lang: Lang) -> str:
    labels = LEVEL_LABELS.get(level)
    return pick(lang, *labels) if labels else level
