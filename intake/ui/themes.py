"""The app's themes: Textual's light and dark, plus a high-contrast one for low vision
(its colours, and why, in themes.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.theme import Theme


def _own_themes() -> dict[str, Theme]:
    with Path(__file__).with_name("themes.toml").open("rb") as file:
        return {name: Theme(name=name, **values) for name, values in tomllib.load(file).items()}


HIGH_CONTRAST = _own_themes()["intake-high-contrast"]

# The themes the app offers, in the order "switch theme" cycles through them.
APP_THEMES: tuple[str, ...] = ("textual-dark", "textual-light", HIGH_CONTRAST.name)


def next_theme(current: str) -> str:
    try:
        index = APP_THEMES.index(current)
    except ValueError:
        return APP_THEMES[0]
    return APP_THEMES[(index + 1) % len(APP_THEMES)]
