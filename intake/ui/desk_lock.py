"""The app's side of the desk lock: counting idle time, locking, unlocking, logging out.

`IntakeApp` holds one `DeskLock`, arms it once someone is signed in, reports every key and
mouse event to it, and asks it which actions are allowed. Locking pushes `LockScreen` over
the whole stack (a full screen: nothing beneath shows), drops the notifications on screen
and holds new ones until the desk is unlocked, since a toast could name a visitor or a
case. The policy (how long, what counts) is `intake.core.lock.IdleLock`; the credential is
checked by `intake.credentials`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text

from intake.core.lock import IdleLock
from intake.credentials import WRONG_DELAY, CredentialChecker
from intake.ui.i18n import t

if TYPE_CHECKING:
    from textual.timer import Timer

    from intake.ui.app import IntakeApp
    from intake.ui.screens.lock import LockResult

# While locked only these app actions run: the language, and Ctrl+Q / Ctrl+C as "log out".
ALLOWED_WHILE_LOCKED = frozenset({"switch_language", "quit", "help_quit"})


class DeskLock:
    """`clock`/`checker` are injected by tests; `tick` is how often idle time is looked at."""

    tick = 1.0
    wrong_delay = WRONG_DELAY

    def __init__(
        self,
        app: IntakeApp,
        *,
        checker: CredentialChecker | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.checker = checker
        self.clock = clock
        self.idle: IdleLock | None = None
        self.held: list[tuple[str, dict[str, Any]]] = []  # notifications while locked
        self._timer: Timer | None = None

    @property
    def locked(self) -> bool:
        return self.idle is not None and self.idle.locked

    def arm(self, username: str) -> None:
        """Start counting once someone is signed in (`lock_after_minutes`, see settings)."""
        from intake.settings import lock_after_seconds

        if self.idle is not None:
            return
        after = lock_after_seconds(self.app.settings)
        if self.checker is None:
            from intake.credentials import checker_for

            self.checker = checker_for(self.app.settings, username)
        self.idle = IdleLock(after, self.clock)
        if after is not None:
            self._timer = self.app.set_interval(min(self.tick, after / 4), self.check)

    def activity(self) -> None:
        if self.idle is not None:
            self.idle.touch()

    def check(self) -> None:
        if self.idle is not None and self.idle.due():
            self.lock()

    def lock(self) -> None:
        from intake.ui.screens.lock import LockScreen

        if self.idle is None or self.checker is None or self.idle.locked:
            return
        self.idle.lock()
        self.app.clear_notifications()
        screen = LockScreen(self.checker, wrong_delay=self.wrong_delay)
        self.app.push_screen(screen, self._done)

    def allows(self, action: str) -> bool:
        return not self.locked or action in ALLOWED_WHILE_LOCKED

    def hold(self, message: str, options: dict[str, Any]) -> bool:
        """Keep a notification for after the unlock; True when it was held."""
        if not self.locked:
            return False
        self.held.append((message, options))
        return True

    def _done(self, result: LockResult | None) -> None:
        if result == "logout":
            self.log_out()
            return
        if self.idle is not None:
            self.idle.unlock()
        # After the lock screen has gone: a toast raised now would land on its rack.
        self.app.call_after_refresh(self._show_held)

    def _show_held(self) -> None:
        held, self.held = self.held, []
        self.app.notify(t("lock_unlocked", self.app.lang), markup=False, timeout=3)
        for message, options in held:
            self.app.notify(message, **options)

    def log_out(self) -> None:
        """Someone ends the locked session without seeing it. Every answer given was stored
        before the next question was asked, so the draft is intact; should a save have
        failed, the count is said (and the answers are not shown to whoever logged out)."""
        from intake.ui.app import EXIT_UNSAVED

        app = self.app
        session = app._visit()
        if session is not None and session.unsaved:
            app.left_unsaved = True
            said = t("logged_out_unsaved", app.lang, count=session.unsaved_count())
            app.exit(0, EXIT_UNSAVED, Text(said))
            return
        app.exit(0, 0, Text(t("logged_out", app.lang)))
