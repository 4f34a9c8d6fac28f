"""Cases: creating one at the end of a visit, opening, listing and changing it, its tasks.

Every function runs inside the caller's transaction (`SqlRepository`), with the acting user's
row already checked for its role. Changes use optimistic locking: `UPDATE cases ... WHERE
version = <the version the caller read>`, and a row count of 0 means someone else saved
first (`StaleCase`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from storage import audit, changes, convert, drafts
from storage.access import case_row, openable_case, own_draft
from storage.api import (
    AssessmentRevision,
    AuditAction,
    CaseInfo,
    CaseStatus,
    CaseSummary,
    LetterInfo,
    NewCase,
    NoteInfo,
    Role,
    WorkflowEntry,
    WorkflowStep,
)
from storage.case_list import SUMMARY_COLUMNS, search_text
from storage.numbering import next_case_number
from storage.schema import (
    assessment_revisions,
    case_letters,
    case_notes,
    cases,
    tasks,
    transcript_entries,
    users,
    workflow_entries,
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
    open_dues = [s["due"] for s in steps if s["due"] is not None]
    case["next_due"] = min(open_dues, default=None)
    case["search_text"] = search_text(
        case["number"], case["origin_code"], case["origin_district"], []
    )
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
    first = first_revision(conn, case_id, now, actor.username, new.assessment)
    audit.write(conn, actor.username, AuditAction.CREATE, case["number"])
    return convert.new_case_info(case, transcript, steps, assessments=[first])


def rules_version(assessment: dict[str, Any]) -> str:
    return str((assessment.get("rules") or {}).get("version", ""))


def first_revision(
    conn: Connection, case_id: int, at: dt.datetime, by: str, assessment: dict[str, Any]
) -> AssessmentRevision:
    """The assessment made at reception, the first of the case's assessment revisions."""
    first = AssessmentRevision(
        at=at,
        by=by,
        reason="",
        fields=[],
        rules_version=rules_version(assessment),
        level=str(assessment.get("level", "")),
        urgency=str(assessment.get("urgency", "")),
        assessment=assessment,
    )
    values = dataclasses.asdict(first)
    conn.execute(insert(assessment_revisions).values(case_id=case_id, **values))
    return first


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
    notes = conn.execute(
        select(case_notes, users.c.display_name.label("author_name"))
        .join(users, users.c.username == case_notes.c.author)
        .where(case_notes.c.case_id == case.id)
        .order_by(case_notes.c.at, case_notes.c.id)
    )
    steps = conn.execute(
        select(workflow_entries)
        .where(workflow_entries.c.case_id == case.id)
        .order_by(workflow_entries.c.at, workflow_entries.c.id)
    )
    revisions = conn.execute(
        select(assessment_revisions)
        .where(assessment_revisions.c.case_id == case.id)
        .order_by(assessment_revisions.c.at, assessment_revisions.c.id)
    )
    letters = conn.execute(  # the letters' metadata; their content is read one by one
        select(*[c for c in case_letters.c if c.name != "content"])
        .where(case_letters.c.case_id == case.id)
        .order_by(case_letters.c.id)
    )
    return convert.case_info(
        case,
        list(case_tasks),
        list(transcript),
        notes=[convert.from_row(NoteInfo, n) for n in notes],
        workflow=[
            convert.from_row(
                WorkflowEntry, w, step=WorkflowStep(w.step), status=CaseStatus(w.status)
            )
            for w in steps
        ],
        assessments=[
            convert.from_row(AssessmentRevision, r, fields=list(r.fields)) for r in revisions
        ],
        letters=[convert.from_row(LetterInfo, x) for x in letters],
    )


def open_case(conn: Connection, clock: audit.Clock, actor: Row[Any], number: str) -> CaseInfo:
    """The case, if `actor` may open it; the opening is audited."""
    case = openable_case(conn, actor, number)
    audit.write(conn, actor.username, AuditAction.VIEW, case.number)
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
    audit.write(conn, actor.username, AuditAction.UPDATE, case.number)
    return read(conn, case_row(conn, number))
