"""Yes / no / don't know, as people actually type it.

Both languages' words are accepted whatever the chosen language, because staff mix them.
Quick replies 1, 2, 3 mean yes, no, don't know: the order in which the choices are shown.
"""

from __future__ import annotations

from intake.core.dialogue.api import AnswerResult, Lang
from intake.core.lang import pick
from intake.core.parsing._common import refuse
from intake.core.textclean import clean_text, fold

# Phrases are folded (lower case, no accents, punctuation as spaces): "Ja då!" -> "ja da".
_PHRASES: dict[str, tuple[str, ...]] = {
    "yes": (
        "1", "ja", "j", "jo", "japp", "jepp", "jajamen", "jajamensan", "javisst", "ja visst",
        "visst", "ja da", "jada", "absolut", "sakert", "precis", "stammer", "det stammer",
        "ja tack", "yes", "y", "yeah", "yep", "yup", "yes please", "sure", "of course",
        "absolutely", "correct", "true",
    ),
    "no": (
        "2", "nej", "n", "na", "nae", "nix", "nope", "inte", "nej tack", "absolut inte",
        "inte alls", "nej da", "nejda", "aldrig", "no", "nah", "no thanks", "not at all",
        "never", "false",
    ),
    "unknown": (
        "3", "vet inte", "vet ej", "vi vet inte", "osaker", "kanske", "oklart", "okant",
        "ingen aning", "inte saker", "ovisst", "eventuellt", "not sure", "don t know",
        "dont know", "do not know", "i don t know", "i dont know", "idk", "unknown", "unsure",
        "maybe", "not known", "no idea", "perhaps",
    ),
}  # fmt: skip

_BY_PHRASE: dict[str, str] = {p: value for value, ps in _PHRASES.items() for p in ps}

DISPLAY: dict[str, tuple[str, str]] = {
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "unknown": ("vet inte", "don't know"),
}


def parse_tri(text: str, lang: Lang) -> AnswerResult:
    """Value "yes", "no" or "unknown"; only whole phrases count ("kanske imorgon" does not)."""
    key = fold(clean_text(text))
    value = _BY_PHRASE.get(key)
    if value is None:
        return refuse(
            lang,
            "Svara ja, nej eller vet inte (eller 1, 2, 3).",
            "Answer yes, no or don't know (or 1, 2, 3).",
        )
    sv, en = DISPLAY[value]
    return AnswerResult(ok=True, value=value, display=pick(lang, sv, en))
