"""Checking the credential that unlocks a locked desk: one small interface, three sources.

The municipality already authenticates its staff, so intake keeps no passwords of its own:

- a single desk (embedded SQLite) asks the operating system: PAM on POSIX (`python-pam`,
  service `login` unless `pam_service` says otherwise), `LogonUserW` on Windows;
- a shared PostgreSQL database asks the database: a new connection as the session's login
  with the typed password. When the server lets that connection in without asking for a
  password (pg_hba `trust`, `peer`, or Kerberos/GSSAPI), it proves nothing, and the
  operating system is asked instead: on a Kerberos desk PAM's pam_krb5/pam_sss both check
  the password and fetch a new ticket (`resetcreds`). Only the password path is tested here.

The secret is passed to the checker and nowhere else: never logged, never in an error.
Platform calls live in `intake.oscompat`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from intake.oscompat import (
    CredentialSystemError,
    is_windows,
    pam_authenticate,
    windows_logon,
)

if TYPE_CHECKING:
    from intake.settings import Settings

# Seconds a wrong credential costs before the next try (as the OS's own lock screens do).
WRONG_DELAY = 2.0


class Verdict(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    UNAVAILABLE = "unavailable"  # nothing could check it (no PAM, the server down)


class CredentialChecker(Protocol):
    """Whose credential unlocks the desk, and whether a typed secret is it."""

    @property
    def account(self) -> str: ...

    def check(self, secret: str) -> bool:
        """True for the right secret, False for a wrong one; `CredentialSystemError` when
        the check itself cannot be made."""
        ...


@dataclass(frozen=True, slots=True)
class OsPassword:
    """The operating-system password of `account`: PAM on POSIX, LogonUserW on Windows."""

    account: str
    pam_service: str = "login"

    def check(self, secret: str) -> bool:
        if is_windows():
            return windows_logon(self.account, secret)
        return pam_authenticate(self.account, secret, self.pam_service)


@dataclass(frozen=True, slots=True)
class DatabasePassword:
    """The PostgreSQL password of the login the app is connected as (`url`'s, or libpq's
    default); `fallback` when the server does not ask for one."""

    account: str
    url: str
    fallback: CredentialChecker

    def check(self, secret: str) -> bool:
        from storage import check_login
        from storage.api import StorageError

        try:
            verdict = check_login(self.url, secret)
        except StorageError:
            raise CredentialSystemError("database") from None
        if verdict == "not_asked":
            return self.fallback.check(secret)
        return verdict == "ok"


def checker_for(settings: Settings, username: str) -> CredentialChecker:
    """The checker for this desk: the database's login on PostgreSQL (`username` is its
    `session_user`), else the OS account the app runs as (the desk's identity)."""
    from storage.identity import os_account

    desk = OsPassword(os_account(), settings.pam_service)
    url = settings.database_url
    if url.startswith(("postgresql", "postgres:")):
        return DatabasePassword(username, url, desk)
    return desk


def verify(
    checker: CredentialChecker,
    secret: str,
    *,
    wrong_delay: float = WRONG_DELAY,
    sleep: Callable[[float], None] = time.sleep,
) -> Verdict:
    """Check `secret`; a wrong one waits `wrong_delay` seconds before the answer, so that
    guessing is slow. Called off the UI thread (the app's worker, plain mode's prompt)."""
    try:
        ok = checker.check(secret)
    except CredentialSystemError:
        return Verdict.UNAVAILABLE
    if not ok:
        sleep(wrong_delay)
        return Verdict.WRONG
    return Verdict.OK
