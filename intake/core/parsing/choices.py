"""One or several of a question's options, by number, key, label or an unambiguous prefix.

Matching is on folded text (case, accents and punctuation ignored), so "forsta" finds
"Förstahandskontrakt" and "first_hand" finds the key `first_hand`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from intake.core.dialogue.api import AnswerResult, Lang, Option
from intake.core.lang import pick
from intake.core.parsing._common import join_alternatives, refuse, safe_echo
from intake.core.textclean import clean_text, fold

# Answers that mean "none of them" in a multi-select.
_NONE_WORDS = frozenset({"", "0", "inga", "ingen", "inget", "none", "nothing", "no", "nej"})
_COMMA = re.compile(r"[,;\n]+")
# Capturing, so that a run of parts can be put back together with its own separators.
_SPLITTERS = (re.compile(r"(\s+(?:och|and|samt|&|\+)\s+)"), re.compile(r"(\s+)"))


@dataclass(frozen=True, slots=True)
class _Found:
    """The options one piece of text may mean: exactly one when it is understood."""

    indices: tuple[int, ...]


def _match(piece: str, options: Sequence[Option]) -> _Found:
    key = fold(piece)
    if not key:
        return _Found(())
    if key.isdigit():
        number = int(key) if len(key) < 6 else 0
        return _Found((number - 1,) if 1 <= number <= len(options) else ())
    exact = [
        i for i, o in enumerate(options) if key in (fold(o.key), fold(o.label), o.key.casefold())
    ]
    if exact:
        return _Found(tuple(exact[:1]) if len(exact) == 1 else tuple(exact))
    prefixed = [
        i
        for i, o in enumerate(options)
        if fold(o.label).startswith(key) or fold(o.key).startswith(key)
    ]
    return _Found(tuple(prefixed))


def _options_list(options: Sequence[Option]) -> str:
    return ", ".join(f"{i} {o.label}" for i, o in enumerate(options, start=1))


def _ambiguous(found: _Found, options: Sequence[Option], lang: Lang) -> AnswerResult:
    labels = [options[i].label for i in found.indices]
    return refuse(
        lang,
        f"Flera alternativ passar: {join_alternatives(labels, lang)}. "
        "Skriv mer av namnet eller svara med numret.",
        f"Several options fit: {join_alternatives(labels, lang)}. "
        "Type more of the name or answer with the number.",
        suggestions=tuple(labels),
    )


def parse_choice(text: str, options: Sequence[Option], lang: Lang) -> AnswerResult:
    """Value the chosen option's key; display its label."""
    found = _match(clean_text(text), options)
    if len(found.indices) == 1:
        option = options[found.indices[0]]
        return AnswerResult(ok=True, value=option.key, display=option.label)
    if found.indices:
        return _ambiguous(found, options, lang)
    listing = _options_list(options)
    return refuse(
        lang,
        f"Välj ett alternativ med nummer eller namn: {listing}.",
        f"Choose one option by number or name: {listing}.",
    )


def _split(piece: str, options: Sequence[Option], level: int = 0) -> list[tuple[str, _Found]]:
    """`piece` as options: the longest runs of words that name one, first between
    conjunctions ("och", "and"), then between spaces, so that labels which themselves contain
    "och" or spaces ("Missbruks- och beroendevård") survive."""
    found = _match(piece, options)
    if found.indices or level >= len(_SPLITTERS):
        return [(piece, found)]
    tokens = _SPLITTERS[level].split(piece)
    parts, separators = tokens[::2], tokens[1::2]
    if len(parts) == 1:
        return _split(piece, options, level + 1)
    out: list[tuple[str, _Found]] = []
    start = 0
    while start < len(parts):
        for end in range(len(parts), start, -1):
            candidate = "".join(
                part + (separators[i] if i < end - 1 else "")
                for i, part in enumerate(parts[start:end], start=start)
            )
            found = _match(candidate, options)
            if found.indices:
                out.append((candidate, found))
                break
        else:
            out.extend(_split(parts[start], options, level + 1))
            end = start + 1
        start = end
    return [item for item in out if item[0].strip()]


def parse_multi(text: str, options: Sequence[Option], lang: Lang) -> AnswerResult:
    """Value the chosen keys in option order, maybe empty.

    "", "0", "inga", "ingen", "inget", "none", "nothing", "nej", "no" mean none of them, unless
    an option itself is called that.
    """
    cleaned = clean_text(text, multiline=True)
    whole = _match(cleaned, options)
    if not whole.indices and fold(cleaned) in _NONE_WORDS:
        return AnswerResult(ok=True, value=[], display=pick(lang, "inga", "none"))
    chosen: set[int] = set()
    for chunk in _COMMA.split(cleaned):
        if not chunk.strip():
            continue
        for piece, found in _split(chunk.strip(), options):
            if len(found.indices) > 1:
                return _ambiguous(found, options, lang)
            if not found.indices:
                echo = safe_echo(piece)
                listing = _options_list(options)
                return refuse(
                    lang,
                    (f"Förstod inte ”{echo}”. " if echo else "")
                    + f"Välj med nummer eller namn, åtskilda med komma: {listing}.",
                    (f'Did not understand "{echo}". ' if echo else "")
                    + f"Choose by number or name, separated by commas: {listing}.",
                )
            chosen.add(found.indices[0])
    keys = [options[i].key for i in sorted(chosen)]
    labels = [options[i].label for i in sorted(chosen)]
    display = ", ".join(labels) if labels else pick(lang, "inga", "none")
    return AnswerResult(ok=True, value=keys, display=display)
