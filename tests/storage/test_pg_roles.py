"""PostgreSQL enforces the roles itself (issue 18.2, 18.5): an owner login (not a superuser)
upgrades the schema, which sets up the roles, grants and row-level security; `intake db
grant` makes staff logins members. Each staff login then meets the same walls through the
app and through a raw psycopg session: per table, what each role may select, insert, update
and delete; the audit table insert-only, its triggers out of reach; the app's roles own
nothing. Refusals through the app are audited, in the refused login's name."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import psycopg
import pytest

from intake.cli import main
from storage.api import AuditAction, AuditQuery, NotFoundError, PermissionDenied, Role, UserInfo
from storage.pgroles import CASE_CHILDREN as CHILDREN
from storage.repository import SqlRepository
from tests.storage.conftest import STAMP, _exec_pg, new_case

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.parametrize("db_url", ["postgresql"], indirect=True),
]
REFUSED = "refused"
ALLOWED = "allowed"  # not refused, however many rows


def _url_as(url: str, login: str) -> str:
    return url.replace("postgres@", f"{quote(login)}@", 1)


def _raw_dsn(url: str, login: str) -> str:
    """A libpq DSN for a raw psycopg session as `login`, in the test's schema."""
    return _url_as(url, login).replace("postgresql+psycopg://", "postgresql://", 1)


def _drop_login(login: str) -> None:
    _exec_pg(
        f'REASSIGN OWNED BY "{login}" TO postgres; DROP OWNED BY "{login}"; '
        f'DROP ROLE IF EXISTS "{login}"'
    )


@pytest.fixture
def owner(db_url: str) -> Iterator[str]:
    """The schema's owner: a login with CREATEROLE, not a superuser, that upgrades the schema
    (which sets up the roles, grants and policies)."""
    login = f"t{uuid.uuid4().hex[:8]}_owner"
    schema = db_url.rsplit("search_path%3D", 1)[1]
    _exec_pg(f'CREATE ROLE "{login}" LOGIN CREATEROLE; ALTER SCHEMA "{schema}" OWNER TO "{login}"')
    try:
        assert main(["--db", _url_as(db_url, login), "db", "upgrade"]) == 0
        yield login
    finally:
        _drop_login(login)


@pytest.fixture
def staff(db_url: str, owner: str) -> Iterator[dict[str, str]]:
    """Logins for each role, and a second reception login (`reception_b`), granted by the
    owner as the DBA's checklist says."""
    tag = owner.split("_")[0]
    logins = {role.value: f"{tag}_{role.value}" for role in Role}
    logins["reception_b"] = f"{tag}_reception_b"
    as_owner = _url_as(db_url, owner)
    try:
        for name, login in logins.items():
            _exec_pg(f'CREATE ROLE "{login}" LOGIN')
            role = "reception" if name == "reception_b" else name
            assert main(["--db", as_owner, "db", "grant", login, role]) == 0
        assert main(["--db", as_owner, "db", "setup-roles"]) == 0  # on demand, idempotent
        yield logins
    finally:
        for login in logins.values():
            _drop_login(login)


def _app(url: str, login: str) -> SqlRepository:
    return SqlRepository.open(_url_as(url, login), migrate=False)


def _outcome(url: str, login: str, sql: str) -> int | str:
    """What `sql` does in a raw session as `login`: REFUSED (insufficient privilege, by a
    grant or a policy), else the rows read or changed; rolled back either way."""
    with psycopg.connect(_raw_dsn(url, login)) as conn:
        try:
            cur = conn.execute(sql)  # type: ignore[call-overload]
        except psycopg.errors.InsufficientPrivilege:
            conn.rollback()
            return REFUSED
        rows = len(cur.fetchall()) if cur.description else cur.rowcount
        conn.rollback()
        return rows


def _mismatches(url: str, login: str, expected: dict[str, int | str], **names: Any) -> list[str]:
    wrong = []
    for template, want in expected.items():
        sql = template.format(me=login, **names)
        got = _outcome(url, login, sql)
        if got != want and not (want == ALLOWED and got != REFUSED):
            wrong.append(f"{login}: {sql!r}: {got}, expected {want}")
    return wrong


