"""The credential that unlocks a locked desk (issue 18.3): the OS password through real PAM,
the Windows call and the prompt's wait behind their guards, and the idle-time setting.

The PAM test makes a throwaway OS account with a known password (root only; skipped with the
reason shown otherwise) and removes it afterwards.
"""

from __future__ import annotations

import ctypes
import os
import sys
import time
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from intake import oscompat, settings
from intake.core.lock import IdleLock
from intake.credentials import (
    DatabasePassword,
    OsPassword,
    Verdict,
    checker_for,
    verify,
)
from intake.oscompat import CredentialSystemError
from tests.os_accounts import PASSWORD
from tests.os_accounts import throwaway_account as os_account_with_password


@pytest.fixture
def throwaway_account() -> Iterator[str]:
    with os_account_with_password() as name:
        yield name


def test_the_os_password_through_real_pam(throwaway_account: str) -> None:
    desk = OsPassword(throwaway_account)  # service "login", as configured by default
    assert desk.check(PASSWORD) is True
    assert desk.check("fel lösen") is False
    assert desk.check(PASSWORD.upper()) is False
    # A wrong password through `verify` is refused after the pause; the right one is not slowed.
    slept: list[float] = []
    assert verify(desk, "fel", wrong_delay=2.0, sleep=slept.append) is Verdict.WRONG
    assert verify(desk, PASSWORD, wrong_delay=2.0, sleep=slept.append) is Verdict.OK
    assert slept == [2.0]


def test_another_account_is_not_a_right_password(throwaway_account: str) -> None:
    assert OsPassword(f"{throwaway_account}x").check(PASSWORD) is False


def test_without_pam_the_check_is_unavailable_not_wrong(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oscompat, "find_spec", lambda name: None)
    with pytest.raises(CredentialSystemError) as raised:
        OsPassword("anna").check("whatever")
    assert raised.value.code == "no_pam"
    slept: list[float] = []
    assert verify(OsPassword("anna"), "whatever", sleep=slept.append) is Verdict.UNAVAILABLE
    assert slept == []


class _FakeAdvapi:
    def __init__(self, right: str, error: int = oscompat.ERROR_LOGON_FAILURE) -> None:
        self.right = right
        self.error = error
        self.calls: list[tuple[Any, ...]] = []

    def LogonUserW(self, user: str, domain: str | None, secret: str, *rest: Any) -> int:
        self.calls.append((user, domain, rest[:2]))
        return int(secret == self.right)


