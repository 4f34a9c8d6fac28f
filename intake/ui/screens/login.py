"""Who is working is the operating-system account (or, on a shared database, the login), never
a name typed into the app: there is no sign-in form and no role to choose. The start-up
worker asks the repository (`Repository.identify`); this screen is what an account that is not
a user of the database sees instead of the app: why, and who can add it. It leaves with exit
status 2 (`intake.ui.app.EXIT_REFUSED`), as plain mode does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import Button, Static

from intake.ui.i18n import t
from intake.ui.screens.base import IntakeScreen
from intake.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from storage.api import PermissionDenied


class AccountRefusedScreen(IntakeScreen[None]):
    AUTO_FOCUS = "#quit"

    def __init__(self, refusal: PermissionDenied) -> None:
        super().__init__()
        self._refusal = refusal

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Center(), Vertical(id="refused-box"):
            yield Static(t("refused_title", lang), classes="title", markup=False)
            yield Static(self._refusal.message(lang), id="refused-message", markup=False)
            yield Static(t("refused_how", lang), markup=False)
            yield Button(f"^Q {t('quit', lang)}", id="quit", variant="error", compact=True)
        yield KeyFooter()

    @on(Button.Pressed, "#quit")
    async def _quit(self) -> None:
        await self.run_action("app.quit")
