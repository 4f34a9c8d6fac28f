"""A throwaway operating-system account with a known password, for the tests that check the
desk lock against the real PAM (root only: skipped with the reason shown otherwise)."""

from __future__ import annotations

import os
import shutil
import subprocess
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
    useradd = ["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name]
    subprocess.run(useradd, check=True)
    try:
        subprocess.run(["chpasswd"], input=f"{name}:{PASSWORD}\n", text=True, check=True)
        yield name
    finally:
        subprocess.run(["userdel", name], check=False)
