"""What every training screen shares: the "TRÄNING" banner and footer keys in its own texts."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from intake.core.dialogue.api import Lang
from intake.ui.screens.base import PRIORITY_KEYS, IntakeScreen, KeyTable
from intake.ui.training.texts import tr

BANNER_CSS = """
.training-banner {
    width: 100%;
    height: 1;
    background: $warning;
    color: $text;
    text-style: bold;
    content-align: center middle;
}
"""


def banner(lang: str, exam: bool = False) -> Static:
    """The "TRÄNING" line every training screen carries at its top."""
    return Static(
        Content(tr("banner_exam" if exam else "banner", lang)),
        classes="training-banner",
        id="training-banner",
    )


class TrainingScreen(IntakeScreen[None]):
    """A training screen: banner CSS, and footer keys labelled from `texts.TEXTS`."""

    DEFAULT_CSS = BANNER_CSS
    KEYS: ClassVar[KeyTable] = ()
    screenshots_allowed = True  # every person here is invented (intake/ui/screenshots.py)

    @property
    def core_lang(self) -> Lang:
        """The language as the core takes it."""
        return "en" if self.lang == "en" else "sv"

    def _install_keys(self) -> None:
        self._localize(self.lang)

    def _localize(self, lang: str) -> None:
        for key, action, text_key, show in self.KEYS:
            self._bindings.key_to_bindings[key] = [
                Binding(key, action, tr(text_key, lang) if text_key else "", show=show,
                        priority=key in PRIORITY_KEYS)
            ]
        if self.is_attached:
            self.refresh_bindings()

    def apply_language(self, lang: str) -> None:
        self._localize(lang)
        self.refresh(recompose=True)
