"""Creating a case in SQLAlchemy Core: the one storage call at the end of a visit.

The case, its transcript and tasks, the audit entry and the removal of the completed draft
are Core statements in one transaction, on lightweight descriptions of the tables below, so
that a whole visit, the created case included, never loads `sqlalchemy.orm` or the models
(~7 MB). The ORM models in `storage.models` stay the schema's definition:
tests/storage/test_drafts_core.py holds these columns equal to theirs. Numbers come from
`storage.numbering` (gap-free per year), the rules from `storage.access` (here with the rows
of `storage.drafts`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Date, Integer, Row, String, column, delete, insert, select, table

from storage import convert, drafts
from storage.api import AuditAction, CaseInfo, NewCase
from storage.numbering import next_case_number
from storage.types import JsonType, UTCDateTime

LEVELS = ("strong", "possible", "none", "not_applicable")

cases = table(
    "cases",
    column("id", Integer),
    column("number", String),
    column("year", Integer),
    column("seq", Integer),
    column("kind", String),
    column("status", String),
    column("created_at", UTCDateTime()),
    column("created_by", String),
    column("assignee", String),
    column("level", String),
    column("level_override", String),
    column("override_reason", String),
    column("effective_level", String),
    column("urgency", String),
    column("origin_code", String),
    column("record", JsonType()),
    column("assessment", JsonType()),
    column("dialogue_id", String),
    column("dialogue_version", String),
    column("dialogue_sha256", String),
    column("language", String),
    column("last_entry_at", UTCDateTime()),
    column("version", Integer),
)
transcript_entries = table(
    "transcript_entries",
    column("id", Integer),
    column("case_id", Integer),
    column("position", Integer),
    column("question_id", String),
    column("question", String),
    column("answer", String),
)
tasks = table(
    "tasks",
    column("id", Integer),
    column("case_id", Integer),
    column("position", Integer),
    column("code", String),
    column("title", String),
    column("due", Date),
    column("basis", String),
    column("done_at", UTCDateTime()),
    column("done_by", String),
    column("note", String),
)


def check_level(level: str) -> None:
    if level not in LEVELS:
        raise ValueError("assessment.level: one of " + ", ".join(LEVELS))


def check_override(level_override: str | None, reason: str) -> None:
    if level_override is not None and level_override not in LEVELS:
        raise ValueError("level_override: one of " + ", ".join(LEVELS) + ", or None")
    if level_override is not None and not reason.strip():
        raise ValueError("override_reason: a level override needs a reason")


def create_case(
    conn: Connection, clock: drafts.Clock, actor: Row[Any], new: NewCase, level: str
) -> CaseInfo:
    """Insert the case of `new` (checked by the caller) for `actor`, with its transcript and
    tasks, remove its draft and audit the creation, all in the caller's transaction."""
    now = clock()
    year = now.astimezone().year
    seq = next_case_number(conn, year)
    case, transcript, steps = convert.new_case_values(new, level, year, seq, actor.username, now)
    if new.draft_id is not None:
        drafts.own_draft(conn, actor, new.draft_id)
    case_id: int = conn.execute(insert(cases).values(**case).returning(cases.c.id)).scalar_one()
    if transcript:
        conn.execute(
            insert(transcript_entries), [{"case_id": case_id, **row} for row in transcript]
        )
    if steps:
        # Their ids, in position order (which is the order of `steps`), read back: a
        # multi-row INSERT ... RETURNING in a guaranteed order needs a full `Table`.
        conn.execute(insert(tasks), [{"case_id": case_id, **row} for row in steps])
        ids = conn.execute(
            select(tasks.c.id).where(tasks.c.case_id == case_id).order_by(tasks.c.position)
        ).scalars()
        steps = [{"id": task_id, **row} for row, task_id in zip(steps, ids, strict=True)]
    if new.draft_id is not None:
        conn.execute(delete(drafts.drafts).where(drafts.drafts.c.id == new.draft_id))
    drafts.audit(conn, clock, actor.username, AuditAction.CREATE, case["number"])
    return convert.new_case_info(case, transcript, steps)
