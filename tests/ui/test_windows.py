"""Windows desks: no SIGHUP, no `add_signal_handler`, no file modes, no PAM.

Each test makes this process (or the one tmux starts) look like Windows where it matters and
goes through the real entry point, `intake.cli.main`; none passes only because the machine is
Linux: the POSIX signal the code used before is removed first.
"""

from __future__ import annotations

import io
import os
import signal
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from intake import oscompat
from intake.cli import main
from intake.oscompat import login_name
from intake.ui.plain import _tolerant_output
from storage import open_repository
from storage.api import Repository, UserInfo
from tests.ui.accounts import desk_user
from tests.ui.test_plain import PLAIN_VISIT
from tests.ui.tmux_term import Terminal
from tests.ui.windows_like import STANDS_IN_FOR_SIGBREAK, patch_signals


@pytest.fixture
def windows_signals(monkeypatch: pytest.MonkeyPatch) -> None:
    def setattr_(target: object, name: str, value: object) -> None:
        monkeypatch.setattr(target, name, value, raising=False)

    patch_signals(setattr_, monkeypatch.delattr)


@pytest.fixture(autouse=True)
def _put_back_handlers() -> Iterator[None]:
    """The handlers a run installs are put back afterwards, as they were."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, STANDS_IN_FOR_SIGBREAK)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


class Keyboard(io.StringIO):
    """Standard input typed line by line; `on_line` runs before the given line is read."""

    def __init__(self, lines: list[str], on_line: dict[int, Any] | None = None) -> None:
        super().__init__("".join(line + "\n" for line in lines))
        self.read_count = 0
        self._on_line = on_line or {}

    def readline(self, size: int | None = -1) -> str:
        action = self._on_line.get(self.read_count)
        self.read_count += 1
        if action is not None:
            action()
        return super().readline(-1 if size is None else size)


def test_windows_signals_really_lack_sighup(windows_signals: None) -> None:
    assert not hasattr(signal, "SIGHUP")
    assert oscompat.hangup_signals() == (signal.SIGTERM, STANDS_IN_FOR_SIGBREAK)


def test_plain_mode_runs_a_visit_with_windows_signals(
    windows_signals: None,
    db_url: str,
    user: UserInfo,
    repo: Repository,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "stdin", Keyboard(PLAIN_VISIT))
    code = main(["--plain", "--db", db_url])  # the OS account is anna (conftest)
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "Traceback" not in printed.out + printed.err
    assert "är skapat" in printed.out
    assert len(repo.list_cases(user)) == 1


def test_ctrl_break_ends_plain_mode_and_keeps_the_answers(
    windows_signals: None,
    db_url: str,
    user: UserInfo,
    repo: Repository,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def ctrl_break() -> None:
        os.kill(os.getpid(), STANDS_IN_FOR_SIGBREAK)

    # menu, welcome, name; Ctrl+Break while the personal identity number is asked
    keyboard = Keyboard(["1", "", "Ida Berg", "19121212-1212"], on_line={3: ctrl_break})
    monkeypatch.setattr(sys, "stdin", keyboard)
    code = main(["--plain", "--db", db_url])  # the OS account is anna (conftest)
    printed = capsys.readouterr()
    assert code == 130
    assert "Traceback" not in printed.out + printed.err
    (draft,) = repo.list_drafts(user)
    assert [e["raw"] for e in draft.events] == ["", "Ida Berg"]


@pytest.mark.tmux
@pytest.mark.slow
def test_the_app_runs_a_visit_and_stops_with_windows_signals(tmp_path: Path) -> None:
    """The Textual app through the real entry point in a terminal, signals as on Windows:
    a visit is started, answered and left with Ctrl+Q; a second start ends on Ctrl+Break."""
    url = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    term = Terminal(tmp_path / "home")
    launcher = "tests.ui.windows_like"
    desk_user(url, "Eva Ek")
    try:
        first = term.start("--db", url, launcher=launcher)
        term.wait_for(first, "Inloggad")
        term.keys(first, "n")
        term.wait_for(first, "Välkommen!")
        term.keys(first, "Enter")
        term.wait_for(first, "Vad heter du?")
        term.type(first, "Ida Berg")
        term.keys(first, "Enter")
        term.wait_for(first, "Nu två frågor")
        term.keys(first, "C-q")
        screen = term.wait_for(first, lambda _s: term.dead(first))
        assert "Traceback" not in screen
        assert term.exit_status(first) == 0

        second = term.start("--db", url, launcher=launcher)
        term.wait_for(second, "Inloggad")
        os.kill(term.pid(second), STANDS_IN_FOR_SIGBREAK)
        screen = term.wait_for(second, lambda _s: term.dead(second), timeout=10)
        assert "Traceback" not in screen
        assert term.exit_status(second) == 129  # 128 + SIGUSR1, standing in for SIGBREAK
    finally:
        term.close()
    repository = open_repository(url)
    try:
        eva = repository.get_user(login_name())
        assert eva is not None
        (draft,) = repository.list_drafts(eva)
        assert [e["raw"] for e in draft.events] == ["", "Ida Berg"]
    finally:
        repository.close()


# -- the platform branches, each exercised by patching the platform ---------------------------


def test_file_modes_on_posix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os, "name", "posix")
    folder = oscompat.private_dir(tmp_path / "a" / "b")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    file = folder / "intake.sqlite3"
    file.write_text("", encoding="utf-8")
    file.chmod(0o644)
    assert oscompat.readable_by_others(file) is True
    assert oscompat.restrict_to_owner(file) is True
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert oscompat.readable_by_others(file) is False


def test_file_modes_on_windows_are_left_to_the_profile_acl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "intake.sqlite3"
    file.write_text("", encoding="utf-8")
    file.chmod(0o644)
    folder = tmp_path / "state"
    monkeypatch.setattr(sys, "platform", "win32")
    assert oscompat.is_windows()
    assert oscompat.readable_by_others(file) is None  # modes say nothing there
    assert oscompat.restrict_to_owner(file) is False
    assert stat.S_IMODE(file.stat().st_mode) == 0o644  # not touched
    oscompat.private_dir(folder)
    assert folder.is_dir()


def test_os_name_nt_alone_means_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert not oscompat.is_windows()
    monkeypatch.setattr(os, "name", "nt")
    assert oscompat.is_windows()
    assert oscompat.pam_available() is False


def test_pam_only_where_it_exists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(oscompat, "find_spec", lambda name: object() if name == "pam" else None)
    assert oscompat.pam_available() is True
    monkeypatch.setattr(sys, "platform", "win32")
    assert oscompat.pam_available() is False


def test_hangup_in_a_loop_falls_back_to_signal_signal(windows_signals: None) -> None:
    import asyncio

    calls: list[str] = []

    async def scenario() -> tuple[signal.Signals, ...]:
        loop = asyncio.get_running_loop()
        installed = oscompat.on_hangup_in_loop(loop, lambda: calls.append("hang-up"))
        os.kill(os.getpid(), STANDS_IN_FOR_SIGBREAK)
        for _ in range(50):
            if calls:
                break
            await asyncio.sleep(0.01)
        return installed

    installed = asyncio.run(scenario())
    assert installed == (signal.SIGTERM, STANDS_IN_FOR_SIGBREAK)
    assert calls == ["hang-up"]


def test_plain_output_that_cannot_encode_shows_a_question_mark(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raw = io.BytesIO()
    console = io.TextIOWrapper(raw, encoding="cp1252")  # a Windows pipe
    monkeypatch.setattr(sys, "stdout", console)
    _tolerant_output()
    print("solleftea → Sollefteå")
    console.flush()
    assert raw.getvalue().decode("cp1252") == "solleftea ? Sollefteå\n"


def test_no_unguarded_posix_call_in_product_code() -> None:
    """SIGHUP, add_signal_handler, chmod and PAM appear only in intake/oscompat.py."""
    root = Path(__file__).resolve().parents[2]
    posix_only = (
        "signal.SIGHUP",
        "add_signal_handler(",
        ".chmod(",
        "os.getuid(",
        "import pam",
        "import fcntl",
        "import pwd",
        "import termios",
    )
    offenders = []
    for folder in ("intake", "storage", "dialogs"):
        for path in (root / folder).rglob("*.py"):
            if path.name == "oscompat.py":
                continue
            text = path.read_text("utf-8")
            found = [word for word in posix_only if word in text]
            offenders += [f"{path.relative_to(root)}: {word}" for word in found]
    assert offenders == []


def test_the_login_name_on_windows_asks_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows: the logon session's account (`os.getlogin`, GetUserNameW), not %USERNAME%,
    and never the POSIX password database (which Windows lacks)."""
    import builtins

    real_import = builtins.__import__

    def no_pwd(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pwd":
            raise ModuleNotFoundError("No module named 'pwd'", name="pwd")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(builtins, "__import__", no_pwd)
    monkeypatch.setattr(os, "getlogin", lambda: "kim")
    monkeypatch.setenv("USERNAME", "someone_else")
    monkeypatch.setenv("USER", "someone_else")
    assert oscompat.login_name() == "kim"


@pytest.mark.skipif(os.name != "posix", reason="the password database is POSIX")
def test_the_login_name_on_posix_is_the_real_uid_not_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pwd

    def no_getlogin() -> str:
        raise AssertionError("os.getlogin reads the terminal's login record, not the uid")

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os, "getlogin", no_getlogin)
    monkeypatch.setenv("USER", "admin")
    monkeypatch.setenv("LOGNAME", "admin")
    assert oscompat.login_name() == pwd.getpwuid(os.getuid()).pw_name != "admin"
