"""F1: what the app is for and every key it answers to, in the user's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Static

from intake.ui.i18n import key_help, t
from intake.ui.screens.base import IntakeModal
from intake.ui.widgets.footer import KeyFooter


class HelpScreen(IntakeModal[None]):
    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="help-box"):
            yield Static(t("help_title", lang), classes="title", markup=False)
            with VerticalScroll():
                yield Static(t("help_intro", lang), id="help-intro", markup=False)
                table: DataTable[str] = DataTable(id="help-keys", show_cursor=False)
                table.add_columns("", "")
                for key, sv, en in key_help():
                    table.add_row(key, sv if lang == "sv" else en)
                yield table
            yield Button(t("close", lang), id="close-help", action="screen.dismiss")
        yield KeyFooter()
