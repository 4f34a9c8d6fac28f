"""Plain mode's desk lock: a prompt left unanswered for the idle time clears the terminal and
asks for the same user's password before the visit goes on.

Only in a terminal (a pipe has no screen to hide). Every prompt goes through `PlainLock.read`:
it writes the prompt, then waits for a line with a timeout (POSIX: `select` on stdin, read
with `os.read` so that nothing waits unseen in Python's buffer; Windows: `msvcrt` polling,
see `intake.oscompat.wait_for_input`). When the time runs out the screen and, where the
terminal supports it, its scrollback are cleared (ANSI `ED 2` and `ED 3`), whatever was
typed but not entered is discarded, and the password is read without echo (`getpass`). After
the unlock the lines written since the last answer (the question) are shown again. Ctrl+D or
Ctrl+C at the password logs the desk out (`LoggedOut`): the answers are already stored.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

from intake.core.lock import IdleLock
from intake.credentials import WRONG_DELAY, CredentialChecker, Verdict, verify
from intake.oscompat import discard_typed_input, is_windows, wait_for_input
from intake.ui.i18n import t

if TYPE_CHECKING:
    from intake.settings import Settings

# Cursor home, erase the screen, erase the scrollback (xterm's ED 3; ignored where unknown).
CLEAR = "\x1b[H\x1b[2J\x1b[3J"


class LoggedOut(Exception):
    """Someone logged the locked desk out instead of unlocking it."""


class PlainLock:
    def __init__(
        self,
        lang: Callable[[], str],
        *,
        stdin: IO[str] | None = None,
        stdout: IO[str] | None = None,
        read_secret: Callable[[str], str] = getpass.getpass,
        wrong_delay: float = WRONG_DELAY,
    ) -> None:
        self.lang = lang
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.read_secret = read_secret
        self.wrong_delay = wrong_delay
        self.idle: IdleLock | None = None
        self.checker: CredentialChecker | None = None
        self.shown: list[str] = []  # written since the last line was read: shown again
        self._pending = b""  # bytes read from the terminal after the last whole line

    def arm(self, checker: CredentialChecker, after: float | None) -> None:
        self.checker = checker
        self.idle = IdleLock(after)

    def arm_for(self, settings: Settings, username: str) -> None:
        """Once signed in: the desk's checker and idle time, as the Textual app has them."""
        from intake.credentials import checker_for
        from intake.settings import lock_after_seconds

        self.arm(checker_for(settings, username), lock_after_seconds(settings))

    def write(self, text: str) -> None:
        self.shown.append(text)
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def read(self, prompt: str) -> str:
        while True:
            self.stdout.write(prompt)
            self.stdout.flush()
            idle, checker = self.idle, self.checker
            if idle is None or checker is None:  # not signed in yet: nothing to hide
                line = self._line(None)
            else:
                line = self._line(idle.remaining())
                if line is None:
                    self._locked(idle, checker)
                    continue
                idle.touch()
            if line is not None:
                self.shown.clear()
                return line

    def _line(self, timeout: float | None) -> str | None:
        """The next line, or None when `timeout` seconds pass without one."""
        if is_windows():
            if timeout is not None and not wait_for_input(self.stdin, timeout):
                return None
            text = self.stdin.readline()
            if not text:
                raise EOFError
            return text.rstrip("\r\n")
        fd = self.stdin.fileno()
        while b"\n" not in self._pending:
            if timeout is not None and not wait_for_input(self.stdin, timeout):
                return None
            chunk = os.read(fd, 4096)
            if not chunk:
                if not self._pending:
                    raise EOFError
                break
            self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        return line.decode("utf-8", errors="replace").rstrip("\r")

    def _locked(self, idle: IdleLock, checker: CredentialChecker) -> None:
        """Hide everything until the right password is given (or someone logs out)."""
        idle.lock()
        self._pending = b""
        discard_typed_input(self.stdin)
        lang = self.lang()
        self.stdout.write(CLEAR)
        self.stdout.write(f"{t('lock_title', lang)}\n")
        self.stdout.write(f"{t('lock_intro', lang, account=checker.account)}\n\n")
        self.stdout.flush()
        prompt = t("lock_plain_prompt", lang, account=checker.account)
        while True:
            try:
                secret = self.read_secret(prompt)
            except (EOFError, KeyboardInterrupt):
                raise LoggedOut from None
            if not secret:
                self._say("lock_empty")
                continue
            verdict = verify(checker, secret, wrong_delay=self.wrong_delay)
            if verdict is Verdict.OK:
                break
            self._say("lock_wrong" if verdict is Verdict.WRONG else "lock_unavailable")
        idle.unlock()
        self.stdout.write(CLEAR)
        self.stdout.write(f"{t('lock_unlocked', lang)}\n")
        for text in self.shown:
            self.stdout.write(text + "\n")
        self.stdout.flush()

    def _say(self, key: str) -> None:
        self.stdout.write(f"! {t(key, self.lang())}\n")
        self.stdout.flush()


def terminal_lock(lang: Callable[[], str]) -> PlainLock | None:
    """The lock for plain mode in a terminal; None when stdin or stdout is not one (a script
    piping answers has no screen to hide and no one to type a password)."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    return PlainLock(lang)
