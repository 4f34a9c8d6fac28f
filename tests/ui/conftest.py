"""Fixtures for the UI tests: a fresh SQLite database per test, a signed-in receptionist, and
an app with a fixed `today` so that dates and snapshots do not depend on the calendar."""

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
