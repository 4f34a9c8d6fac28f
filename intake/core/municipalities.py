"""Sweden's 290 municipalities and a resolver for what a person says or types.

The resolver never guesses silently: it returns one match only when it is sure, ranked
suggestions when it is not, and nothing when nothing is close. A typed beginning of a name
("Lid", "upplands") offers every municipality whose name starts with it, before the names that
are merely spelled alike.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from enum import StrEnum, auto
from functools import cache
from importlib import resources

from intake.core.textclean import fold

# A fuzzy match is accepted alone only at or above this score and with this lead over the
# next candidate; below SUGGEST_SCORE nothing is offered at all.
ACCEPT_SCORE = 86.0
ACCEPT_LEAD = 6.0
SUGGEST_SCORE = 70.0
MAX_SUGGESTIONS = 5
# A beginning this long or longer offers every name that starts with it; one letter offers none.
MIN_PREFIX = 2

# Words people add around a municipality's name: "Stockholms stad", "Region Gotland",
# "Sollefteå kommun", "kommunen i Gävle".
_DECORATIONS = ("kommun", "kommunen", "stad", "staden", "region", "i", "municipality", "of", "city")


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str
    name: str
    county_code: str
    county: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "name": self.name, "county": self.county}

    def label(self) -> str:
        return f"{self.name} ({self.code}), {self.county}"


class Match(StrEnum):
    EXACT = auto()
    FUZZY = auto()
    AMBIGUOUS = auto()
    UNKNOWN = auto()


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of resolving one input: a municipality, or suggestions, or nothing."""

    kind: Match
    municipality: Municipality | None = None
    suggestions: tuple[Municipality, ...] = ()

    @property
    def ok(self) -> bool:
        return self.municipality is not None


@dataclass(frozen=True)
class _Index:
    by_code: dict[str, Municipality]
    by_key: dict[str, list[Municipality]]
    keys: list[str]


@cache
def _index() -> _Index:
    rows = (resources.files("intake.core") / "data" / "municipalities.csv").read_text("utf-8")
    by_code: dict[str, Municipality] = {}
    by_key: dict[str, list[Municipality]] = {}
    for row in csv.DictReader(rows.splitlines()):
        m = Municipality(row["code"], row["name"], row["county_code"], row["county"])
        by_code[m.code] = m
        by_key.setdefault(fold(m.name), []).append(m)
    return _Index(by_code, by_key, list(by_key))


def all_municipalities() -> list[Municipality]:
    return sorted(_index().by_code.values(), key=lambda m: m.code)


def by_code(code: str) -> Municipality | None:
    return _index().by_code.get(code)


def _strip_decorations(key: str) -> list[str]:
    """Candidate keys for `key` with common decorations and a genitive s removed."""
    words = key.split()
    while words and words[0] in _DECORATIONS:
        words = words[1:]
    while words and words[-1] in _DECORATIONS:
        words = words[:-1]
    if not words:
        return []
    base = " ".join(words)
    candidates = [base]
    if words[-1].endswith("s") and len(words[-1]) > 2:
        candidates.append(" ".join([*words[:-1], words[-1][:-1]]))
    return candidates


def resolve(text: str) -> Resolution:
    """Resolve a code or a name as a person would type it."""
    index = _index()
    raw = text.strip()
    digits = raw.replace(" ", "")
    if digits.isdigit():
        found = index.by_code.get(digits.zfill(4)) if len(digits) in (3, 4) else None
        return Resolution(Match.EXACT, found) if found else Resolution(Match.UNKNOWN)
    candidates = _strip_decorations(fold(raw))
    if not candidates:
        return Resolution(Match.UNKNOWN)
    for key in candidates:
        hits = index.by_key.get(key)
        if hits and len(hits) == 1:
            return Resolution(Match.EXACT, hits[0])
        if hits:
            # Names that fold alike (Håbo, Habo): the exact spelling, å/ä/ö included, decides.
            typed = " ".join(w for w in raw.casefold().split() if w not in _DECORATIONS)
            same = [m for m in hits if m.name.casefold() == typed]
            if len(same) == 1:
                return Resolution(Match.EXACT, same[0])
            return Resolution(Match.AMBIGUOUS, suggestions=tuple(hits))
    # Imported here, not at the top: most answers are a code or an exact name, and RapidFuzz
    # costs memory in the running app and time at the first misspelling (docs/benchmarks.md).
    from rapidfuzz import fuzz, process

    scored: dict[str, float] = {}
    for key in candidates:
        for name, score, _ in process.extract(
            key, index.keys, scorer=fuzz.ratio, limit=MAX_SUGGESTIONS + 1
        ):
            scored[name] = max(score, scored.get(name, 0.0))
    ranked = sorted(scored.items(), key=lambda item: (-item[1], item[0]))
    if ranked and ranked[0][1] >= ACCEPT_SCORE:
        best_key, best = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if best - runner_up >= ACCEPT_LEAD and len(index.by_key[best_key]) == 1:
            return Resolution(Match.FUZZY, index.by_key[best_key][0])
    alike = [key for key, score in ranked[:MAX_SUGGESTIONS] if score >= SUGGEST_SCORE]
    keys = [*_starting_with(raw, candidates, index), *alike]
    suggestions = tuple(m for key in dict.fromkeys(keys) for m in index.by_key[key])
    if not suggestions:
        return Resolution(Match.UNKNOWN)
    return Resolution(Match.AMBIGUOUS, suggestions=suggestions)


def _starting_with(raw: str, candidates: list[str], index: _Index) -> list[str]:
    """The keys of every name that starts with one of `candidates`, alphabetically. A beginning
    typed with å, ä or ö keeps them: "Sö" is Söderhamn, not Sollefteå."""
    long_enough = [c for c in candidates if len(c) >= MIN_PREFIX]
    keys = [k for k in index.keys if any(k.startswith(c) for c in long_enough)]
    typed = " ".join(w for w in raw.casefold().split() if w not in _DECORATIONS)
    if any(ch in "åäö" for ch in typed):
        keys = [
            k for k in keys if any(m.name.casefold().startswith(typed) for m in index.by_key[k])
        ]
    return sorted(keys)