@pytest.fixture
def cases(db_url: str, staff: dict[str, str]) -> dict[str, int]:
    """Reception's open case, the other reception login's closed case, a draft each for
    reception and the social worker; their ids."""
    rec, other, worker = (
        _app(db_url, staff[name]) for name in ("reception", "reception_b", "social_worker")
    )
    try:
        me, sw = rec.sign_in(), worker.sign_in()
        mine = rec.create_case(me, new_case()).number
        theirs = other.create_case(other.sign_in(), new_case()).number
        my_draft = rec.save_draft(me, None, STAMP, "sv", [{"kind": "answered", "value": 1}])
        their_draft = worker.save_draft(sw, None, STAMP, "sv", [{"kind": "answered", "value": 2}])
    finally:
        for repo in (rec, other, worker):
            repo.close()
    ids = {}
    with psycopg.connect(_raw_dsn(db_url, "postgres")) as conn:
        for name, number in (("mine", mine), ("theirs", theirs)):
            row = conn.execute("SELECT id FROM cases WHERE number = %s", (number,)).fetchone()
            assert row is not None
            ids[name] = int(row[0])
        conn.execute("UPDATE cases SET status = 'closed' WHERE number = %s", (theirs,))
    return {**ids, "my_draft": my_draft, "their_draft": their_draft}


CASE_INSERT = (
    "INSERT INTO cases (number, year, seq, kind, status, created_at, created_by, level,"
    " override_reason, effective_level, urgency, record, assessment, dialogue_id,"
    " dialogue_version, dialogue_sha256, language, last_entry_at, research_sample, version)"
    " VALUES ('2099-0001', 2099, 1, 'intake', 'new', now(), '{who}', 'possible', '',"
    " 'possible', 'soon', '{{}}', '{{}}', 'intake', '1', 's', 'sv', now(), false, 1)"
)


def _children(sql: str, outcome: int | str) -> dict[str, int | str]:
    """`sql` (naming `{table}`) for each table that hangs on a case."""
    return {sql.replace("{table}", table): outcome for table in CHILDREN}


