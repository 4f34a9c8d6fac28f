"""Drafts: unfinished intakes, saved after every answer and private to their author."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Row, delete, insert, select, update

from intake.core.dialogue.api import DialogueStamp
from storage import audit
from storage.access import own_draft
from storage.api import AuditAction, DraftInfo
from storage.convert import from_row
from storage.schema import drafts


def draft_info(row: Row[Any]) -> DraftInfo:
    stamp = DialogueStamp(row.dialogue_id, row.dialogue_version, row.dialogue_sha256)
    return from_row(DraftInfo, row, stamp=stamp, events=list(row.events))


def save_draft(
    conn: Connection,
    clock: audit.Clock,
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
        audit.write(conn, clock, actor.username, AuditAction.DRAFT_SAVE, None)
        return new_id
    own_draft(conn, actor, draft_id)
    conn.execute(update(drafts).where(drafts.c.id == draft_id).values(**values))
    return draft_id


def list_drafts(conn: Connection, actor: Row[Any]) -> list[DraftInfo]:
    rows = conn.execute(
        select(drafts)
        .where(drafts.c.created_by == actor.username)
        .order_by(drafts.c.updated_at.desc(), drafts.c.id.desc())
    )
    return [draft_info(r) for r in rows]


def get_draft(conn: Connection, actor: Row[Any], draft_id: int) -> DraftInfo:
    return draft_info(own_draft(conn, actor, draft_id))


def discard_draft(conn: Connection, clock: audit.Clock, actor: Row[Any], draft_id: int) -> None:
    own_draft(conn, actor, draft_id)
    conn.execute(delete(drafts).where(drafts.c.id == draft_id))
    audit.write(conn, clock, actor.username, AuditAction.DRAFT_DISCARD, None)


def remove(conn: Connection, draft_id: int) -> None:
    """Remove the draft a created case completes (checked by the caller), without audit:
    the case's `create` row records it."""
    conn.execute(delete(drafts).where(drafts.c.id == draft_id))
