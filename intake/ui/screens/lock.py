"""The locked desk: a full screen over everything, with nothing personal on it.

A full `Screen`, not a modal: a modal shows the screen beneath it, this one covers the whole
terminal. It names only the member of staff whose password unlocks it. The check runs in a
thread worker (PAM and a database connection block, and a wrong password waits on purpose);
the screen returns "unlocked" or "logout" to the app with `dismiss`.
"""

from __future__ import annotations

from typing import Literal

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from intake.credentials import WRONG_DELAY, CredentialChecker, Verdict, verify
from intake.ui.i18n import t
from intake.ui.screens.base import IntakeScreen

LockResult = Literal["unlocked", "logout"]


class LockScreen(IntakeScreen[LockResult]):
    DEFAULT_CSS = """
    LockScreen { align: center middle; }
    LockScreen > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: round $primary; background: $surface; padding: 1 2;
    }
    LockScreen #lock-title { text-style: bold; color: $primary; margin-bottom: 1; }
    LockScreen #lock-label { margin-top: 1; }
    LockScreen #lock-message { color: $error; height: auto; min-height: 1; }
    LockScreen #lock-hint { color: $text-muted; margin-top: 1; }
    LockScreen Horizontal { height: auto; margin-top: 1; }
    LockScreen Button { margin-right: 1; }
    """

    def __init__(self, checker: CredentialChecker, *, wrong_delay: float = WRONG_DELAY) -> None:
        super().__init__()
        self.checker = checker
        self.wrong_delay = wrong_delay
        self.checking = False

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical():
            yield Static(t("lock_title", lang), id="lock-title", markup=False)
            yield Static(t("lock_intro", lang, account=self.checker.account), markup=False)
            yield Static(t("lock_password", lang), id="lock-label", markup=False)
            yield Input(password=True, id="lock-password", compact=True)
            yield Static("", id="lock-message", markup=False)
            with Horizontal():
                yield Button(t("lock_unlock", lang), id="lock-unlock", variant="primary")
                yield Button(t("lock_logout", lang), id="lock-logout")
            yield Static(t("lock_logout_hint", lang), id="lock-hint", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#lock-password", Input).focus()

    def language_applied(self) -> None:
        """F4 works at a locked desk: the screen is drawn again, the password field keeps the
        focus (what was typed is dropped with the old field)."""
        self.query_one("#lock-password", Input).focus()

    def _say(self, key: str) -> None:
        self.query_one("#lock-message", Static).update(t(key, self.lang))

    @on(Input.Submitted, "#lock-password")
    @on(Button.Pressed, "#lock-unlock")
    def _unlock(self) -> None:
        if self.checking:
            return
        box = self.query_one("#lock-password", Input)
        secret = box.value
        box.value = ""  # the password leaves the screen at once
        if not secret:
            self._say("lock_empty")
            return
        self.checking = True
        self._say("lock_checking")
        self._check(secret)

    @work(thread=True, exit_on_error=False, group="unlock")
    def _check(self, secret: str) -> None:
        verdict = verify(self.checker, secret, wrong_delay=self.wrong_delay)
        self.app.call_from_thread(self._checked, verdict)

    def _checked(self, verdict: Verdict) -> None:
        self.checking = False
        if verdict is Verdict.OK:
            self.dismiss("unlocked")
            return
        self._say("lock_wrong" if verdict is Verdict.WRONG else "lock_unavailable")
        self.query_one("#lock-password", Input).focus()

    @on(Button.Pressed, "#lock-logout")
    def _logout(self) -> None:
        self.dismiss("logout")
