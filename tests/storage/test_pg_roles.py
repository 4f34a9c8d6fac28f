"""PostgreSQL enforces the roles itself (issue 18.2): with `intake db setup-roles` and
`intake db grant`, each staff login meets the same walls through the app and through a raw
psycopg session: reception sees only the cases it created, admins no case content, and the
audit table is insert-only for every role the app uses, triggers included."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import psycopg
import pytest

from intake.cli import main
from storage.api import AuditAction, AuditQuery, NotFoundError, PermissionDenied, Role
from storage.repository import SqlRepository
from tests.storage.conftest import _exec_pg, new_case

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.parametrize("db_url", ["postgresql"], indirect=True),
]


def _url_as(url: str, login: str) -> str:
    return url.replace("postgres@", f"{quote(login)}@", 1)


def _raw_dsn(url: str, login: str) -> str:
    """A libpq DSN for a raw psycopg session as `login`, in the test's schema."""
    return _url_as(url, login).replace("postgresql+psycopg://", "postgresql://", 1)


@pytest.fixture
def staff(migrated_url: str) -> Iterator[dict[str, str]]:
    """Three logins (reception, social worker, admin) set up as a DBA would."""
    tag = uuid.uuid4().hex[:8]
    logins = {role: f"t{tag}_{role.value}" for role in Role}
    for login in logins.values():
        _exec_pg(f'CREATE ROLE "{login}" LOGIN')
    try:
        assert main(["--db", migrated_url, "db", "setup-roles"]) == 0
        assert main(["--db", migrated_url, "db", "setup-roles"]) == 0  # idempotent
        for role, login in logins.items():
            assert main(["--db", migrated_url, "db", "grant", login, role.value]) == 0
        yield {role.value: login for role, login in logins.items()}
    finally:
        for login in logins.values():
            _exec_pg(f'DROP OWNED BY "{login}"; DROP ROLE IF EXISTS "{login}"')


def _app(url: str, login: str) -> Any:
    return SqlRepository.open(_url_as(url, login), migrate=False)


def _raw(url: str, login: str, sql: str) -> list[Any]:
    with psycopg.connect(_raw_dsn(url, login)) as conn:
        cur = conn.execute(sql)
        return cur.fetchall() if cur.description else []


def test_the_app_user_is_the_login_and_the_database_enforces(
    migrated_url: str, staff: dict[str, str]
) -> None:
    reception, worker, admin = staff["reception"], staff["social_worker"], staff["admin"]
    # a second reception login, whose cases the first may not see
    other = f"{reception}_b"
    _exec_pg(f'CREATE ROLE "{other}" LOGIN')
    try:
        assert main(["--db", migrated_url, "db", "grant", other, "reception"]) == 0
        rec_app, other_app = _app(migrated_url, reception), _app(migrated_url, other)
        worker_app, admin_app = _app(migrated_url, worker), _app(migrated_url, admin)
        try:
            me = rec_app.sign_in()
            assert (me.username, me.role) == (reception, Role.RECEPTION)
            with pytest.raises(PermissionDenied):
                rec_app.sign_in(act_as=worker)  # no proxy on a shared database
            mine = rec_app.create_case(me, new_case())
            theirs = other_app.create_case(other_app.sign_in(), new_case())
            assert rec_app.get_case(me, mine.number).number == mine.number
            with pytest.raises(NotFoundError):  # row-level security: not there for her
                rec_app.get_case(me, theirs.number)
            # A forged DTO claiming the worker's name: the app checks the stored role, and
            # the database, which knows the login, refuses the write anyway.
            forged = worker_app.sign_in().__class__(
                id=0, username=worker, display_name="x", role=Role.SOCIAL_WORKER
            )
            with pytest.raises(PermissionDenied):
                rec_app.update_case(forged, mine.number, mine.version, {"status": "assigned"})
            sw = worker_app.sign_in()
            assert {c.number for c in worker_app.list_cases(sw)} == {mine.number, theirs.number}
            it = admin_app.sign_in()
            with pytest.raises(PermissionDenied):
                admin_app.get_case(it, mine.number)
            refusals = admin_app.audit_entries(it, AuditQuery(action=AuditAction.REFUSED))
            assert {e.username for e in refusals} >= {reception, admin}
        finally:
            for repo in (rec_app, other_app, worker_app, admin_app):
                repo.close()

        # The same walls for a raw psycopg session with the same logins.
        numbers = [row[0] for row in _raw(migrated_url, reception, "SELECT number FROM cases")]
        assert numbers == [mine.number]
        for sql in (
            "UPDATE cases SET status = 'closed'",
            "DELETE FROM cases",
            "SELECT * FROM audit_events",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                _raw(migrated_url, reception, sql)
        assert len(_raw(migrated_url, worker, "SELECT number FROM cases")) == 2
        assert len(_raw(migrated_url, admin, "SELECT number, status FROM cases")) == 2
        for sql in ("SELECT record FROM cases", "SELECT * FROM transcript_entries"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                _raw(migrated_url, admin, sql)  # admins: no case content
    finally:
        _exec_pg(f'DROP OWNED BY "{other}"; DROP ROLE IF EXISTS "{other}"')


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_events SET username = 'x'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events",
        "ALTER TABLE audit_events DISABLE TRIGGER ALL",
        "DROP TRIGGER audit_events_no_change ON audit_events",
        "INSERT INTO audit_events (at, username, action) VALUES (now(), 'someone', 'view')",
    ],
)
def test_the_audit_table_is_insert_only_for_every_app_role(
    migrated_url: str, staff: dict[str, str], sql: str
) -> None:
    for login in staff.values():
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _raw(migrated_url, login, sql)
