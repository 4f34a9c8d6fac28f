"""Fixtures for the storage suite: every test runs on SQLite (a file in tmp_path) and on
PostgreSQL (a schema of its own, so that xdist workers never meet), unless PostgreSQL is
unreachable: then the PostgreSQL half is skipped with the reason shown, or fails when
INTAKE_REQUIRE_POSTGRES=1."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from intake.core.dialogue.api import DialogueStamp
from storage.api import CaseKind, NewCase, Role, UserInfo

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
STAMP = DialogueStamp("intake", "1.0", "0" * 64)

_pg_reason: list[str | None] = []  # cached result of the reachability check


def pg_base_url() -> str:
    return os.environ.get("INTAKE_TEST_PG_URL", DEFAULT_PG_URL)


def _pg_unreachable() -> str | None:
    if not _pg_reason:
        from sqlalchemy import text

        from storage.db import make_engine

        engine = make_engine(pg_base_url(), connect_timeout=3)
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            _pg_reason.append(None)
        except Exception as exc:
            _pg_reason.append(
                f"PostgreSQL at INTAKE_TEST_PG_URL unreachable ({type(exc).__name__})"
            )
        finally:
            engine.dispose()
    return _pg_reason[0]


def require_pg() -> None:
    reason = _pg_unreachable()
    if reason is None:
        return
    if os.environ.get("INTAKE_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"{reason}, and INTAKE_REQUIRE_POSTGRES=1")
    pytest.skip(reason)


def pg_schema_url(schema: str) -> str:
    base = pg_base_url()
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={schema}')}"


def _exec_pg(sql: str) -> None:
    from storage.db import make_engine

    engine = make_engine(pg_base_url())
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(sql)
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database, not yet migrated."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'db' / 'intake.sqlite3'}"
        return
    require_pg()
    schema = f"t_{uuid.uuid4().hex[:16]}"
    _exec_pg(f'CREATE SCHEMA "{schema}"')
    try:
        yield pg_schema_url(schema)
    finally:
        _exec_pg(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def migrated_url(db_url: str) -> str:
    from storage import db

    with db.engine_for(db_url) as engine:
        db.upgrade(engine)
    return db_url


class Clock:
    """A settable clock, so retention and case years can be tested on chosen dates."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def repo(migrated_url: str, clock: Clock) -> Iterator[Any]:
    from storage.repository import SqlRepository

    repository = SqlRepository.open(migrated_url, clock=clock)
    try:
        yield repository
    finally:
        repository.close()


@pytest.fixture
def reception(repo: Any) -> UserInfo:
    user: UserInfo = repo.ensure_user("anna", "Anna Andersson", Role.RECEPTION)
    return user


@pytest.fixture
def worker(repo: Any) -> UserInfo:
    user: UserInfo = repo.ensure_user("sven", "Sven Svensson", Role.SOCIAL_WORKER)
    return user


@pytest.fixture
def admin(repo: Any) -> UserInfo:
    user: UserInfo = repo.ensure_user("it", "IT", Role.ADMIN)
    return user


def assessment(level: str = "possible", origin: str | None = "0180") -> dict[str, Any]:
    return {
        "schema": "intake-assessment/1",
        "level": level,
        "score": 3,
        "urgency": "soon",
        "indicators": [],
        "counter_indicators": [],
        "next_steps": [
            {"code": "document_experience", "title": "Dokumentera", "due": None, "basis": "b1"},
            {"code": "ordinary_intake", "title": "Fortsätt", "due": "2026-12-01", "basis": "b2"},
        ],
        "normalized": {"origin_municipality": {"code": origin} if origin else None},
    }


def new_case(
    level: str = "possible",
    origin: str | None = "0180",
    draft_id: int | None = None,
    record: dict[str, Any] | None = None,
) -> NewCase:
    return NewCase(
        kind=CaseKind.INTAKE,
        record=record or {"schema": "intake-record/1", "person": {"name": "Test Person"}},
        assessment=assessment(level, origin),
        transcript=[("name", "Vad heter du?", "Test Person"), ("origin", "Varifrån?", "Stockholm")],
        stamp=STAMP,
        language="sv",
        draft_id=draft_id,
    )
