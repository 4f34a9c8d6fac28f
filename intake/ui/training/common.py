"""What every training screen shares: the "TRÄNING" banner and footer keys in its own texts."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widgets import Static

from intake.core.dialogue.api import Lang
from intake.ui.i18n import Catalog
from intake.ui.screens.base import IntakeScreen
from intake.ui.training.texts import TRAINING_TEXTS, tr

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
    """A training screen: banner CSS, and footer keys labelled from the training texts."""

    DEFAULT_CSS = BANNER_CSS
    TEXTS: ClassVar[Catalog] = TRAINING_TEXTS
    screenshots_allowed = True  # every person here is invented (intake/ui/screenshots.py)

    @property
    def core_lang(self) -> Lang:
        """The language as the core takes it."""
        return "en" if self.lang == "en" else "sv"
