"""The app's own words (buttons, titles, messages) in Swedish and English.

The dialogue's questions come from the engine in the chosen language; the catalogs here hold
only the chrome around them, so that plain mode and the Textual screens say the same things.
The words live as data in `intake/ui/texts/*.toml` (one catalog per area, Swedish and English
side by side for a translator); each catalog is read once, on first use, and an entry without
both languages is refused there rather than shown half-translated.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path

from intake.core.lang import LEVEL_LABELS, URGENCY_LABELS
from intake.core.lang import Lang as Lang

TEXTS_DIR = Path(__file__).with_name("texts")


class CatalogError(ValueError):
    """A text catalog that is not a table of {sv, en} entries (a packaging or editing mistake)."""


def read_catalog(path: Path) -> dict[str, tuple[str, str]]:
    """The entries of one TOML catalog as (Swedish, English) pairs."""
    with path.open("rb") as file:
        data = tomllib.load(file)
    entries: dict[str, tuple[str, str]] = {}
    for key, entry in data.items():
        if not isinstance(entry, dict) or set(entry) != {"sv", "en"}:
            raise CatalogError(f"{path.name}: {key} needs exactly sv and en")
        sv, en = entry["sv"], entry["en"]
        if not (isinstance(sv, str) and isinstance(en, str) and sv and en):
            raise CatalogError(f"{path.name}: {key} needs a non-empty text in sv and en")
        entries[key] = (sv, en)
    return entries


class Catalog:
    """The texts of one area: one or more TOML files (later files may not reuse a key), plus
    pairs defined elsewhere (the core's level names)."""

    def __init__(self, *names: str, extra: Mapping[str, tuple[str, str]] | None = None) -> None:
        self.names = names
        self._extra = dict(extra or {})

    @cached_property
    def entries(self) -> dict[str, tuple[str, str]]:
        merged = dict(self._extra)
        for name in self.names:
            for key, pair in read_catalog(TEXTS_DIR / f"{name}.toml").items():
                if key in merged:
                    raise CatalogError(f"{name}.toml: {key} is defined twice")
                merged[key] = pair
        return merged

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def say(self, key: str, lang: str, **values: object) -> str:
        """The text for `key` in `lang` (Swedish unless English is asked for), formatted."""
        sv, en = self.entries[key]
        text = en if lang == "en" else sv
        return text.format(**values) if values else text


# The level and urgency names are the core's (intake.core.lang), defined once for every screen.
APP_TEXTS = Catalog(
    "app",
    "cases",
    "exports",
    "identity",
    "lock",
    "admin",
    extra={
        **{f"level_{k}": v for k, v in LEVEL_LABELS.items()},
        **{f"urgency_{k}": v for k, v in URGENCY_LABELS.items()},
    },
)
t = APP_TEXTS.say


def key_help() -> list[tuple[str, str, str]]:
    """What each key does, for F1 help: (key, Swedish, English), in the order shown."""
    with (TEXTS_DIR / "keys.toml").open("rb") as file:
        rows = tomllib.load(file)["keys"]
    return [(row["key"], row["sv"], row["en"]) for row in rows]


def other_language(lang: str) -> Lang:
    return "en" if lang == "sv" else "sv"
