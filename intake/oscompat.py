"""What differs between the desks' operating systems, decided once, in one place.

Reception desks run Windows as well as Linux and macOS. Everything here that only POSIX has
(hang-up signals, `loop.add_signal_handler`, owner-only file modes, PAM) is looked up at run
time, never assumed, and each Windows behaviour is a choice:

- Hang-up: POSIX sends SIGHUP when the terminal closes and SIGTERM on shutdown. Windows has
  neither as a real signal; it has SIGBREAK (Ctrl+Break in the console), which is handled the
  same way. Closing the console window on Windows ends the process without a signal Python
  can catch: that is safe because every answer is stored before the next question is asked.
- Signal handlers in the asyncio loop: `add_signal_handler` raises NotImplementedError on
  Windows' event loop, so the handler is installed with `signal.signal` and hands over to the
  loop with `call_soon_threadsafe`.
- Owner-only files: POSIX modes (0700 folders, 0600 files). Windows has no such modes (chmod
  sets only the read-only flag); the files live in the user's profile folder
  (%LOCALAPPDATA%, via platformdirs), whose ACL already admits only that user, SYSTEM and
  administrators. Modes are neither set nor checked there.
- Unlocking a locked desk with the OS password: PAM on POSIX (`python-pam`), `LogonUserW`
  (ctypes) on Windows.
- Waiting for a line at a prompt with a timeout (plain mode's lock): `select` on POSIX;
  Windows' `select` takes sockets only, so the console is polled with `msvcrt.kbhit`.

Tests patch `sys.platform`/`os.name` and remove the POSIX signals to exercise every branch.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import stat
import sys
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import IO

# In order of preference; only those the running platform has are used.
HANGUP_SIGNAL_NAMES = ("SIGHUP", "SIGTERM", "SIGBREAK")
OWNER_ONLY_DIR = 0o700
OWNER_ONLY_FILE = 0o600


def is_windows() -> bool:
    return os.name == "nt" or sys.platform == "win32"


def hangup_signals() -> tuple[signal.Signals, ...]:
    """The signals that mean "the terminal or the machine is going away" on this platform."""
    found = (getattr(signal, name, None) for name in HANGUP_SIGNAL_NAMES)
    return tuple(signum for signum in found if isinstance(signum, signal.Signals))


def on_hangup(handler: Callable[[], None]) -> tuple[signal.Signals, ...]:
    """Call `handler` (in the main thread, outside any event loop) on a hang-up signal.

    For plain mode, which has no event loop. Returns the signals that were installed."""

    def received(signum: int, frame: object) -> None:
        handler()

    installed = []
    for signum in hangup_signals():
        try:
            signal.signal(signum, received)
        except (OSError, RuntimeError, ValueError):
            continue  # not the main thread, or not allowed here: every answer is saved anyway
        installed.append(signum)
    return tuple(installed)


def on_hangup_in_loop(
    loop: asyncio.AbstractEventLoop, handler: Callable[[], None]
) -> tuple[signal.Signals, ...]:
    """Call `handler` in `loop` on a hang-up signal, with or without `add_signal_handler`."""

    def received(signum: int, frame: object) -> None:
        loop.call_soon_threadsafe(handler)

    installed = []
    for signum in hangup_signals():
        try:
            loop.add_signal_handler(signum, handler)
        except NotImplementedError:  # Windows' event loops
            try:
                signal.signal(signum, received)
            except (OSError, RuntimeError, ValueError):
                continue
        except (OSError, RuntimeError, ValueError):
            continue
        installed.append(signum)
    return tuple(installed)


# -- owner-only files ------------------------------------------------------------------------


def owner_only_modes() -> bool:
    """True where POSIX file modes decide who can read a file (not on Windows: ACLs do)."""
    return not is_windows()


def private_dir(path: Path) -> Path:
    """Create `path` (and its parents) readable by the owner only where modes exist."""
    if owner_only_modes():
        path.mkdir(mode=OWNER_ONLY_DIR, parents=True, exist_ok=True)
    else:
        path.mkdir(parents=True, exist_ok=True)
    return path


def restrict_to_owner(path: Path) -> bool:
    """Make an existing file or folder owner-only; False where the platform has no modes."""
    if not owner_only_modes():
        return False
    path.chmod(OWNER_ONLY_DIR if path.is_dir() else OWNER_ONLY_FILE)
    return True


def readable_by_others(path: Path) -> bool | None:
    """Whether group or others may read or write `path`; None where modes mean nothing."""
    if not owner_only_modes():
        return None
    return bool(path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO))


# -- PAM -----------------------------------------------------------------------------------------


def pam_available() -> bool:
    """Whether the OS password can be checked through PAM (a POSIX module, `python-pam`)."""
    if is_windows():
        return False
    return find_spec("pam") is not None


# PAM's answers that mean "not this password" (or not this account); any other failure is PAM
# itself failing (no such service, a module missing), which the lock says apart.
PAM_REFUSALS = frozenset({7, 10, 11})  # PAM_AUTH_ERR, PAM_USER_UNKNOWN, PAM_MAXTRIES


class CredentialSystemError(Exception):
    """The system could not check a credential at all (not: the credential was wrong).
    `code` names what failed, never the account or the secret."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def pam_authenticate(account: str, secret: str, service: str) -> bool:
    """Whether `secret` is `account`'s password to the PAM `service` (POSIX only).

    `resetcreds` asks the modules to refresh the account's credentials, which is how a desk
    signed in with pam_krb5 or pam_sss gets a new Kerberos ticket on unlock."""
    if not pam_available():
        raise CredentialSystemError("no_pam")
    import pam  # type: ignore[import-untyped]

    checker = pam.PamAuthenticator()
    if checker.authenticate(account, secret, service=service, resetcreds=True):
        return True
    if checker.code in PAM_REFUSALS:
        return False
    raise CredentialSystemError(f"pam_{checker.code}")


