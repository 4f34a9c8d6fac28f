"""The case as the exports see it: plain data gathered once from storage, so that the PDF and
the JSON export show the same things and can be tested without a database.

`from_case_info` reads the storage DTO (`storage.api.CaseInfo`), so an export never reaches
into the repository itself: what it shows is what the caller was allowed to read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storage.api import LetterInfo


@dataclass(frozen=True, slots=True)
class TaskLine:
    code: str
    title: str
    due: dt.date | None
    basis: str
    not_before: dt.date | None = None
    done_at: dt.datetime | None = None
    done_by: str | None = None
    note: str = ""
    state: str = "open"  # open | done | not_applicable | withdrawn (storage.api.TaskState)
    done_on: dt.date | None = None  # the day it was really done


@dataclass(frozen=True, slots=True)
class SignedLine:
    """A dated line and who wrote or did it: a journal note, or a step of the case's history."""

    at: dt.datetime
    by: str
    text: str


@dataclass(frozen=True, slots=True)
class CaseDocument:
    number: str
    kind: str
    status: str
    created_at: dt.datetime
    created_by: str
    assignee: str | None
    level: str
    level_override: str | None
    override_reason: str
    urgency: str
    record: dict[str, Any]
    assessment: dict[str, Any]
    language: str = "sv"
    tasks: list[TaskLine] = field(default_factory=list)
    notes: list[SignedLine] = field(default_factory=list)
    transcript: list[tuple[str, str]] = field(default_factory=list)  # (question, answer)
    letters: list[LetterInfo] = field(default_factory=list)  # as stored; no content
    history: list[SignedLine] = field(default_factory=list)

    @property
    def effective_level(self) -> str:
        return self.level_override or self.level


_STEPS_SV = {
    "assign": "tilldelat", "origin_contacted": "ursprungskommunen kontaktad",
    "transfer_request_sent": "begäran om flytt av ärende skickad",
    "ivo_application_sent": "ansökan till IVO skickad", "close": "avslutat",
    "annul": "makulerat",
}


def _history(case: Any) -> list[SignedLine]:
    """The workflow steps and the reassessments, oldest first (Swedish, as the PDF's body)."""
    lines = [
        SignedLine(e.at, e.by, f"{_STEPS_SV.get(str(e.step), str(e.step))} {e.on.isoformat()}"
                    + (f": {e.note}" if e.note else ""))
        for e in getattr(case, "workflow", [])
    ]
    for revision in getattr(case, "assessments", [])[1:]:
        lines.append(SignedLine(revision.at, revision.by,
                                 f"ny bedömning ({revision.level}): {revision.reason}"))
    return sorted(lines, key=lambda line: line.at)


def from_case_info(case: Any) -> CaseDocument:
    """Build from storage.api.CaseInfo (typed loosely: exports do not import storage)."""
    tasks = [
        TaskLine(code=t.code, title=t.title, due=t.due, basis=t.basis,
                 not_before=getattr(t, "not_before", None), done_at=t.done_at,
                 done_by=t.done_by, note=t.note, state=str(getattr(t, "state", "open")),
                 done_on=getattr(t, "done_on", None))
        for t in case.tasks
    ]
    return CaseDocument(
        number=case.number, kind=str(case.kind), status=str(case.status),
        created_at=case.created_at, created_by=case.created_by, assignee=case.assignee,
        level=case.level, level_override=case.level_override,
        override_reason=case.override_reason, urgency=case.urgency, record=case.record,
        assessment=case.assessment, language=case.language, tasks=tasks,
        notes=[SignedLine(n.at, n.author, n.text) for n in getattr(case, "notes", [])],
        transcript=[(item.question, item.answer) for item in case.transcript],
        letters=list(getattr(case, "letters", [])),
        history=_history(case),
    )
