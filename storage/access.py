"""Who may touch what. The role comes from the database row, never from the caller's DTO.

- reception: own drafts, creating cases, opening the cases they created;
- social_worker: own drafts, creating, listing, opening and updating all cases, tasks;
- admin: users, audit follow-up and purge; no case content.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NoReturn

from sqlalchemy import Connection, Row, func, select

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
    """The case numbered `number`. On PostgreSQL row-level security hides from reception the
    cases it did not create: asked by number for one of those, it is refused, as the
    repository refuses it on SQLite, rather than told the case does not exist."""
    row = conn.execute(select(cases).where(cases.c.number == number)).first()
    if row is not None:
        return row
    if conn.dialect.name == "postgresql" and _exists_unseen(conn, number):
        refuse("reception_others_cases")
    raise NotFoundError("no such case")


def _exists_unseen(conn: Connection, number: str) -> bool:
    """Whether a case numbered `number` exists, past row-level security (a SECURITY DEFINER
    function of migration 0008, granted to the case-working roles: yes or no only)."""
    return bool(conn.execute(select(func.intake_case_exists(number))).scalar_one())


def openable_case(conn: Connection, actor: Row[Any], number: str) -> Row[Any]:
    """The case, if `actor` may open it: admins never (no case content, and on PostgreSQL no
    grant to read it), reception the cases it created, social workers all."""
    role = Role(actor.role)
    if role is Role.ADMIN:
        refuse("admin_no_content")
    case = case_row(conn, number)
    if role is Role.RECEPTION and case.created_by != actor.username:
        refuse("reception_others_cases")
    return case


def method_of(work: Callable[..., Any]) -> str:
    """The repository method a unit of work belongs to (`SqlRepository.get_case.<locals>.work`
    gives `get_case`), for the audit row of a refusal."""
    parts = work.__qualname__.split(".")
    return parts[parts.index("<locals>") - 1] if "<locals>" in parts else parts[-1]
