"""Rows to plain DTOs (no row or connection leaves `storage/`), and a new case to row values."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any, TypeVar

from intake.core.dialogue.api import DialogueStamp
from storage.api import (
    CaseInfo,
    CaseKind,
    CaseStatus,
    CaseSummary,
    NewCase,
    TaskInfo,
    TaskState,
    TranscriptItem,
)
from storage.retention import in_research_sample

D = TypeVar("D")


def origin_code(record: dict[str, Any], assessment: dict[str, Any]) -> str | None:
    normalized = (assessment.get("normalized") or {}).get("origin_municipality") or {}
    code = normalized.get("code") if isinstance(normalized, dict) else None
    if code is None:
        raw = record.get("origin_municipality")
        code = raw if isinstance(raw, str) and len(raw) == 4 and raw.isdigit() else None
    return None if code is None else str(code)


def task_values(position: int, step: dict[str, Any]) -> dict[str, Any]:
    """The row of a next step of the assessment (a task), without its case id."""
    due, not_before = step.get("due"), step.get("not_before")
    return {
        "position": position,
        "code": str(step["code"]),
        "title": str(step.get("title", "")),
        "due": dt.date.fromisoformat(due) if due else None,
        "basis": str(step.get("basis", "")),
        "done_at": None,
        "done_by": None,
        "note": "",
        "not_before": dt.date.fromisoformat(not_before) if not_before else None,
        "state": TaskState.OPEN.value,
        "done_on": None,
    }


def from_row(cls: type[D], row: Any, **given: Any) -> D:
    """The DTO `cls` with every field not `given` read from the attribute of `row` (a result
    row, or a namespace of a new row's values) of the same name; a field with a default may
    be missing from `row`."""
    names = [f.name for f in dataclasses.fields(cls) if f.name not in given]  # type: ignore[arg-type]
    return cls(**{name: getattr(row, name) for name in names if hasattr(row, name)}, **given)


def case_info(
    case: Any, tasks: Iterable[Any], transcript: Iterable[Any], **history: Any
) -> CaseInfo:
    """A case as a DTO, from its row (or the values of a new one) and those of its tasks and
    transcript, each in position order; `history` gives its notes, workflow and assessments
    (storage.cases.read)."""
    return from_row(
        CaseInfo,
        case,
        kind=CaseKind(case.kind),
        status=CaseStatus(case.status),
        record=dict(case.record),
        assessment=dict(case.assessment),
        stamp=DialogueStamp(case.dialogue_id, case.dialogue_version, case.dialogue_sha256),
        tasks=[from_row(TaskInfo, t, state=TaskState(t.state)) for t in tasks],
        transcript=[from_row(TranscriptItem, e) for e in transcript],
        **history,
    )


def case_summary(row: Any) -> CaseSummary:
    """A row of `case_list.SUMMARY_COLUMNS` (the level in force labelled `level`)."""
    return from_row(CaseSummary, row, kind=CaseKind(row.kind), status=CaseStatus(row.status))


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
        "research_sample": in_research_sample(new.record),
        "version": 1,
        "origin_district": str(new.record.get("origin_district") or ""),
        "open_questions": len(new.assessment.get("open_questions") or []),
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
    case: dict[str, Any],
    transcript: list[dict[str, Any]],
    tasks: list[dict[str, Any]],
    **history: Any,
) -> CaseInfo:
    """The DTO of a case just inserted from `new_case_values` (tasks with their ids)."""
    return case_info(
        SimpleNamespace(**case),
        [SimpleNamespace(**t) for t in tasks],
        [SimpleNamespace(**e) for e in transcript],
        **history,
    )