NOTE = "INSERT INTO case_notes (case_id, at, author, text) VALUES ({case}, now(), '{me}', 'x')"
# What nobody the app uses may do to the audit log, its triggers, the policies or the schema.
NOBODY = {
    "UPDATE audit_events SET username = 'x'": REFUSED,
    "DELETE FROM audit_events": REFUSED,
    "TRUNCATE audit_events": REFUSED,
    "INSERT INTO audit_events (username, action) VALUES ('{someone}', 'view')": REFUSED,
    "ALTER TABLE audit_events DISABLE TRIGGER ALL": REFUSED,
    "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change": REFUSED,
    "ALTER TABLE audit_events DISABLE TRIGGER audit_events_db_time": REFUSED,
    "DROP TRIGGER audit_events_no_change ON audit_events": REFUSED,
    "DROP TRIGGER audit_events_db_time ON audit_events": REFUSED,
    "CREATE OR REPLACE FUNCTION audit_events_db_time() RETURNS trigger LANGUAGE plpgsql"
    " AS $$ BEGIN RETURN NEW; END $$": REFUSED,
    "SET session_replication_role = replica": REFUSED,
    "ALTER TABLE cases DISABLE ROW LEVEL SECURITY": REFUSED,
    "DROP POLICY reception_reads_own ON cases": REFUSED,
    "CREATE TABLE intruder (id integer)": REFUSED,
    "DELETE FROM users": REFUSED,
    "DELETE FROM case_counters": REFUSED,
    **_children("DELETE FROM {table}", REFUSED),
    # appending to the log as oneself is allowed, with the database's time
    "INSERT INTO audit_events (username, action) VALUES ('{me}', 'view')": 1,
}
RECEPTION = {
    "SELECT * FROM users": ALLOWED,
    "INSERT INTO users (username, display_name, role, created_at)"
    " VALUES ('x', 'x', 'admin', now())": REFUSED,
    "UPDATE users SET role = 'admin'": REFUSED,
    "SELECT number FROM cases": 1,
    "SELECT record FROM cases": 1,
    "SELECT 1 FROM cases WHERE id = {theirs}": 0,
    CASE_INSERT.replace("{who}", "{me}"): 1,
    CASE_INSERT.replace("{who}", "{someone}"): REFUSED,
    "UPDATE cases SET status = 'assigned'": REFUSED,
    "DELETE FROM cases": REFUSED,
    **_children("SELECT * FROM {table}", ALLOWED),
    "SELECT DISTINCT case_id FROM transcript_entries": 1,
    "SELECT DISTINCT case_id FROM tasks": 1,
    NOTE.replace("{case}", "{mine}"): 1,
    NOTE.replace("{case}", "{theirs}"): REFUSED,
    "UPDATE tasks SET note = 'x'": REFUSED,
    "SELECT * FROM case_counters": ALLOWED,
    "UPDATE case_counters SET last_number = last_number": ALLOWED,
    "SELECT id FROM drafts": 1,
    "UPDATE drafts SET language = 'en' WHERE id = {their_draft}": 0,
    "DELETE FROM drafts WHERE id = {their_draft}": 0,
    "DELETE FROM drafts WHERE id = {my_draft}": 1,
    "SELECT * FROM draft_events": 1,
    "SELECT * FROM audit_events": REFUSED,
    "SELECT intake_case_exists('{theirs_number}')": 1,
    **NOBODY,
}
SOCIAL_WORKER = {
    "SELECT * FROM users": ALLOWED,
    "UPDATE users SET role = 'admin'": REFUSED,
    "SELECT number FROM cases": 2,
    "SELECT record FROM cases": 2,
    CASE_INSERT.replace("{who}", "{me}"): 1,
    "UPDATE cases SET status = 'assigned'": 2,
    "DELETE FROM cases": REFUSED,
    **_children("SELECT * FROM {table}", ALLOWED),
    "SELECT DISTINCT case_id FROM transcript_entries": 2,
    NOTE.replace("{case}", "{theirs}"): 1,
    "UPDATE tasks SET note = 'x'": 4,
    "UPDATE case_counters SET last_number = last_number": ALLOWED,
    "SELECT id FROM drafts": 1,
    "UPDATE drafts SET language = 'en' WHERE id = {my_draft}": 0,  # reception's: not hers
    "DELETE FROM drafts WHERE id = {their_draft}": 1,  # her own
    "SELECT * FROM audit_events": REFUSED,
    **NOBODY,
}
ADMIN = {
    "SELECT * FROM users": ALLOWED,
    "INSERT INTO users (username, display_name, role, created_at)"
    " VALUES ('x', 'x', 'admin', now())": 1,
    "UPDATE users SET display_name = display_name": ALLOWED,
    "SELECT number, status, last_entry_at, research_sample FROM cases": 2,
    "SELECT record FROM cases": REFUSED,
    "SELECT assessment FROM cases": REFUSED,
    "SELECT created_by FROM cases": REFUSED,
    CASE_INSERT.replace("{who}", "{me}"): REFUSED,
    "UPDATE cases SET status = 'closed'": REFUSED,
    "DELETE FROM cases": 1,  # the closed one only (gallring)
    **_children("SELECT * FROM {table}", REFUSED),
    NOTE.replace("{case}", "{mine}"): REFUSED,
    "SELECT * FROM case_counters": REFUSED,
    "SELECT id, created_by, updated_at FROM drafts": 2,
    "SELECT language FROM drafts": REFUSED,
    "SELECT * FROM draft_events": REFUSED,
    "DELETE FROM drafts": 2,
    "SELECT * FROM audit_events": ALLOWED,
    "SELECT intake_case_exists('x')": REFUSED,
    **NOBODY,
}


@pytest.mark.parametrize(
    ("role", "expected"),
    [("reception", RECEPTION), ("social_worker", SOCIAL_WORKER), ("admin", ADMIN)],
)
def test_each_role_meets_the_same_walls_in_a_raw_session(
    db_url: str,
    staff: dict[str, str],
    cases: dict[str, int],
    role: str,
    expected: dict[str, int | str],
) -> None:
    with psycopg.connect(_raw_dsn(db_url, "postgres")) as conn:
        row = conn.execute("SELECT number FROM cases WHERE id = %s", (cases["theirs"],)).fetchone()
    assert row is not None
    login = staff[role]
    wrong = _mismatches(
        db_url, login, expected, someone=staff["reception_b"], theirs_number=row[0], **cases
    )
    assert wrong == []


