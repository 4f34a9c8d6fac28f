"""Working a case after reception: the checklist, the journal, assignment, the workflow and
reassessment. Every function runs in the caller's transaction with the acting social worker's
row already checked (`SqlRepository`), and audits what it did.

The workflow's rules are the core's (`intake.core.workflow.check`); this module holds them to
the stored case, records each step with its real date, and recomputes what follows from it
(the IVO not-before date from the day the transfer request was sent). The list columns that
summarise other tables (`next_due`, `open_questions`, `search_text`) are kept here, in the same
transaction as the change they follow.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select, update

from intake.core.workflow import (
    STEP_TASKS,
    TASK_STEPS,
    CaseState,
    CaseStatus,
    WorkflowRefused,
    WorkflowStep,
    check,
    dependent_dates,
)
from storage import audit, convert
from storage.access import case_row, find_user
from storage.api import AuditAction, CaseInfo, NotFoundError, Reassessment, Role, TaskState
from storage.case_list import search_text
from storage.cases import StaleCase, read, rules_version
from storage.schema import assessment_revisions, case_notes, cases, tasks, workflow_entries

Clock = audit.Clock


def local_today(clock: Clock) -> dt.date:
    return clock().astimezone().date()


def _state(conn: Connection, case: Row[Any]) -> CaseState:
    planned = {
        code
        for (code,) in conn.execute(
            select(tasks.c.code).where(
                tasks.c.case_id == case.id, tasks.c.state != TaskState.WITHDRAWN.value
            )
        )
    }
    return CaseState(CaseStatus(case.status), frozenset(planned), case.transfer_request_sent_on)


def refresh_summary(
    conn: Connection, case_id: int, now: dt.datetime, *, bump: bool = False, **values: Any
) -> None:
    """The case's list columns after a change to its tasks, and the change as its last entry;
    `values` are further columns to set. A change of the case's own fields (`bump`: status,
    assignee, assessment) bumps the version, so that an editor holding an older one sees it
    (ConflictError) rather than overwrite it; a step ticked off does not."""
    next_due = conn.execute(
        select(func.min(tasks.c.due)).where(
            tasks.c.case_id == case_id, tasks.c.state == TaskState.OPEN.value
        )
    ).scalar_one()
    if bump:
        values["version"] = cases.c.version + 1
    conn.execute(
        update(cases)
        .where(cases.c.id == case_id)
        .values(next_due=next_due, last_entry_at=now, **values)
    )


def _step(
    conn: Connection,
    clock: Clock,
    actor: Row[Any],
    case: Row[Any],
    step: WorkflowStep,
    on: dt.date,
    note: str = "",
    assignee: str | None = None,
) -> None:
    """Record `step` if the workflow allows it now (else WorkflowRefused), with what follows."""
    status = check(
        _state(conn, case), step, on=on, today=local_today(clock), reason=note, assignee=assignee
    )
    now = clock()
    conn.execute(
        insert(workflow_entries).values(
            case_id=case.id,
            step=step.value,
            on=on,
            at=now,
            by=actor.username,
            status=status.value,
            note=note,
        )
    )
    values: dict[str, Any] = {"status": status.value}
    if step is WorkflowStep.TRANSFER_REQUEST_SENT:
        values["transfer_request_sent_on"] = on
        for code, not_before in dependent_dates(on).items():
            conn.execute(
                update(tasks)
                .where(tasks.c.case_id == case.id, tasks.c.code == code)
                .values(not_before=not_before, due=None)  # the earliest day, not a deadline
            )
    if step in (WorkflowStep.CLOSE, WorkflowStep.ANNUL):
        values.update(closed_at=now, closed_reason=note)
    if step is WorkflowStep.ASSIGN:
        values["assignee"] = assignee
    task_code = STEP_TASKS.get(step)
    if task_code is not None:  # the step's own task is done on the same day
        conn.execute(
            update(tasks)
            .where(
                tasks.c.case_id == case.id,
                tasks.c.code == task_code,
                tasks.c.state == TaskState.OPEN.value,
            )
            .values(state=TaskState.DONE.value, done_on=on, done_at=now, done_by=actor.username)
        )
    refresh_summary(conn, case.id, now, bump=True, **values)
    audit.write(conn, actor.username, AuditAction.UPDATE, case.number)


def _open_case(conn: Connection, number: str) -> Row[Any]:
    case = case_row(conn, number)
    if CaseStatus(case.status) in (CaseStatus.CLOSED, CaseStatus.ANNULLED):
        raise WorkflowRefused("case_ended")
    return case


def _task(conn: Connection, case: Row[Any], task_id: int) -> Row[Any]:
    task = conn.execute(
        select(tasks).where(tasks.c.id == task_id, tasks.c.case_id == case.id)
    ).first()
    if task is None:
        raise NotFoundError("no such task in this case")
    return task


def complete_task(
    conn: Connection,
    clock: Clock,
    actor: Row[Any],
    number: str,
    task_id: int,
    note: str,
    done_on: dt.date | None,
) -> CaseInfo:
    """Mark a step done on `done_on` (default today); a workflow step's task records the
    step (and is refused where the workflow does not allow it yet). Done twice is a no-op."""
    case = _open_case(conn, number)
    task = _task(conn, case, task_id)
    if task.state == TaskState.DONE.value:
        return read(conn, case_row(conn, number))
    on = done_on or local_today(clock)
    step = TASK_STEPS.get(task.code)
    if step is not None:  # records the step and marks its task done
        _step(conn, clock, actor, case, step, on)
        conn.execute(update(tasks).where(tasks.c.id == task_id).values(note=note))
        return read(conn, case_row(conn, number))
    if on > local_today(clock):
        raise WorkflowRefused("date_in_future")
    now = clock()
    conn.execute(
        update(tasks)
        .where(tasks.c.id == task_id)
        .values(
            state=TaskState.DONE.value, done_on=on, done_at=now, done_by=actor.username, note=note
        )
    )
    refresh_summary(conn, case.id, now)
    audit.write(conn, actor.username, AuditAction.UPDATE, case.number)
    return read(conn, case_row(conn, number))


def mark_not_applicable(
    conn: Connection, clock: Clock, actor: Row[Any], number: str, task_id: int, reason: str
) -> CaseInfo:
    if not reason.strip():
        raise WorkflowRefused("reason_required")
    case = _open_case(conn, number)
    _task(conn, case, task_id)
    now = clock()
    conn.execute(
        update(tasks)
        .where(tasks.c.id == task_id, tasks.c.state == TaskState.OPEN.value)
        .values(
            state=TaskState.NOT_APPLICABLE.value, done_at=now, done_by=actor.username, note=reason
        )
    )
    refresh_summary(conn, case.id, now)
    audit.write(conn, actor.username, AuditAction.UPDATE, case.number)
    return read(conn, case_row(conn, number))


def add_note(conn: Connection, clock: Clock, actor: Row[Any], number: str, text: str) -> CaseInfo:
    if not text.strip():
        raise WorkflowRefused("reason_required")
    case = case_row(conn, number)
    now = clock()
    conn.execute(
        insert(case_notes).values(case_id=case.id, at=now, author=actor.username, text=text)
    )
    notes = conn.execute(select(case_notes.c.text).where(case_notes.c.case_id == case.id))
    searchable = search_text(
        case.number, case.origin_code, case.origin_district, [n for (n,) in notes]
    )
    conn.execute(
        update(cases).where(cases.c.id == case.id).values(search_text=searchable, last_entry_at=now)
    )
    audit.write(conn, actor.username, AuditAction.UPDATE, case.number)
    return read(conn, case_row(conn, number))


def assign(
    conn: Connection, clock: Clock, actor: Row[Any], number: str, assignee: str | None
) -> CaseInfo:
    if assignee is not None:
        row = find_user(conn, assignee)
        if row is None or Role(row.role) is not Role.SOCIAL_WORKER:
            raise WorkflowRefused("assignee_not_social_worker")
    case = _open_case(conn, number)
    _step(
        conn,
        clock,
        actor,
        case,
        WorkflowStep.ASSIGN,
        local_today(clock),
        note=assignee or "",
        assignee=assignee,
    )
    return read(conn, case_row(conn, number))


def record_step(
    conn: Connection,
    clock: Clock,
    actor: Row[Any],
    number: str,
    step: WorkflowStep,
    on: dt.date,
    note: str = "",
) -> CaseInfo:
    if step is WorkflowStep.ASSIGN:
        raise ValueError("step: assign with assign_case")
    case = case_row(conn, number)
    _step(conn, clock, actor, case, WorkflowStep(step), on, note)
    return read(conn, case_row(conn, number))


def reassess(
    conn: Connection,
    clock: Clock,
    actor: Row[Any],
    number: str,
    expected_version: int,
    change: Reassessment,
) -> CaseInfo:
    """Keep the new assessment beside the old; steps it no longer plans are withdrawn (kept),
    new ones are added, the list columns follow. StaleCase if the case moved on meanwhile."""
    if not change.reason.strip():
        raise WorkflowRefused("reason_required")
    case = _open_case(conn, number)
    if case.version != expected_version:
        raise StaleCase
    now = clock()
    new = change.assessment
    level = str(new.get("level", ""))
    planned = {str(step["code"]): step for step in new.get("next_steps") or []}
    existing = list(conn.execute(select(tasks).where(tasks.c.case_id == case.id)))
    for task in existing:
        if task.code not in planned and task.state == TaskState.OPEN.value:
            conn.execute(
                update(tasks).where(tasks.c.id == task.id).values(state=TaskState.WITHDRAWN.value)
            )
    known = {task.code for task in existing}
    position = max((task.position for task in existing), default=0)
    sent = dependent_dates(case.transfer_request_sent_on)
    for code, step in planned.items():
        if code not in known:
            position += 1
            values = convert.task_values(position, step)
            if code in sent:
                values["not_before"] = sent[code]
            conn.execute(insert(tasks).values(case_id=case.id, **values))
    conn.execute(
        insert(assessment_revisions).values(
            case_id=case.id,
            at=now,
            by=actor.username,
            reason=change.reason,
            fields=list(change.fields),
            rules_version=rules_version(new),
            level=level,
            urgency=str(new.get("urgency", "")),
            assessment=new,
        )
    )
    written = conn.execute(
        update(cases)
        .where(cases.c.id == case.id, cases.c.version == expected_version)
        .values(
            record=change.record,
            assessment=new,
            level=level,
            effective_level=case.level_override or level,
            urgency=str(new.get("urgency", "")),
            open_questions=len(new.get("open_questions") or []),
        )
    )
    if written.rowcount != 1:
        raise StaleCase
    refresh_summary(conn, case.id, now, bump=True)
    audit.write(conn, actor.username, AuditAction.UPDATE, case.number)
    return read(conn, case_row(conn, number))
