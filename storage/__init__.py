"""Persistence of cases, drafts and the audit log, behind one narrow interface (`storage.api`).

Importing this package is cheap: SQLAlchemy is imported only when a repository is opened, so
the first screen of the app never waits for it. These three functions are the only ways in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from storage.api import AdminRepository, CaseWork, Repository


def open_repository(
    url: str, *, migrate: bool = True, busy_timeout_ms: int | None = None
) -> Repository:
    """Open the database at `url` (SQLite or PostgreSQL), migrating the embedded one on start.
    Any failure, here or in a later call, is a `storage.api.StorageError` with one clear line
    (`DatabaseFault` for the database itself: `.code`, `.message(lang)`). `busy_timeout_ms`:
    how long an embedded database waits for another writer (default 30 s)."""
    return open_admin(url, migrate=migrate, busy_timeout_ms=busy_timeout_ms)


def open_admin(
    url: str, *, migrate: bool = True, busy_timeout_ms: int | None = None
) -> AdminRepository:
    """The same database, with IT staff's tools (`intake db`, `intake audit`)."""
    from storage.db import BUSY_TIMEOUT_MS
    from storage.repository import SqlRepository

    timeout = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
    return SqlRepository.open(url, migrate=migrate, busy_timeout_ms=timeout)


def upgrade_database(url: str) -> tuple[str, ...]:
    """`intake db upgrade`: migrate the database at `url`; returns its revision(s) after."""
    from storage.db import upgrade_database as upgrade
    from storage.faults import translated

    with translated():
        return upgrade(url)


def open_case_work(
    url: str, *, migrate: bool = True, busy_timeout_ms: int | None = None
) -> CaseWork:
    """The same database, for working cases (the case screens and `intake cases`): the one
    implementation, `SqlRepository`, is all three protocols."""
    return cast("CaseWork", open_admin(url, migrate=migrate, busy_timeout_ms=busy_timeout_ms))


def setup_roles(url: str) -> None:
    """`intake db setup-roles`: PostgreSQL roles, grants and row-level security (idempotent;
    run by the tables' owner after each upgrade). See `storage.pgroles`."""
    from storage import pgroles
    from storage.api import DatabaseFault
    from storage.db import engine_for, writing_engine
    from storage.faults import translated

    with translated(), engine_for(url) as engine:
        if engine.dialect.name != "postgresql":
            raise DatabaseFault("postgresql_only")
        with writing_engine(engine).begin() as conn:
            pgroles.setup(conn)


def grant_role(url: str, login: str, role: str) -> None:
    """`intake db grant LOGIN ROLE`: make an existing PostgreSQL login a member of the intake
    group role `role` (and of no other) and an intake user with that role, audited."""
    from storage import pgroles, users
    from storage.api import DatabaseFault, Role
    from storage.db import engine_for, writing_engine
    from storage.faults import translated
    from storage.repository import _utcnow

    name = users.check_username(login)
    with translated(), engine_for(url) as engine:
        if engine.dialect.name != "postgresql":
            raise DatabaseFault("postgresql_only")
        with writing_engine(engine).begin() as conn:
            pgroles.grant(conn, name, Role(role))
            users.ensure_user(conn, _utcnow, name, name, Role(role), users.account(conn))


def check_login(url: str, password: str) -> str:
    """Whether `password` opens a new connection as the login of `url` (the desk lock on a
    shared database): "ok", "wrong", or "not_asked" when the server let the connection in
    without asking for a password (trust, peer or Kerberos in pg_hba), which proves nothing.
    Only PostgreSQL has logins ("not_asked" for SQLite). The password is given to libpq only;
    a failure to reach the server is a `DatabaseFault`, whose message never repeats the URL."""
    import psycopg

    from storage.api import DatabaseFault
    from storage.db import normalize_url

    parsed = normalize_url(url)
    if parsed.get_backend_name() != "postgresql":
        return "not_asked"
    # The typed password replaces any in the URL; it is a keyword, never part of a string.
    # (URL.set ignores None: the stored password is dropped with the tuple's own _replace.)
    bare = parsed.set(drivername="postgresql")._replace(password=None)
    conninfo = bare.render_as_string(hide_password=False)
    try:
        with psycopg.connect(conninfo, password=password, connect_timeout=10) as conn:
            return "ok" if conn.pgconn.used_password else "not_asked"
    except psycopg.OperationalError as exc:
        if exc.sqlstate in ("28P01", "28000"):  # invalid_password, invalid_authorization
            return "wrong"
        if "password" in str(exc).lower():  # libpq's own "no password supplied"
            return "wrong"
        raise DatabaseFault("unreachable") from None
