"""Migrations: an empty database is brought to head, the tables match `storage.schema`, and a
database from a newer version of intake is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from storage import db, open_repository
from storage.api import SchemaOutdatedError, SchemaTooNewError, StorageError
from storage.schema import SEARCH_INDEX_OBJECTS, metadata


def _described(name: str | None, _kind: str, _parents: object) -> bool:
    """All but the engine-specific search index (checked in test_case_list_plans.py)."""
    return name not in SEARCH_INDEX_OBJECTS


def test_upgrade_from_empty_matches_the_schema(db_url: str) -> None:
    with db.engine_for(db_url) as engine:
        db.upgrade(engine)
        db.upgrade(engine)  # a second run is a no-op
        with engine.connect() as conn:
            assert db.current_revisions(conn) == (db.head_revision(),)
            context = MigrationContext.configure(conn, opts={"include_name": _described})
            diff = compare_metadata(context, metadata)
        assert diff == []
        tables = set(inspect(engine).get_table_names())
    assert {"users", "cases", "drafts", "audit_events", "case_counters"} <= tables


def test_head_and_known_revisions_match_the_migration_scripts() -> None:
    # storage.db knows them without Alembic, so that opening a database stays cheap; a new
    # migration in migrations/versions/ must update HEAD_REVISION and KNOWN_REVISIONS.
    script = ScriptDirectory.from_config(db.alembic_config())
    assert script.get_heads() == [db.HEAD_REVISION]
    assert {rev.revision for rev in script.walk_revisions()} == db.KNOWN_REVISIONS


def test_an_empty_database_has_no_revision(db_url: str) -> None:
    with db.engine_for(db_url) as engine, engine.connect() as conn:
        assert db.current_revisions(conn) == ()


def test_sqlite_is_created_and_upgraded_on_open(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/new/dir/intake.sqlite3"
    repo = open_repository(url)
    try:
        assert repo.list_users() == []
    finally:
        repo.close()


def test_sqlite_without_migrate_refuses_an_old_schema(tmp_path: Path) -> None:
    with pytest.raises(SchemaOutdatedError):
        open_repository(f"sqlite:///{tmp_path}/empty.sqlite3", migrate=False)


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_postgresql_is_upgraded_only_on_purpose(db_url: str) -> None:
    with pytest.raises(SchemaOutdatedError, match="intake db upgrade"):
        open_repository(db_url)


def test_a_newer_schema_is_refused(db_url: str) -> None:
    with db.engine_for(db_url) as engine:
        db.upgrade(engine)
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
        with pytest.raises(SchemaTooNewError, match="newer version of intake"):
            db.upgrade(engine)
    with pytest.raises(SchemaTooNewError, match="ffff_future"):
        open_repository(db_url)


def test_postgres_urls_use_psycopg() -> None:
    assert db.normalize_url("postgresql://u@h/d").drivername == "postgresql+psycopg"
    assert db.normalize_url("postgres://u@h/d").drivername == "postgresql+psycopg"
    assert db.normalize_url("sqlite:///x.db").drivername == "sqlite"
    with pytest.raises(StorageError, match="unsupported"):
        db.normalize_url("mysql://u@h/d")


def test_0002_moves_each_drafts_log_into_rows(db_url: str) -> None:
    """A draft saved under 0001 (its log one JSON value) resumes unchanged after 0002, and
    its next save appends."""
    from alembic import command

    from storage.repository import SqlRepository
    from tests.storage.conftest import STAMP

    log = [{"kind": "answered", "question_id": "q1", "raw": "Åre", "value": "2321"}]
    with db.engine_for(db_url) as engine:
        with engine.begin() as conn:
            command.upgrade(db.alembic_config(conn), "0001")
            conn.execute(
                text(
                    "INSERT INTO users (username, display_name, role, created_at) "
                    "VALUES ('anna', 'Anna', 'reception', CURRENT_TIMESTAMP)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO drafts (created_by, created_at, updated_at, events, dialogue_id,"
                    " dialogue_version, dialogue_sha256, language) VALUES ('anna', "
                    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, :events, 'intake', '1.0', :sha, 'sv')"
                ),
                {"events": json.dumps(log), "sha": "0" * 64},
            )
        db.upgrade(engine)
    repo = SqlRepository.open(db_url)
    try:
        anna = repo.get_user("anna")
        assert anna is not None
        (draft,) = repo.list_drafts(anna)
        assert draft.events == log and draft.stamp == STAMP
        longer = [*log, {"kind": "answered", "question_id": "q2", "raw": "ja", "value": "yes"}]
        repo.save_draft(anna, draft.id, STAMP, "sv", longer)
        assert repo.get_draft(anna, draft.id).events == longer
    finally:
        repo.close()
