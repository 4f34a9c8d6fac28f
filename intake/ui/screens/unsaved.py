"""Leaving with answers that are not stored: said plainly, with what can be done about it.

Shown when the user quits while the visit has answers the database has not taken (a failed
or cancelled save). The choices: try saving again, see the answers to copy them, or leave
anyway (the app then ends with exit status 3 and prints the answers in the terminal).
"""

from __future__ import annotations

import asyncio
from typing import Literal

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Static, TextArea

from intake.core.session import IntakeSession
from intake.ui import errors
from intake.ui.i18n import t
from intake.ui.screens.base import IntakeModal
from intake.ui.widgets.footer import KeyFooter

Choice = Literal["saved", "leave"]


def answers_text(session: IntakeSession, lang: str) -> str:
    """Every answer of the visit, one per line, for copying out."""
    skipped = t("skipped", lang)
    return "\n".join(
        f"{line.question} = {line.answer or skipped}" for line in session.engine.transcript()
    )


class UnsavedScreen(IntakeModal["Choice | None"]):
    def __init__(self, session: IntakeSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="unsaved-box"):
            yield Static(
                t("unsaved_count", lang, count=self.session.unsaved_count()),
                classes="title",
                markup=False,
            )
            yield Static("", id="unsaved-message", markup=False)
            area = TextArea(answers_text(self.session, lang), read_only=True, id="unsaved-text")
            area.display = False
            yield area
            with Vertical(id="unsaved-buttons"):
                yield Button(
                    f"1  {t('retry_save', lang)}", id="retry", variant="primary", compact=True
                )
                yield Button(f"2  {t('show_answers', lang)}", id="show", compact=True)
                yield Button(
                    f"3  {t('leave_unsaved', lang)}", id="leave", variant="error", compact=True
                )
        yield KeyFooter()

    def action_stay(self) -> None:
        self.dismiss(None)

    def on_mount(self) -> None:
        self.query_one("#retry", Button).focus()

    @on(Button.Pressed, "#show")
    def action_show(self) -> None:
        """The answers in a read-only field, selected, to copy with the mouse or the keys."""
        area = self.query_one("#unsaved-text", TextArea)
        area.display = True
        area.select_all()

    @on(Button.Pressed, "#leave")
    def action_leave(self) -> None:
        self.dismiss("leave")

    @on(Button.Pressed, "#retry")
    def action_retry(self) -> None:
        self._retry()

    @work(exclusive=True, group="retry", exit_on_error=False)
    async def _retry(self) -> None:
        message = self.query_one("#unsaved-message", Static)
        message.update(Content(t("saving", self.lang)))
        try:
            await asyncio.wrap_future(self.session.save_later())
        except Exception as exc:
            error_id = errors.report(exc, "save draft")
            message.update(Content(t("save_failed", self.lang, error_id=error_id)))
            return
        self.dismiss("saved")
