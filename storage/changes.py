"""Changes to a created case: a small whitelist, validated, and each kept as a `case_changes`
row beside the old value (a correction is a new entry, never a silent overwrite)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Row, insert, select

from intake.core.workflow import WorkflowRefused
from storage.access import find_user
from storage.api import CaseStatus, Role
from storage.schema import case_changes

LEVELS = ("strong", "possible", "none", "not_applicable")
# Statuses `update_case` may set; every later one is reached through the workflow.
BY_UPDATE = (CaseStatus.NEW.value, CaseStatus.ASSIGNED.value)
UPDATABLE = ("status", "assignee", "level_override", "override_reason", "notes")


def check_level(level: str) -> None:
    if level not in LEVELS:
        raise ValueError("assessment.level: one of " + ", ".join(LEVELS))


def check_override(level_override: str | None, reason: str) -> None:
    """The rule a new case and every change are held to."""
    if level_override is not None and level_override not in LEVELS:
        raise ValueError("level_override: one of " + ", ".join(LEVELS) + ", or None")
    if level_override is not None and not reason.strip():
        raise ValueError("override_reason: a level override needs a reason")


def check_fields(changes: dict[str, Any]) -> None:
    unknown = sorted(set(changes) - set(UPDATABLE))
    if unknown:
        raise ValueError(f"changes: unknown field(s) {', '.join(unknown)}")


def new_values(
    conn: Connection, case: Row[Any], changes: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(old, new) values of the updatable fields once `changes` are applied to `case`.
    Notes live in the record (`notes`), so that the record stays the one account of the case."""
    old = {
        "status": case.status,
        "assignee": case.assignee,
        "level_override": case.level_override,
        "override_reason": case.override_reason,
        "notes": case.record.get("notes", ""),
    }
    new = dict(old)
    if "status" in changes:
        new["status"] = CaseStatus(changes["status"]).value
        if new["status"] != old["status"] and new["status"] not in BY_UPDATE:
            # the rest of the way is the workflow's (storage.casework): its rules and dates
            raise WorkflowRefused("status_by_workflow")
    if "assignee" in changes:
        assignee = changes["assignee"]
        if assignee is not None:
            row = find_user(conn, str(assignee))
            if row is None or Role(row.role) is not Role.SOCIAL_WORKER:
                raise ValueError("assignee: the username of a social worker, or None")
        new["assignee"] = assignee
    for key in ("level_override", "override_reason", "notes"):
        if key in changes:
            new[key] = changes[key]
    new["override_reason"] = str(new["override_reason"] or "")
    new["notes"] = str(new["notes"] or "")
    check_override(new["level_override"], new["override_reason"])
    return old, new


def case_values(case: Row[Any], new: dict[str, Any], touched: list[str]) -> dict[str, Any]:
    """The columns of `cases` to write for the changed fields `touched`."""
    values = {key: new[key] for key in touched if key != "notes"}
    values["effective_level"] = new["level_override"] or case.level
    if "notes" in touched:
        values["record"] = {**case.record, "notes": new["notes"]}
    return values


def record(
    conn: Connection,
    case_id: int,
    username: str,
    at: dt.datetime,
    version: int,
    entries: list[tuple[str, Any, Any]],
) -> None:
    """Keep each (field, old, new) of a change; `version` is the one the change produced."""
    conn.execute(
        insert(case_changes),
        [
            {
                "case_id": case_id,
                "at": at,
                "username": username,
                "field": field,
                "old_value": old,
                "new_value": new,
                "version": version,
            }
            for field, old, new in entries
        ],
    )


def changed_since(conn: Connection, case_id: int, version: int) -> list[str]:
    """The fields changed by saves after `version`: what a conflicting caller missed."""
    fields = conn.execute(
        select(case_changes.c.field)
        .where(case_changes.c.case_id == case_id, case_changes.c.version > version)
        .distinct()
    ).scalars()
    return sorted(fields)
