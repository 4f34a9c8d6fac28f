"""Shared fixtures. Tests never touch the user's real database: every test gets its own
data, config and database directories."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    keep = ("INTAKE_REQUIRE_POSTGRES", "INTAKE_TEST_PG_URL")
    for key in list(os.environ):
        if key.startswith("INTAKE_") and key not in keep:
            monkeypatch.delenv(key)
    yield


@pytest.fixture(autouse=True)
def os_account(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The OS account the app, plain mode, the commands and the repository see: the one
    function they all ask (`storage.identity.os_account`) answers "desk" unless a test sets
    `os_account[0]`; never the account running the tests. A test under a real second
    account is in tests/ui/test_identity.py."""
    account = ["desk"]
    monkeypatch.setattr("storage.identity.os_account", lambda: account[0])
    yield account
