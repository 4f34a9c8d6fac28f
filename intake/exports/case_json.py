"""The case as JSON for other systems (`"schema": "intake-case/1"`, docs/case-export.md).

The record and the assessment are embedded exactly as the spec fixes them (intake-record,
intake-assessment), so a reader of those formats reads them here unchanged; the rest is the
case's life after the visit. Letters are listed by their metadata only: the documents
themselves are exported one by one (`--format docx --letter KIND`).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from intake.exports.case_data import CaseDocument

CASE_SCHEMA = "intake-case/1"


def _when(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def case_json(doc: CaseDocument) -> dict[str, Any]:
    return {
        "schema": CASE_SCHEMA,
        "case": {
            "number": doc.number,
            "kind": doc.kind,
            "status": doc.status,
            "created_at": _when(doc.created_at),
            "created_by": doc.created_by,
            "assignee": doc.assignee,
            "level": doc.level,
            "level_override": doc.level_override,
            "override_reason": doc.override_reason,
            "urgency": doc.urgency,
            "language": doc.language,
        },
        "record": doc.record,
        "assessment": doc.assessment,
        "tasks": [
            {"code": t.code, "title": t.title, "due": _when(t.due),
             "not_before": _when(t.not_before), "basis": t.basis,
             "state": t.state, "done_on": _when(t.done_on),
             "done_at": _when(t.done_at), "done_by": t.done_by, "note": t.note}
            for t in doc.tasks
        ],
        "notes": [{"at": _when(n.at), "by": n.by, "text": n.text} for n in doc.notes],
        "transcript": [{"question": q, "answer": a} for q, a in doc.transcript],
        "letters": [
            {"kind": x.kind, "version": x.version, "created_at": _when(x.created_at),
             "created_by": x.created_by, "sent_on": _when(x.sent_on)}
            for x in doc.letters
        ],
        "history": [{"at": _when(h.at), "by": h.by, "what": h.text} for h in doc.history],
    }


def case_json_bytes(doc: CaseDocument) -> bytes:
    return (json.dumps(case_json(doc), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
