"""Fixtures for the UI tests: a fresh SQLite database per test, a signed-in receptionist, and
an app with a fixed `today` so that dates and snapshots do not depend on the calendar.

The desk's OS account is "anna" here (`os_account`, faked through the one function the app
asks: `storage.identity.os_account`), and `user` is her user; a test about who may work sets
another account. Tests that start `intake` in a terminal run as the real account:
`tests.ui.accounts.desk_user` makes that account a user first."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from intake.settings import load_settings
from intake.ui.app import IntakeApp
from storage import open_repository
from storage.api import Repository, Role, UserInfo
from tests.ui.driver import TODAY


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'intake.sqlite3'}"


@pytest.fixture
def repo(db_url: str) -> Iterator[Repository]:
    repository = open_repository(db_url)
    yield repository
    repository.close()


@pytest.fixture(autouse=True)
def _desk_is_anna(os_account: list[str]) -> None:
    os_account[0] = "anna"


@pytest.fixture
def user(repo: Repository) -> UserInfo:
    return repo.ensure_user("anna", "Anna Andersson", Role.RECEPTION)


@pytest.fixture
def make_app(repo: Repository, user: UserInfo, db_url: str) -> Callable[..., IntakeApp]:
    def make(**overrides: Any) -> IntakeApp:
        settings = load_settings(database_url=db_url, language=overrides.pop("lang", None))
        options: dict[str, Any] = {"repo": repo, "user": user, "today": TODAY, **overrides}
        return IntakeApp(settings, **options)

    return make
