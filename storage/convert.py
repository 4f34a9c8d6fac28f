"""Rows to plain DTOs (nothing from the ORM leaves `storage/`), and a new case to row values.

Imports no ORM at run time: creating a case (`storage.newcase`, SQLAlchemy Core) uses it too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from intake.core.dialogue.api import DialogueStamp
from storage.api import (
    CaseInfo,
    CaseKind,
    CaseStatus,
    CaseSummary,
    NewCase,
    TaskInfo,
    TranscriptItem,
)

if TYPE_CHECKING:
    from storage.models import Case


def origin_code(record: dict[str, Any], assessment: dict[str, Any]) -> str | None:
    normalized = (assessment.get("normalized") or {}).get("origin_municipality") or {}
    code = normalized.get("code") if isinstance(normalized, dict) else None
    if code is None:
        raw = record.get("origin_municipality")
        code = raw if isinstance(raw, str) and len(raw) == 4 and raw.isdigit() else None
    return None if code is None else str(code)


def task_values(position: int, step: dict[str, Any]) -> dict[str, Any]:
    """The row of a next step of the assessment (a task), without its case id."""
    due = step.get("due")
    return {
        "position": position,
        "code": str(step["code"]),
        "title": str(step.get("title", "")),
        "due": dt.date.fromisoformat(due) if due else None,
        "basis": str(step.get("basis", "")),
        "done_at": None,
        "done_by": None,
        "note": "",
    }


def case_info(case: Case | SimpleNamespace) -> CaseInfo:
    """A case as a DTO, from its ORM object or from the values of its rows."""
    return CaseInfo(
        number=case.number,
        kind=CaseKind(case.kind),
        status=CaseStatus(case.status),
        created_at=case.created_at,
        created_by=case.created_by,
        assignee=case.assignee,
        level=case.level,
        level_override=case.level_override,
        override_reason=case.override_reason,
        urgency=case.urgency,
        origin_code=case.origin_code,
        record=dict(case.record),
        assessment=dict(case.assessment),
        stamp=DialogueStamp(case.dialogue_id, case.dialogue_version, case.dialogue_sha256),
        language=case.language,
        version=case.version,
        tasks=[
            TaskInfo(
                id=t.id,
                code=t.code,
                title=t.title,
                due=t.due,
                basis=t.basis,
                done_at=t.done_at,
                done_by=t.done_by,
                note=t.note,
            )
            for t in case.tasks
        ],
        transcript=[
            TranscriptItem(
                position=e.position, question_id=e.question_id, question=e.question, answer=e.answer
            )
            for e in case.transcript
        ],
    )


def case_summary(row: Sequence[Any]) -> CaseSummary:
    number, kind, status, level, urgency, origin_code, created_at, created_by, assignee = row
    return CaseSummary(
        number=number,
        kind=CaseKind(kind),
        status=CaseStatus(status),
        level=level,
        urgency=urgency,
        origin_code=origin_code,
        created_at=created_at,
        created_by=created_by,
        assignee=assignee,
    )


def new_case_values(
    new: NewCase, level: str, year: int, seq: int, username: str, now: dt.datetime
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The rows of a new case: the case (version 1), its transcript in order, its next steps
    as tasks; the last two without the case id, which the insert of the case gives."""
    case = {
        "number": f"{year}-{seq:04d}",
        "year": year,
        "seq": seq,
        "kind": CaseKind(new.kind).value,
        "status": CaseStatus.NEW.value,
        "created_at": now,
        "created_by": username,
        "assignee": None,
        "level": level,
        "level_override": new.level_override,
        "override_reason": new.override_reason,
        "effective_level": new.level_override or level,
        "urgency": str(new.assessment.get("urgency", "routine")),
        "origin_code": origin_code(new.record, new.assessment),
        "record": new.record,
        "assessment": new.assessment,
        "dialogue_id": new.stamp.dialogue_id,
        "dialogue_version": new.stamp.version,
        "dialogue_sha256": new.stamp.sha256,
        "language": new.language,
        "last_entry_at": now,
        "version": 1,
    }
    transcript = [
        {"position": i, "question_id": qid, "question": question, "answer": answer}
        for i, (qid, question, answer) in enumerate(new.transcript, start=1)
    ]
    tasks = [
        task_values(i, step)
        for i, step in enumerate(new.assessment.get("next_steps") or [], start=1)
    ]
    return case, transcript, tasks


def new_case_info(
    case: dict[str, Any], transcript: list[dict[str, Any]], tasks: list[dict[str, Any]]
) -> CaseInfo:
    """The DTO of a case just inserted from `new_case_values` (tasks with their ids): the
    same conversion as for a case read with the ORM, over the row values."""
    return case_info(
        SimpleNamespace(
            **case,
            tasks=[SimpleNamespace(**t) for t in tasks],
            transcript=[SimpleNamespace(**e) for e in transcript],
        )
    )