def test_the_owner_upgrades_and_the_app_roles_own_nothing(
    db_url: str, owner: str, staff: dict[str, str]
) -> None:
    with psycopg.connect(_raw_dsn(db_url, "postgres")) as conn:
        owners = conn.execute(
            "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class"
            " WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'S')"
        ).fetchall()
        functions = conn.execute(
            "SELECT DISTINCT pg_get_userbyid(proowner) FROM pg_proc"
            " WHERE pronamespace = current_schema()::regnamespace"
        ).fetchall()
        rls = conn.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace"
            " AND relkind = 'r' AND NOT relrowsecurity"
        ).fetchall()
        groups = conn.execute(
            "SELECT rolname, rolcanlogin, rolsuper, rolcreaterole FROM pg_roles"
            " WHERE rolname LIKE 'intake\\_%' ORDER BY rolname"
        ).fetchall()
    assert owners == [(owner,)] and functions == [(owner,)]
    assert {name for (name,) in rls} == {"users", "case_counters", "alembic_version"}
    assert groups == [
        (name, False, False, False)
        for name in ("intake_admin", "intake_reception", "intake_social_worker")
    ]


def _refusals(url: str, admin: str) -> list[tuple[str, str | None, str]]:
    repo = _app(url, admin)
    try:
        entries = repo.audit_entries(repo.sign_in(), AuditQuery(action=AuditAction.REFUSED))
    finally:
        repo.close()
    return [(e.username, e.case_number, e.detail) for e in entries]


def test_through_the_app_the_database_refuses_and_each_refusal_is_audited(
    db_url: str, staff: dict[str, str]
) -> None:
    reception, worker, admin = staff["reception"], staff["social_worker"], staff["admin"]
    rec_app, other_app = _app(db_url, reception), _app(db_url, staff["reception_b"])
    worker_app, admin_app = _app(db_url, worker), _app(db_url, admin)
    try:
        me = rec_app.sign_in()
        assert (me.username, me.role) == (reception, Role.RECEPTION)
        with pytest.raises(PermissionDenied):
            rec_app.sign_in(act_as=worker)  # no proxy on a shared database
        mine = rec_app.create_case(me, new_case())
        theirs = other_app.create_case(other_app.sign_in(), new_case())
        assert rec_app.get_case(me, mine.number).number == mine.number
        # Row-level security hides the case; she is refused it, as on SQLite, not told that
        # it does not exist (tests/storage/test_refusals.py).
        with pytest.raises(PermissionDenied) as hidden:
            rec_app.get_case(me, theirs.number)
        assert hidden.value.code == "reception_others_cases"
        with pytest.raises(NotFoundError):
            rec_app.get_case(me, "2099-9999")
        # A forged DTO claiming the worker's name: the app checks the stored role, the
        # database, which knows the login, refuses the write, and the refusal is audited in
        # the login's name, saying whom it claimed to be.
        forged = UserInfo(id=0, username=worker, display_name="x", role=Role.SOCIAL_WORKER)
        with pytest.raises(PermissionDenied) as database:
            rec_app.update_case(forged, mine.number, mine.version, {"status": "assigned"})
        assert database.value.code == "database"
        sw = worker_app.sign_in()
        assert {c.number for c in worker_app.list_cases(sw)} == {mine.number, theirs.number}
        it = admin_app.sign_in()
        with pytest.raises(PermissionDenied) as content:
            admin_app.get_case(it, mine.number)
        assert content.value.code == "admin_no_content"
        assert rec_app.get_case(me, mine.number).version == mine.version  # nothing changed
    finally:
        for repo in (rec_app, other_app, worker_app, admin_app):
            repo.close()
    assert _refusals(db_url, admin) == [
        (reception, None, "sign_in: act_as_shared"),
        (reception, theirs.number, "get_case: reception_others_cases"),
        (reception, mine.number, f"update_case: database (as {worker})"),
        (admin, mine.number, "get_case: admin_no_content"),
    ]
