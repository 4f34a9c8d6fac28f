"""The greeting, shown the moment N is pressed, while the conversation is still being prepared.

At start-up the dialogue is compiled after the first screen is drawn; a receptionist who
presses N at once would otherwise wait for it. This screen shows the dialogue's opening (its
greeting, `intake.core.dialogue.opening`) at once, so that it can be read out to the visitor.
Enter begins the visit as the greeting's Enter does; what is typed after it is held and goes
to the conversation when it opens, in order, as keys typed ahead there do (its screen replays
them to the next question). Esc goes back to the start screen and the visit is not begun.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from intake.core.dialogue.opening import Opening
from intake.core.lang import Lang
from intake.ui.i18n import t
from intake.ui.screens.base import IntakeScreen
from intake.ui.widgets.footer import KeyFooter


class OpeningScreen(IntakeScreen[None]):
    DEFAULT_CSS = """
    OpeningScreen #opening-box {
        padding: 1 2;
        height: auto;
    }
    OpeningScreen #opening-title {
        text-style: bold;
        color: $accent;
        margin-bottom: 1;
    }
    OpeningScreen #opening-hint, OpeningScreen #opening-status {
        color: $text-muted;
        margin-top: 1;
    }
    """

    def __init__(self, opening: Opening) -> None:
        super().__init__()
        self.opening = opening
        self.begun = False  # Enter was pressed: the visit starts past the greeting
        self.held: list[events.Key] = []  # typed after Enter, for the questions that follow

    def compose(self) -> ComposeResult:
        lang: Lang = "en" if self.lang == "en" else "sv"
        opening = self.opening
        with Vertical(id="opening-box"):
            title = f"{opening.title[lang]} · {opening.section[lang]}"
            yield Static(title, id="opening-title", markup=False)
            yield Static(opening.text[lang], id="opening-text", markup=False)
            yield Static(opening.hint[lang], id="opening-hint", markup=False)
            yield Static(self._status(), id="opening-status", markup=False)
        yield KeyFooter()

    def _status(self) -> str:
        return t("opening_begun" if self.begun else "opening_wait", self.lang)

    def action_begin(self) -> None:
        if not self.begun:
            self.begun = True
            self.query_one("#opening-status", Static).update(self._status())
            self.refresh_bindings()

    def action_back(self) -> None:
        self.intake_app.cancel_new_intake()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "begin" and self.begun)  # Enter is not offered twice

    def on_key(self, event: events.Key) -> None:
        if self.begun and event.key != "escape":
            event.stop()
            event.prevent_default()
            self.held.append(event)