def test_windows_asks_logon_user(monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows the OS password is checked by LogonUserW, not PAM (ctypes faked here)."""
    advapi = _FakeAdvapi("rätt")
    closed: list[object] = []
    monkeypatch.setattr(os, "name", "nt")
    monkeypatch.setattr(ctypes, "WinDLL", lambda name, **kw: advapi, raising=False)
    monkeypatch.setattr(
        ctypes,
        "windll",
        types.SimpleNamespace(kernel32=types.SimpleNamespace(CloseHandle=closed.append)),
        raising=False,
    )
    monkeypatch.setattr(ctypes, "get_last_error", lambda: advapi.error, raising=False)
    desk = OsPassword("KOMMUN\\anna")
    assert desk.check("rätt") is True
    assert len(closed) == 1  # the logon handle is closed again
    assert desk.check("fel") is False
    assert advapi.calls[0] == ("anna", "KOMMUN", (2, 0))  # interactive logon, default provider
    advapi.error = 1311  # no logon servers: the check could not be made
    with pytest.raises(CredentialSystemError):
        desk.check("fel")
    assert oscompat.pam_available() is False


def test_logon_user_is_never_called_off_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "name", "posix")
    monkeypatch.setattr(sys, "platform", "linux")
    with pytest.raises(CredentialSystemError):
        oscompat.windows_logon("anna", "x")


def test_waiting_at_a_prompt_posix() -> None:
    read_end, write_end = os.pipe()
    with os.fdopen(read_end) as stream, os.fdopen(write_end, "w") as writer:
        start = time.monotonic()
        assert oscompat.wait_for_input(stream, 0.1) is False
        assert time.monotonic() - start >= 0.09
        writer.write("ja\n")
        writer.flush()
        assert oscompat.wait_for_input(stream, 5) is True
        oscompat.discard_typed_input(stream)  # a pipe is no terminal: nothing happens
        assert stream.readline() == "ja\n"


def test_waiting_at_a_prompt_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows' select takes sockets only: the console is polled with msvcrt.kbhit."""
    keys = ["a", "b"]
    fake = types.SimpleNamespace(kbhit=lambda: bool(keys), getwch=lambda: keys.pop(0))
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(os, "name", "nt")
    assert oscompat.wait_for_input(sys.stdin, 0.2) is True
    oscompat.discard_typed_input(sys.stdin)
    assert keys == []
    start = time.monotonic()
    assert oscompat.wait_for_input(sys.stdin, 0.15) is False
    assert time.monotonic() - start >= 0.14


class _Fallback:
    account = "desk"

    def __init__(self) -> None:
        self.asked: list[str] = []

    def check(self, secret: str) -> bool:
        self.asked.append(secret)
        return secret == "os"  # noqa: S105 - a fake's


def test_which_checker_a_desk_gets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("storage.identity.os_account", lambda: "kalle")
    sqlite = settings.Settings(database_url="sqlite:///x.sqlite3", pam_service="intake")
    desk = checker_for(sqlite, "kalle")
    assert desk == OsPassword("kalle", "intake")
    shared = settings.Settings(database_url="postgresql://anna@db.kommun.se/intake")
    database = checker_for(shared, "anna")
    assert isinstance(database, DatabasePassword)
    assert database.account == "anna"
    assert database.fallback == OsPassword("kalle", "login")


def test_a_database_that_asks_no_password_hands_over_to_the_os(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = {"db": "ok"}
    monkeypatch.setattr("storage.check_login", lambda url, secret: answers.get(secret, "wrong"))
    fallback = _Fallback()
    checker = DatabasePassword("anna", "postgresql://anna@h/db", fallback)
    assert checker.check("db") and not checker.check("os")
    assert fallback.asked == []
    monkeypatch.setattr("storage.check_login", lambda url, secret: "not_asked")
    assert checker.check("os") and not checker.check("db")
    assert fallback.asked == ["os", "db"]


def test_idle_time_and_its_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    now = [0.0]
    idle = IdleLock(300, lambda: now[0])
    now[0] = 299
    assert not idle.due() and idle.remaining() == 1
    idle.touch()
    now[0] = 598
    assert not idle.due()
    now[0] = 599
    assert idle.due()
    idle.lock()
    idle.touch()  # a key at a locked desk changes nothing
    assert idle.locked and not idle.due()
    idle.unlock()
    assert not idle.locked and idle.idle_for() == 0
    assert IdleLock(None).due() is False and IdleLock(None).remaining() is None

    machine = tmp_path / "machine.json"
    monkeypatch.setattr(settings, "machine_config_file", lambda: machine)
    assert settings.lock_after_seconds(settings.Settings()) == 300
    assert settings.lock_after_seconds(settings.Settings(lock_after_minutes=0.5)) == 30
    # 0 (never) is the user's wish only; the machine's administrators must allow it.
    never = settings.Settings(lock_after_minutes=0)
    assert settings.lock_after_seconds(never) == 300
    machine.write_text('{"allow_never_lock": true}', "utf-8")
    assert settings.lock_after_seconds(never) is None
    with pytest.raises(ValueError):
        settings.Settings(lock_after_minutes=-1)
    monkeypatch.setenv("INTAKE_LOCK_AFTER_MINUTES", "2")
    assert settings.load_settings().lock_after_minutes == 2
