"""The app's own words (buttons, titles, messages) in Swedish and English.

The dialogue's questions come from the engine in the chosen language; the catalogs here hold
only the chrome around them, so that plain mode and the Textual screens say the same things.
The words live as data in `intake/ui/texts/*.toml` (one catalog per area, Swedish and English
side by side for a translator); each catalog is read once, on first use, and an entry without
both languages is refused there rather than shown half-translated.
"""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Mapping
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
    pairs defined elsewhere (the core's level names). A file is read when a key is first
    looked for that the files before it do not hold, so that the first screen reads only
    the catalog its words are in; `entries` reads them all (the tests check every one)."""

    def __init__(self, *names: str, extra: Mapping[str, tuple[str, str]] | None = None) -> None:
        self.names = names
        self._loaded = dict(extra or {})
        self._unread = list(names)
        self._lock = threading.Lock()

    def _read_next(self) -> None:
        name = self._unread[0]
        for key, pair in read_catalog(TEXTS_DIR / f"{name}.toml").items():
            if key in self._loaded:
                raise CatalogError(f"{name}.toml: {key} is defined twice")
            self._loaded[key] = pair
        self._unread.pop(0)

    def _pair(self, key: str) -> tuple[str, str]:
        pair = self._loaded.get(key)
        if pair is None:
            with self._lock:
                while key not in self._loaded and self._unread:
                    self._read_next()
            pair = self._loaded[key]  # KeyError: a key no catalog holds
        return pair

    @property
    def entries(self) -> dict[str, tuple[str, str]]:
        with self._lock:
            while self._unread:
                self._read_next()
        return self._loaded

    def __contains__(self, key: str) -> bool:
        try:
            self._pair(key)
        except KeyError:
            return False
        return True

    def say(self, key: str, lang: str, **values: object) -> str:
        """The text for `key` in `lang` (Swedish unless English is asked for), formatted."""
        sv, en = self._pair(key)
        text = en if lang == "en" else sv
        return text.format(**values) if values else text


# The level and urgency names are the core's (intake.core.lang), defined once for every screen.
# In the order they are first needed: the start screen's words are in app and admin.
APP_TEXTS = Catalog(
    "app",
    "admin",
    "cases",
    "exports",
    "identity",
    "lock",
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
