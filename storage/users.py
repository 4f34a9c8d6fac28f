"""Users: who may work with the database, and in which role."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Row, insert, literal_column, select, update

from storage import audit, identity
from storage.access import find_user
from storage.api import (
    AuditAction,
    PermissionDenied,
    Role,
    SignIn,
    UnknownAccountError,
    UserInfo,
)
from storage.audit import Clock
from storage.convert import from_row
from storage.identity import normalize_username
from storage.schema import users


def user_info(row: Row[Any]) -> UserInfo:
    return from_row(UserInfo, row, role=Role(row.role))


def check_username(username: str) -> str:
    """`username` normalised (`storage.identity.normalize_username`); ValueError if it cannot
    be one. Surrounding spaces are refused rather than trimmed: they are a typing mistake."""
    if username != username.strip():
        raise ValueError("username: no spaces before or after")
    return normalize_username(username)


def account(conn: Connection) -> str:
    """Who is working, as the database or the operating system knows it: PostgreSQL's
    `session_user` (the login that authenticated), else the OS account."""
    if conn.dialect.name == "postgresql":
        return normalize_username(
            str(conn.execute(select(literal_column("session_user"))).scalar_one())
        )
    return normalize_username(identity.os_account())


def admins(conn: Connection) -> list[str]:
    rows = conn.execute(
        select(users.c.username).where(users.c.role == Role.ADMIN.value).order_by(users.c.username)
    )
    return list(rows.scalars())


def ensure_user(
    conn: Connection, clock: Clock, username: str, display_name: str, role: Role, by: str
) -> UserInfo:
    """Create the user, or update the display name and role of an existing one; an addition
    or a role change is audited as done `by` that user."""
    row = find_user(conn, username)
    if row is None:
        conn.execute(
            insert(users).values(
                username=username, display_name=display_name, role=role.value, created_at=clock()
            )
        )
        audit.write(conn, by, AuditAction.USER_ADD, None, f"{username} {role.value}")
    else:
        if row.role == Role.ADMIN.value and role is not Role.ADMIN and admins(conn) == [username]:
            raise PermissionDenied(code="last_admin")  # no one could add users or read the log
        conn.execute(
            update(users)
            .where(users.c.id == row.id)
            .values(display_name=display_name, role=role.value)
        )
        if row.role != role.value:
            detail = f"{username} {row.role}->{role.value}"
            audit.write(conn, by, AuditAction.ROLE_CHANGE, None, detail)
    saved = find_user(conn, username)
    assert saved is not None  # noqa: S101 - written just above, in this transaction
    return user_info(saved)


def get_user(conn: Connection, username: str) -> UserInfo | None:
    row = find_user(conn, username)
    return None if row is None else user_info(row)


def list_users(conn: Connection) -> list[UserInfo]:
    return [user_info(r) for r in conn.execute(select(users).order_by(users.c.username))]


def sign_in(conn: Connection, clock: Clock, act_as: str | None) -> SignIn:
    """See `storage.api.Repository.identify`."""
    name = account(conn)
    row = find_user(conn, name)
    first_admin = False
    if row is None and conn.dialect.name == "sqlite" and not list_users(conn):
        display = name
        ensure_user(conn, clock, name, display, Role.ADMIN, name)
        audit.write(conn, name, AuditAction.BOOTSTRAP, None, "first start: first admin")
        row = find_user(conn, name)
        first_admin = True
    if row is None:
        raise _refused(UnknownAccountError(name, admins(conn)), name)
    user = user_info(row)
    if not act_as or normalize_username(act_as) == name:
        return SignIn(user, name, first_admin)
    if conn.dialect.name == "postgresql":  # the database enforces by the login: no proxy
        raise _refused(PermissionDenied(code="act_as_shared"), name)
    if user.role is not Role.ADMIN:
        raise _refused(PermissionDenied(code="act_as"), name)
    target = find_user(conn, normalize_username(act_as))
    if target is None:
        raise _refused(UnknownAccountError(normalize_username(act_as), admins(conn)), name)
    audit.write(conn, name, AuditAction.ACT_AS, None, f"as {target.username}")
    return SignIn(user_info(target), name)


def _refused(refusal: PermissionDenied, name: str) -> PermissionDenied:
    refusal.refused = (name, "sign_in")
    return refusal
