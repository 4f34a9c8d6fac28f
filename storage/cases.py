"""Cases: creating one at the end of a visit, opening, listing and changing it, its tasks.

Every function runs inside the caller's transaction (`SqlRepository`), with the acting user's
row already checked for its role. Changes use optimistic locking: `UPDATE cases ... WHERE
version = <the version the caller read>`, and a row count of 0 means someone else saved
first (`StaleCase`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from storage import audit, changes, convert, drafts
from storage.access import case_row, check_can_open, own_draft
from storage.api import AuditAction, CaseInfo, CaseStatus, CaseSummary, NewCase, NotFoundError, Role
from storage.numbering import next_case_number
from storage.schema import cases, tasks, transcript_entries

SUMMARY_COLUMNS = (
    cases.c.number,
    cases.c.kind,
    cases.c.status,
    cases.c.effective_level.label("level"),
    cases.c.urgency,
    cases.c.origin_code,
    cases.c.created_at,
    cases.c.created_by,
    cases.c.assignee,
)


class StaleCase(Exception):
    """The case's version is not the one the caller read: someone else saved first."""


def check_new(new: NewCase) -> str:
    """The level of `new`, once its level and override are known to be valid."""
    level = str(new.assessment.get("level", ""))
    changes.check_level(level)
    changes.check_override(new.level_override, new.override_reason)
    return level


def create_case(
    conn: Connection, clock: audit.Clock, actor: Row[Any], new: NewCase, level: str
) -> CaseInfo:
    """Insert the case of `new` (checked with `check_new`) with its transcript and tasks,
    remove its draft and audit the creation."""
    now = clock()
    year = now.astimezone().year
    seq = next_case_number(conn, year)
    case, transcript, steps = convert.new_case_values(new, level, year, seq, actor.username, now)
    if new.draft_id is not None:
        own_draft(conn, actor, new.draft_id)
    case_id: int = conn.execute(insert(cases).values(**case).returning(cases.c.id)).scalar_one()
    if transcript:
        conn.execute(
            insert(transcript_entries), [{"case_id": case_id, **row} for row in transcript]
        )
    if steps:
        ids = conn.execute(
            insert(tasks).returning(tasks.c.id, sort_by_parameter_order=True),
            [{"case_id": case_id, **row} for row in steps],
        ).scalars()
        steps = [{"id": task_id, **row} for row, task_id in zip(steps, ids, strict=True)]
    if new.draft_id is not None:
        drafts.remove(conn, new.draft_id)
    audit.write(conn, clock, actor.username, AuditAction.CREATE, case["number"])
    return convert.new_case_info(case, transcript, steps)


def read(conn: Connection, case: Row[Any]) -> CaseInfo:
    """The whole case of the row `case`: its tasks and transcript in order."""
    case_tasks = conn.execute(
        select(tasks).where(tasks.c.case_id == case.id).order_by(tasks.c.position)
    )
    transcript = conn.execute(
        select(transcript_entries)
        .where(transcript_entries.c.case_id == case.id)
        .order_by(transcript_entries.c.position)
    )
    return convert.case_info(case, list(case_tasks), list(transcript))


def open_case(conn: Connection, clock: audit.Clock, actor: Row[Any], number: str) -> CaseInfo:
    """The case, if `actor` may open it; the opening is audited."""
    case = case_row(conn, number)
    check_can_open(actor, case)
    audit.write(conn, clock, actor.username, AuditAction.VIEW, case.number)
    return read(conn, case)


def list_cases(
    conn: Connection,
    actor: Row[Any],
    *,
    status: CaseStatus | None,
    level: str | None,
    origin_code: str | None,
    limit: int,
) -> list[CaseSummary]:
    query = select(*SUMMARY_COLUMNS).order_by(cases.c.created_at.desc(), cases.c.id.desc())
    if Role(actor.role) is Role.RECEPTION:
        query = query.where(cases.c.created_by == actor.username)
    if status is not None:
        query = query.where(cases.c.status == CaseStatus(status).value)
    if level is not None:
        query = query.where(cases.c.effective_level == level)
    if origin_code is not None:
        query = query.where(cases.c.origin_code == origin_code)
    return [convert.case_summary(row) for row in conn.execute(query.limit(limit))]


def update_case(
    conn: Connection,
    clock: audit.Clock,
    actor: Row[Any],
    number: str,
    expected_version: int,
    wanted: dict[str, Any],
) -> CaseInfo:
    """Apply `wanted` (checked with `changes.check_fields`) to the case at `expected_version`;
    raises `StaleCase` when it is at another version (or gets there before this writes)."""
    case = case_row(conn, number)
    if case.version != expected_version:
        raise StaleCase
    old, new = changes.new_values(conn, case, wanted)
    touched = [key for key in changes.UPDATABLE if new[key] != old[key]]
    if touched:
        now = clock()
        written = conn.execute(
            update(cases)
            .where(cases.c.id == case.id, cases.c.version == expected_version)
            .values(
                **changes.case_values(case, new, touched),
                last_entry_at=now,
                version=expected_version + 1,
            )
        )
        if written.rowcount != 1:
            raise StaleCase
        changes.record(
            conn,
            case.id,
            actor.username,
            now,
            expected_version + 1,
            [(key, old[key], new[key]) for key in touched],
        )
    audit.write(conn, clock, actor.username, AuditAction.UPDATE, case.number)
    return read(conn, case_row(conn, number))


def complete_task(
    conn: Connection, clock: audit.Clock, actor: Row[Any], number: str, task_id: int, note: str
) -> CaseInfo:
    """Mark a next step done. It is an entry in the file but not a change of the case's
    fields, so it does not bump the version (no conflict with a parallel update)."""
    case = case_row(conn, number)
    task = conn.execute(
        select(tasks).where(tasks.c.id == task_id, tasks.c.case_id == case.id)
    ).first()
    if task is None:
        raise NotFoundError("no such task in this case")
    if task.done_at is None:
        now = clock()
        conn.execute(
            update(tasks)
            .where(tasks.c.id == task_id)
            .values(done_at=now, done_by=actor.username, note=note)
        )
        conn.execute(update(cases).where(cases.c.id == case.id).values(last_entry_at=now))
        changes.record(
            conn,
            case.id,
            actor.username,
            now,
            case.version,
            [(f"task:{task.code}", None, {"done_at": now.isoformat()})],
        )
        audit.write(conn, clock, actor.username, AuditAction.UPDATE, case.number)
    return read(conn, case)
