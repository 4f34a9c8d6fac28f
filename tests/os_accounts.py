"""A throwaway operating-system account with a known password, for the tests that check the
desk lock against the real PAM (root only: skipped with the reason shown otherwise)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from intake import oscompat

PASSWORD = "Ett-känt lösen 42"  # noqa: S105 - a throwaway account's, made by the test


@contextmanager
def throwaway_account() -> Iterator[str]:
    """An OS account whose password is PASSWORD, deleted afterwards."""
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("needs root on POSIX to create a throwaway OS account")
    if not oscompat.pam_available():
        pytest.skip("python-pam is not installed")
    if not (shutil.which("useradd") and shutil.which("chpasswd") and shutil.which("userdel")):
        pytest.skip("useradd/chpasswd/userdel are not installed")
    name = f"lk{uuid.uuid4().hex[:8]}"
    _locked_run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name])
    try:
        _locked_run(["chpasswd"], f"{name}:{PASSWORD}\n")
        yield name
    finally:
        _locked_run(["userdel", name], check=False)


def _locked_run(command: list[str], given: str | None = None, *, check: bool = True) -> None:
    """Run a shadow-utils command, again while another test holds /etc/passwd's lock (the
    tests run two at a time)."""
    for _ in range(50):
        done = subprocess.run(command, input=given, text=True, capture_output=True, check=False)
        if done.returncode == 0 or "lock" not in done.stderr.lower():
            break
        time.sleep(0.1)
    if check and done.returncode != 0:
        raise AssertionError(f"{command[0]} failed: {done.stderr.strip()}")
