"""Drafts: unfinished intakes, saved after every answer and private to their author.

The answer log is kept one row an event (`draft_events`). A save brings the whole log, as the
app holds it; when the stored log is its beginning (same length-prefix digest, which is the
case for every ordinary answer: the log only grows), only the new events are inserted, so a
commit stays one small row whatever the length of the visit. Anything else (another desk of
the same user saved a different continuation) replaces the stored log: the last save wins, as
it did when the log was one JSON value.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import Connection, Row, delete, insert, select, update

from intake.core.dialogue.api import DialogueStamp
from storage import audit
from storage.access import own_draft
from storage.api import AuditAction, DraftInfo
from storage.convert import from_row
from storage.schema import draft_events, drafts


def digest(events: list[dict[str, Any]]) -> str:
    """SHA-256 of the log in a canonical JSON form (sorted keys, no spaces)."""
    text = json.dumps(events, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def draft_info(conn: Connection, row: Row[Any]) -> DraftInfo:
    events = conn.execute(
        select(draft_events.c.event)
        .where(draft_events.c.draft_id == row.id)
        .order_by(draft_events.c.position)
    ).scalars()
    stamp = DialogueStamp(row.dialogue_id, row.dialogue_version, row.dialogue_sha256)
    return from_row(DraftInfo, row, stamp=stamp, events=[dict(e) for e in events])


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
        "event_count": len(events),
        "events_digest": digest(events),
        "dialogue_id": stamp.dialogue_id,
        "dialogue_version": stamp.version,
        "dialogue_sha256": stamp.sha256,
        "language": language,
    }
    if draft_id is None:
        draft_id = int(
            conn.execute(
                insert(drafts)
                .values(created_by=actor.username, created_at=now, **values)
                .returning(drafts.c.id)
            ).scalar_one()
        )
        audit.write(conn, actor.username, AuditAction.DRAFT_SAVE, None)
        _append(conn, draft_id, events, 0)
        return draft_id
    stored = own_draft(conn, actor, draft_id)
    kept = stored.event_count
    if kept > len(events) or digest(events[:kept]) != stored.events_digest:
        conn.execute(delete(draft_events).where(draft_events.c.draft_id == draft_id))
        kept = 0
    conn.execute(update(drafts).where(drafts.c.id == draft_id).values(**values))
    _append(conn, draft_id, events, kept)
    return draft_id


def _append(conn: Connection, draft_id: int, events: list[dict[str, Any]], kept: int) -> None:
    """Insert `events[kept:]` after the `kept` events already stored."""
    rows = [
        {"draft_id": draft_id, "position": position, "event": event}
        for position, event in enumerate(events[kept:], start=kept + 1)
    ]
    if rows:
        conn.execute(insert(draft_events), rows)


def list_drafts(conn: Connection, actor: Row[Any]) -> list[DraftInfo]:
    rows = conn.execute(
        select(drafts)
        .where(drafts.c.created_by == actor.username)
        .order_by(drafts.c.updated_at.desc(), drafts.c.id.desc())
    )
    return [draft_info(conn, r) for r in rows.all()]


def get_draft(conn: Connection, actor: Row[Any], draft_id: int) -> DraftInfo:
    return draft_info(conn, own_draft(conn, actor, draft_id))


def discard_draft(conn: Connection, clock: audit.Clock, actor: Row[Any], draft_id: int) -> None:
    own_draft(conn, actor, draft_id)
    remove(conn, draft_id)
    audit.write(conn, actor.username, AuditAction.DRAFT_DISCARD, None)


def remove(conn: Connection, draft_id: int) -> None:
    """Remove a draft and its log (the caller has checked it may): its events go by ON DELETE
    CASCADE."""
    conn.execute(delete(drafts).where(drafts.c.id == draft_id))
