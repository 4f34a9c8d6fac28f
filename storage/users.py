"""Users: who may work with the database, and in which role."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from storage.access import find_user
from storage.api import Role, UserInfo
from storage.audit import Clock
from storage.convert import from_row
from storage.schema import users


def user_info(row: Row[Any]) -> UserInfo:
    return from_row(UserInfo, row, role=Role(row.role))


def check_username(username: str) -> None:
    if not username or len(username) > 64 or username != username.strip():
        raise ValueError("username: 1-64 characters without surrounding spaces")


def ensure_user(
    conn: Connection, clock: Clock, username: str, display_name: str, role: Role
) -> UserInfo:
    """Create the user, or update the display name and role of an existing one."""
    row = find_user(conn, username)
    if row is None:
        conn.execute(
            insert(users).values(
                username=username, display_name=display_name, role=role.value, created_at=clock()
            )
        )
    else:
        conn.execute(
            update(users)
            .where(users.c.id == row.id)
            .values(display_name=display_name, role=role.value)
        )
    saved = find_user(conn, username)
    assert saved is not None  # noqa: S101 - written just above, in this transaction
    return user_info(saved)


def get_user(conn: Connection, username: str) -> UserInfo | None:
    row = find_user(conn, username)
    return None if row is None else user_info(row)


def list_users(conn: Connection) -> list[UserInfo]:
    return [user_info(r) for r in conn.execute(select(users).order_by(users.c.username))]
