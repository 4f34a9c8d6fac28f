"""A real terminal for end-to-end tests: the installed `intake` in a private tmux server.

Each program is started by a small shell script that records the program's own pid and then
its exit status in files next to it, so the tests do not depend on tmux reporting the status
of an ended pane (tmux 3.3a sometimes reports none).
"""

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


def desk_database(path: Path) -> str:
    """A SQLite database at `path` where the account running the tests works in reception,
    as Eva Ek; its URL."""
    from tests.ui.accounts import desk_user

    url = f"sqlite:///{path}"
    desk_user(url, "Eva Ek")
    return url


def stored_drafts(url: str, username: str | None = None) -> list[list[tuple[str, str]]]:
    """Each draft of `username` (by default the account running the tests) as (question id,
    what was entered) pairs."""
    from intake.oscompat import login_name
    from storage import open_repository

    repo = open_repository(url)
    try:
        user = repo.get_user(username or login_name())
        assert user is not None
        return [[(e["question_id"], e["raw"]) for e in d.events] for d in repo.list_drafts(user)]
    finally:
        repo.close()


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
        self._runs: dict[str, tuple[Path, Path]] = {}  # session: (pid file, status file)

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
            "XDG_CACHE_HOME": str(self.home / "cache"),
            "TERM": "xterm-256color",
        }
        assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        args = " ".join(shlex.quote(a) for a in intake_args)
        program = shlex.quote(intake_command())
        if launcher is not None:
            program = f"{shlex.quote(sys.executable)} -m {launcher}"
        runs = self.home / "runs"
        runs.mkdir(parents=True, exist_ok=True)
        pid_file, status_file = runs / f"{name}.pid", runs / f"{name}.status"
        # The inner shell writes its pid and becomes the program (exec), so the pid is the
        # program's own; the outer shell waits for it and writes its status as a shell reports
        # it (128 + the signal that ended it). Ctrl+C reaches both: the outer shell traps it
        # with a command (reset to the default in the program on exec), so it survives to
        # write the status while the program handles the key itself.
        script = runs / f"{name}.sh"
        script.write_text(
            "trap : INT\n"
            f"sh -c 'echo $$ > {shlex.quote(str(pid_file))}; "
            f"exec env {assignments} {program} {args}'\n"
            f"echo $? > {shlex.quote(str(status_file))}.part\n"
            f"mv {shlex.quote(str(status_file))}.part {shlex.quote(str(status_file))}\n",
            encoding="utf-8",
        )
        self._runs[name] = (pid_file, status_file)
        self._tmux(
            "new-session",
            *("-d", "-s", name, "-c", str(REPO_ROOT)),
            *("-x", str(self.width), "-y", str(self.height)),
            f"exec /bin/sh {shlex.quote(str(script))}",
        )
        self._tmux("set-option", "-t", name, "remain-on-exit", "on")
        return name

    def begin_visit(self, name: str) -> None:
        """From the signed-in start screen to the first question after the welcome."""
        self.wait_for(name, "Inloggad")
        self.keys(name, "n")
        self.wait_for(name, "Välkommen!")
        self.keys(name, "Enter")
        self.wait_for(name, "Vad heter du?")

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
        """The program's own pid (not the shell's that waits for it)."""
        pid_file = self._runs[name][0]
        deadline = time.monotonic() + 10
        while not pid_file.is_file() or not pid_file.read_text("utf-8").strip():
            if time.monotonic() > deadline:
                raise AssertionError(f"{name} never recorded its pid")
            time.sleep(0.02)
        return int(pid_file.read_text("utf-8"))

    def cursor(self, name: str) -> tuple[int, str]:
        """The cursor's line, counted from the top of the history, and what that line shows."""
        found = self._tmux(
            "display-message", "-p", "-t", name, "#{history_size} #{cursor_y}"
        ).split()
        history, row = int(found[0]), int(found[1])
        lines = self.screen(name).split("\n")
        return history + row, lines[row] if row < len(lines) else ""

    def exit_status(self, name: str, timeout: float = 35) -> int:
        """The exit status, or 128 + the signal that ended it (as a shell reports it).

        Waits up to `timeout` (the SQLite lock timeout is 30 s) for the program to end."""
        status_file = self._runs[name][1]
        deadline = time.monotonic() + timeout
        while not status_file.is_file():
            if time.monotonic() > deadline:
                raise AssertionError(f"{name} did not end within {timeout}s")
            time.sleep(0.02)
        return int(status_file.read_text("utf-8"))

    def dead(self, name: str) -> bool:
        """The program has ended and tmux has shown all it wrote."""
        if not self._runs[name][1].is_file():
            return False
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

    def close(self) -> None:
        self._tmux("kill-server", check=False)
