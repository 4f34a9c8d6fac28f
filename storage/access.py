"""Who may touch what. The role comes from the database row, never from the caller's DTO.

- reception: own drafts, creating cases, opening the cases they created;
- social_worker: own drafts, creating, listing, opening and updating all cases, tasks;
- admin: users, audit follow-up and purge; no case content.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage.api import NotFoundError, PermissionDenied, Role, UserInfo
from storage.drafts import CASE_WORKERS
from storage.models import Case, Draft, User

__all__ = ["CASE_WORKERS", "actor_for", "check_can_open", "load_case", "own_draft"]


def actor_for(session: Session, user: UserInfo, allowed: Iterable[Role]) -> User:
    row = session.scalar(select(User).where(User.username == user.username))
    if row is None or Role(row.role) not in tuple(allowed):
        raise PermissionDenied("your role does not allow this")
    return row


def own_draft(session: Session, actor: User, draft_id: int) -> Draft:
    """Drafts are private to their author: another user's draft does not exist for them."""
    draft = session.get(Draft, draft_id)
    if draft is None or draft.created_by != actor.username:
        raise NotFoundError("no such draft")
    return draft


def load_case(session: Session, number: str) -> Case:
    case = session.scalar(
        select(Case)
        .where(Case.number == number)
        .options(selectinload(Case.tasks), selectinload(Case.transcript))
    )
    if case is None:
        raise NotFoundError("no such case")
    return case


def check_can_open(actor: User, case: Case) -> None:
    role = Role(actor.role)
    if role is Role.ADMIN or (role is Role.RECEPTION and case.created_by != actor.username):
        raise PermissionDenied("your role does not allow opening this case")
