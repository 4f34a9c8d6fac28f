"""Plain mode locks too (issue 18.3): in a real terminal (tmux), a prompt left for the idle
time clears the screen and its scrollback and asks for the password (checked by the real PAM
for a throwaway OS account); a wrong one is refused, the right one shows the question again
and the visit goes on; Ctrl+D at the password logs out with the draft kept."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storage import open_repository
from storage.api import Role
from tests.os_accounts import PASSWORD, throwaway_account
from tests.ui.tmux_term import Terminal

pytestmark = [pytest.mark.tmux, pytest.mark.slow]
LOCK_SECONDS = 6


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[tuple[Terminal, str, str]]:
    with throwaway_account() as account:
        url = f"sqlite:///{tmp_path / 'plain.sqlite3'}"
        repo = open_repository(url)
        repo.ensure_user(account, "Eva Ek", Role.RECEPTION)  # the desk's OS account
        repo.close()
        home = tmp_path / "home"
        config = home / "config" / "intake"
        config.mkdir(parents=True)
        (config / "config.json").write_text(
            json.dumps({"lock_after_minutes": LOCK_SECONDS / 60}), "utf-8"
        )
        term = Terminal(home, width=100, height=30)
        try:
            yield term, url, account
        finally:
            term.close()


def _history(term: Terminal, name: str) -> str:
    """The screen and everything scrolled off it."""
    return term._tmux("capture-pane", "-p", "-S", "-", "-t", name)


def _visit_with_a_name(term: Terminal, url: str, account: str) -> str:
    name = term.start(account, "--plain", "--db", url, launcher="tests.ui.as_account")
    term.wait_for(name, "1 ")
    term.type(name, "1")  # a new visit
    term.keys(name, "Enter")
    term.wait_for(name, "Välkommen")
    term.keys(name, "Enter")
    term.wait_for(name, "Vad heter du?")
    term.type(name, "Sara Lind")
    term.keys(name, "Enter")
    term.wait_for(name, "= Sara Lind")  # stored: plain mode echoes an answer once it is
    return name


def test_plain_mode_locks_and_unlocks_with_the_os_password(
    desk: tuple[Terminal, str, str],
) -> None:
    term, url, account = desk
    name = _visit_with_a_name(term, url, account)
    asked = term.screen(name)
    assert "Sara" in _history(term, name)  # (so that its absence below means something)
    term.type(name, "hal")  # typed, not entered: must not join the password
    locked = term.wait_for(name, "Skärmen är låst", timeout=LOCK_SECONDS + 10)
    assert "Sara" not in _history(term, name)
    assert "Sara" not in locked and account in locked
    term.type(name, "fel lösen")
    term.keys(name, "Enter")
    term.wait_for(name, "Fel lösenord", timeout=15)
    assert "fel lösen" not in term.screen(name)  # no echo
    term.type(name, PASSWORD)
    term.keys(name, "Enter")
    back = term.wait_for(name, "Upplåst", timeout=15)
    assert "Skärmen är låst" not in back and "Fel lösenord" not in back
    question = [line for line in asked.splitlines() if line.strip()][-2]
    assert question in back  # the question is shown again
    assert "hal" not in back.split("Upplåst", 1)[1]
    term.type(name, "/avsluta")
    term.keys(name, "Enter")
    term.wait_for(name, "3 Avsluta")  # the menu (which would lock too, if left)
    term.type(name, "3")
    term.keys(name, "Enter")
    term.wait_for(name, lambda _s: term.dead(name), timeout=15)
    assert term.exit_status(name) == 0
    _draft_has(url, account, "Sara Lind")


def test_ctrl_d_at_the_password_logs_out_and_keeps_the_draft(
    desk: tuple[Terminal, str, str],
) -> None:
    term, url, account = desk
    name = _visit_with_a_name(term, url, account)
    term.wait_for(name, "Skärmen är låst", timeout=LOCK_SECONDS + 10)
    term.keys(name, "C-d")
    screen = term.wait_for(name, lambda _s: term.dead(name), timeout=15)
    assert "Utloggad" in screen and "Sara" not in _history(term, name)
    assert term.exit_status(name) == 0
    _draft_has(url, account, "Sara Lind")


def _draft_has(url: str, account: str, answer: str) -> None:
    repo = open_repository(url)
    try:
        eva = repo.get_user(account)
        assert eva is not None
        [draft] = repo.list_drafts(eva)
        assert answer in [event["raw"] for event in draft.events]
    finally:
        repo.close()


class _Checker:
    account = "anna"

    def check(self, secret: str) -> bool:
        return secret == "rätt"  # noqa: S105 - a fake's


def test_plain_lock_on_windows_polls_the_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows' select takes no console: msvcrt.kbhit is polled (faked here), the line read
    with readline; the lock, the refusal and the question shown again are the same."""
    import io
    import sys
    import types

    from intake.ui.plain_lock import CLEAR, LoggedOut, PlainLock

    keys: list[str] = []
    monkeypatch.setitem(
        sys.modules, "msvcrt", types.SimpleNamespace(kbhit=lambda: bool(keys), getwch=keys.pop)
    )
    from intake import oscompat
    from intake.ui import plain_lock

    monkeypatch.setattr(oscompat, "is_windows", lambda: True)
    monkeypatch.setattr(plain_lock, "is_windows", lambda: True)
    secrets = iter(["fel", "rätt"])

    def typed(prompt: str) -> str:
        secret = next(secrets)
        if secret == "rätt":  # noqa: S105 - a fake's
            keys.append("j")  # the answer is typed after the unlock
        return secret

    out = io.StringIO()
    lock = PlainLock(
        lambda: "sv",
        stdin=io.StringIO("ja\n"),
        stdout=out,
        read_secret=typed,
        wrong_delay=0,
    )
    lock.arm(_Checker(), 0.1)
    lock.write("Vad heter du?")
    keys.append("x")  # typed but not entered before the lock: discarded by it
    monkeypatch.setattr(lock, "_line", _after_one_timeout(lock._line))
    assert lock.read("> ") == "ja"
    assert keys == ["j"]  # "x" was discarded; "j" is left for the console's readline
    shown = out.getvalue()
    assert shown.count(CLEAR) == 2  # locked, then unlocked
    assert "Skärmen är låst" in shown and "Fel lösenord" in shown
    assert shown.rsplit(CLEAR, 1)[1].startswith("Upplåst.\nVad heter du?\n> ")

    def logged_out(prompt: str) -> str:
        raise EOFError

    lock.read_secret = logged_out
    keys.clear()
    with pytest.raises(LoggedOut):
        lock.read("> ")


def _after_one_timeout(line: Any) -> Any:
    """The real `_line`, but the first wait times out whatever the console holds."""
    calls: list[float | None] = []

    def wrapped(timeout: float | None) -> str | None:
        calls.append(timeout)
        if len(calls) == 1:
            return None
        return line(timeout)  # type: ignore[no-any-return]

    return wrapped
