"""The app's themes: Textual's light and dark, plus a high-contrast one for low vision.

High contrast means pure black and white with one bright accent, no dimmed text
(text_alpha 1.0) and a small luminosity spread, so that no surface shade carries meaning.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="intake-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffaa00",
    error="#ff5555",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    boost="#ffffff",
    dark=True,
    luminosity_spread=0.05,
    text_alpha=1.0,
    variables={
        "footer-key-foreground": "#ffff00",
        "input-selection-background": "#ffff00 40%",
        "block-cursor-background": "#ffff00",
        "block-cursor-foreground": "#000000",
    },
)

# The themes the app offers, in the order "switch theme" cycles through them.
APP_THEMES: tuple[str, ...] = ("textual-dark", "textual-light", HIGH_CONTRAST.name)


def next_theme(current: str) -> str:
    try:
        index = APP_THEMES.index(current)
    except ValueError:
        return APP_THEMES[0]
    return APP_THEMES[(index + 1) % len(APP_THEMES)]
