"""A real terminal for end-to-end tests: the installed `intake` in a private tmux server."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def intake_command() -> str:
    found = Path(sys.executable).parent / "intake"
    if found.is_file():
        return str(found)
    which = shutil.which("intake")
    if which is None:
        pytest.fail("the `intake` command is not installed (pip install -e .)")
    return which


class Terminal:
    def __init__(self, home: Path, width: int = 100, height: int = 30) -> None:
        if shutil.which("tmux") is None:
            pytest.skip("tmux is not installed: the end-to-end terminal tests need it")
        self.socket = f"intake-test-{uuid.uuid4().hex[:10]}"
        self.home = home
        self.width, self.height = width, height
        self.sessions = 0

    def _tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {args[0]}: {done.stderr.strip()}")
        return done.stdout

    def start(self, *intake_args: str, launcher: str | None = None) -> str:
        """Start `intake` in a new session; returns the session name.

        `launcher` (a module under tests/) starts the same entry point after patching the
        platform, e.g. `tests.ui.windows_like`."""
        self.sessions += 1
        name = f"s{self.sessions}"
        env = {
            "XDG_DATA_HOME": str(self.home / "data"),
            "XDG_CONFIG_HOME": str(self.home / "config"),
            "XDG_STATE_HOME": str(self.home / "state"),
            "TERM": "xterm-256color",
        }
        assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        args = " ".join(shlex.quote(a) for a in intake_args)
        program = shlex.quote(intake_command())
        if launcher is not None:
            program = f"{shlex.quote(sys.executable)} -m {launcher}"
        command = f"exec env {assignments} {program} {args}"
        self._tmux(
            "new-session",
            *("-d", "-s", name, "-c", str(REPO_ROOT)),
            *("-x", str(self.width), "-y", str(self.height)),
            command,
        )
        self._tmux("set-option", "-t", name, "remain-on-exit", "on")
        return name

    def screen(self, name: str) -> str:
        return self._tmux("capture-pane", "-p", "-t", name)

    def keys(self, name: str, *keys: str) -> None:
        self._tmux("send-keys", "-t", name, *keys)

    def type(self, name: str, text: str) -> None:
        self._tmux("send-keys", "-t", name, "-l", text)

    def paste(self, name: str, text: str) -> None:
        """Paste `text` as the terminal does: bracketed, if the app asked for it."""
        self._tmux("set-buffer", "-b", "test-paste", text)
        self._tmux("paste-buffer", "-p", "-d", "-b", "test-paste", "-t", name)

    def pid(self, name: str) -> int:
        return int(self._tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip())

    def cursor(self, name: str) -> tuple[int, str]:
        """The cursor's line, counted from the top of the history, and what that line shows."""
        found = self._tmux(
            "display-message", "-p", "-t", name, "#{history_size} #{cursor_y}"
        ).split()
        history, row = int(found[0]), int(found[1])
        lines = self.screen(name).split("\n")
        return history + row, lines[row] if row < len(lines) else ""

    def exit_status(self, name: str, *, allow_unknown: bool = False) -> int | None:
        """The exit status, or 128 + the signal that ended it (as a shell reports it)."""
        found: list[str] = []
        for _ in range(700):  # tmux fills these in once the process is reaped, which can lag
            found = self._tmux(
                "display-message", "-p", "-t", name, "#{pane_dead_status} #{pane_dead_signal}"
            ).split()
            if found:
                break
            time.sleep(0.05)
        if not found and allow_unknown:
            return None
        if not found:
            raw = self._tmux("display-message", "-p", "-t", name, "#{pane_dead} #{pane_pid}")
            raise AssertionError(f"tmux reports no exit status for {name} ({raw.strip()})")
        return int(found[0]) if len(found) == 1 else 128 + int(found[-1])

    def dead(self, name: str) -> bool:
        return self._tmux("display-message", "-p", "-t", name, "#{pane_dead}").strip() == "1"

    def wait_for(self, name: str, text: str | Callable[[str], bool], timeout: float = 20) -> str:
        check = text if callable(text) else (lambda screen: text in screen)
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen(name)
            if check(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"waited {timeout}s for {text!r}; the screen shows:\n{screen}")

    def press_until(self, name: str, key: str, text: str, tries: int = 3) -> str:
        """Press `key` until `text` shows: a key that arrives while the answer area is still
        being swapped to the next question's kind can be dropped by the app."""
        for _ in range(tries - 1):
            self.keys(name, key)
            try:
                return self.wait_for(name, text, timeout=5)
            except AssertionError:
                continue
        self.keys(name, key)
        return self.wait_for(name, text)

    def close(self) -> None:
        self._tmux("kill-server", check=False)
