"""Users and drafts in SQLAlchemy Core: everything a conversation touches, without the ORM.

The app saves the draft after every answer; doing that with Core statements on the tables'
lightweight descriptions below keeps `sqlalchemy.orm` and the models (~7 MB in the running
app) out of a conversation. The ORM models in `storage.models` stay the schema's definition:
tests/storage/test_drafts_core.py holds these columns equal to theirs. Rules as in
`storage.access`: the role is read from the database row, and a draft is its author's only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Connection, Integer, Row, String, column, delete, insert, select, table
from sqlalchemy import update as sql_update

from intake.core.dialogue.api import DialogueStamp
from storage.api import AuditAction, DraftInfo, NotFoundError, PermissionDenied, Role, UserInfo
from storage.types import JsonType, UTCDateTime

users = table(
    "users",
    column("id", Integer),
    column("username", String),
    column("display_name", String),
    column("role", String),
    column("created_at", UTCDateTime()),
)
drafts = table(
    "drafts",
    column("id", Integer),
    column("created_by", String),
    column("created_at", UTCDateTime()),
    column("updated_at", UTCDateTime()),
    column("events", JsonType()),
    column("dialogue_id", String),
    column("dialogue_version", String),
    column("dialogue_sha256", String),
    column("language", String),
)
audit_events = table(
    "audit_events",
    column("id", Integer),
    column("at", UTCDateTime()),
    column("username", String),
    column("action", String),
    column("case_number", String),
)

Clock = Callable[[], dt.datetime]
CASE_WORKERS = (Role.RECEPTION, Role.SOCIAL_WORKER)


def user_info(row: Row[Any]) -> UserInfo:
    return UserInfo(
        id=row.id, username=row.username, display_name=row.display_name, role=Role(row.role)
    )


def draft_info(row: Row[Any]) -> DraftInfo:
    return DraftInfo(
        id=row.id,
        created_by=row.created_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
        stamp=DialogueStamp(row.dialogue_id, row.dialogue_version, row.dialogue_sha256),
        language=row.language,
        events=list(row.events),
    )


def find_user(conn: Connection, username: str) -> Row[Any] | None:
    return conn.execute(select(users).where(users.c.username == username)).first()


def actor_for(conn: Connection, user: UserInfo, allowed: Iterable[Role]) -> Row[Any]:
    row = find_user(conn, user.username)
    if row is None or Role(row.role) not in tuple(allowed):
        raise PermissionDenied("your role does not allow this")
    return row


def own_draft(conn: Connection, actor: Row[Any], draft_id: int) -> Row[Any]:
    """Drafts are private to their author: another user's draft does not exist for them."""
    row = conn.execute(select(drafts).where(drafts.c.id == draft_id)).first()
    if row is None or row.created_by != actor.username:
        raise NotFoundError("no such draft")
    return row


def audit(
    conn: Connection, clock: Clock, username: str, action: AuditAction, number: str | None
) -> None:
    conn.execute(
        insert(audit_events).values(
            at=clock(), username=username, action=action.value, case_number=number
        )
    )


def ensure_user(
    conn: Connection, clock: Clock, username: str, display_name: str, role: Role
) -> UserInfo:
    row = find_user(conn, username)
    if row is None:
        conn.execute(
            insert(users).values(
                username=username, display_name=display_name, role=role.value, created_at=clock()
            )
        )
    else:
        conn.execute(
            sql_update(users)
            .where(users.c.id == row.id)
            .values(display_name=display_name, role=role.value)
        )
    saved = find_user(conn, username)
    assert saved is not None  # noqa: S101 - written just above, in this transaction
    return user_info(saved)


def list_users(conn: Connection) -> list[UserInfo]:
    return [user_info(r) for r in conn.execute(select(users).order_by(users.c.username))]


def save_draft(
    conn: Connection,
    clock: Clock,
    actor: Row[Any],
    draft_id: int | None,
    stamp: DialogueStamp,
    language: str,
    events: list[dict[str, Any]],
) -> int:
    now = clock()
    values = {
        "updated_at": now,
        "events": list(events),
        "dialogue_id": stamp.dialogue_id,
        "dialogue_version": stamp.version,
        "dialogue_sha256": stamp.sha256,
        "language": language,
    }
    if draft_id is None:
        new_id: int = conn.execute(
            insert(drafts)
            .values(created_by=actor.username, created_at=now, **values)
            .returning(drafts.c.id)
        ).scalar_one()
        audit(conn, clock, actor.username, AuditAction.DRAFT_SAVE, None)
        return new_id
    own_draft(conn, actor, draft_id)
    conn.execute(sql_update(drafts).where(drafts.c.id == draft_id).values(**values))
    return draft_id


def list_drafts(conn: Connection, actor: Row[Any]) -> list[DraftInfo]:
    rows = conn.execute(
        select(drafts)
        .where(drafts.c.created_by == actor.username)
        .order_by(drafts.c.updated_at.desc(), drafts.c.id.desc())
    )
    return [draft_info(r) for r in rows]


def discard_draft(conn: Connection, clock: Clock, actor: Row[Any], draft_id: int) -> None:
    own_draft(conn, actor, draft_id)
    conn.execute(delete(drafts).where(drafts.c.id == draft_id))
    audit(conn, clock, actor.username, AuditAction.DRAFT_DISCARD, None)