LOGON32_LOGON_INTERACTIVE = 2
LOGON32_PROVIDER_DEFAULT = 0
ERROR_LOGON_FAILURE = 1326


def windows_logon(account: str, secret: str) -> bool:
    """Whether `secret` is the Windows password of `account` (`DOMAIN\\user`, `user@domain`
    or a local name), through `LogonUserW` as the unlock of a Windows session does."""
    if not is_windows():
        raise CredentialSystemError("not_windows")
    import ctypes
    from ctypes import wintypes

    domain, _, user = account.rpartition("\\")
    handle = wintypes.HANDLE()
    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined]
    ok = advapi32.LogonUserW(
        user,
        domain or None,
        secret,
        LOGON32_LOGON_INTERACTIVE,
        LOGON32_PROVIDER_DEFAULT,
        ctypes.byref(handle),
    )
    if ok:
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return True
    error = ctypes.get_last_error()  # type: ignore[attr-defined]
    if error == ERROR_LOGON_FAILURE:
        return False
    raise CredentialSystemError(f"logon_{error}")


# -- waiting for a line at a prompt (plain mode's lock) ------------------------------------------


def wait_for_input(stream: IO[str], timeout: float) -> bool:
    """True when a line can be read from `stream` (a terminal) within `timeout` seconds.

    POSIX: `select` on the stream. Windows' `select` takes sockets only, so the console is
    polled with `msvcrt.kbhit` (a key pressed, not a whole line: the prompt then reads the
    line as usual)."""
    if is_windows():
        import msvcrt
        import time

        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if msvcrt.kbhit():  # type: ignore[attr-defined]
                return True
            time.sleep(0.05)
        return False
    import select

    readable, _, _ = select.select([stream], [], [], timeout)
    return bool(readable)


def discard_typed_input(stream: IO[str]) -> None:
    """Forget what was typed at a prompt but not entered (so that it does not join the password
    typed next): `tcflush` on POSIX terminals; Windows empties the console's key buffer."""
    if is_windows():
        import msvcrt

        while msvcrt.kbhit():  # type: ignore[attr-defined]
            msvcrt.getwch()  # type: ignore[attr-defined]
        return
    import termios

    # not a terminal (a pipe, a closed stream): nothing waits in a line buffer
    with contextlib.suppress(termios.error, OSError, ValueError):
        termios.tcflush(stream.fileno(), termios.TCIFLUSH)


# -- who is logged in --------------------------------------------------------------------------


def login_name() -> str:
    """The account this process runs as, from the system, never from $USER/$LOGNAME (which
    anyone can set): POSIX asks the password database for the real user id, Windows the logon
    session (GetUserNameW, through `os.getlogin`). Used as the desk's identity
    (`storage.identity.os_account`)."""
    if is_windows():
        return os.getlogin()
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name
