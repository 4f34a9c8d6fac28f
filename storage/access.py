"""Who may touch what. The role comes from the database row, never from the caller's DTO.

- reception: own drafts, creating cases, opening the cases they created;
- social_worker: own drafts, creating, listing, opening and updating all cases, tasks;
- admin: users, audit follow-up and purge; no case content.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NoReturn

from sqlalchemy import Connection, Row, select

from storage.api import NotFoundError, PermissionDenied, Role, UserInfo
from storage.schema import cases, drafts, users

CASE_WORKERS = (Role.RECEPTION, Role.SOCIAL_WORKER)
EVERYONE = tuple(Role)


def find_user(conn: Connection, username: str) -> Row[Any] | None:
    return conn.execute(select(users).where(users.c.username == username)).first()


def actor_for(conn: Connection, user: UserInfo, allowed: Iterable[Role]) -> Row[Any]:
    """The acting user's row, if their role (as stored) is one of `allowed`."""
    row = find_user(conn, user.username)
    allowed = tuple(allowed)
    if row is None:
        refuse("role")
    if Role(row.role) not in allowed:
        case_work = Role.SOCIAL_WORKER in allowed
        refuse(REFUSAL_BY_ROLE.get(Role(row.role), "role") if case_work else "role")
    return row


# What a refused role is told (storage.api.REFUSALS) when it reaches for case work.
REFUSAL_BY_ROLE = {Role.ADMIN: "admin_no_content", Role.RECEPTION: "reception_read_only"}


def refuse(code: str) -> NoReturn:
    """Refuse with the reason `code`; the repository audits the refusal."""
    raise PermissionDenied(code=code)


def own_draft(conn: Connection, actor: Row[Any], draft_id: int) -> Row[Any]:
    """Drafts are private to their author: another user's draft does not exist for them."""
    row = conn.execute(select(drafts).where(drafts.c.id == draft_id)).first()
    if row is None or row.created_by != actor.username:
        raise NotFoundError("no such draft")
    return row


def case_row(conn: Connection, number: str) -> Row[Any]:
    row = conn.execute(select(cases).where(cases.c.number == number)).first()
    if row is None:
        raise NotFoundError("no such case")
    return row


def check_can_open(actor: Row[Any], case: Row[Any]) -> None:
    role = Role(actor.role)
    if role is Role.ADMIN:
        refuse("admin_no_content")
    if role is Role.RECEPTION and case.created_by != actor.username:
        refuse("reception_others_cases")
