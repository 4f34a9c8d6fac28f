"""Changes to a created case: a small whitelist, validated, and each kept as a `CaseChange`
row beside the old value (a correction is a new entry, never a silent overwrite)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.api import CaseStatus, Role
from storage.models import Case, CaseChange, User
from storage.newcase import check_override  # the rule a new case is held to, too

UPDATABLE = ("status", "assignee", "level_override", "override_reason", "notes")


def check_fields(changes: dict[str, Any]) -> None:
    unknown = sorted(set(changes) - set(UPDATABLE))
    if unknown:
        raise ValueError(f"changes: unknown field(s) {', '.join(unknown)}")


def apply_changes(
    session: Session, actor: User, case: Case, changes: dict[str, Any], now: dt.datetime
) -> list[str]:
    """Apply `changes` to `case` and record them; returns the fields that really changed.
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
    if "assignee" in changes:
        assignee = changes["assignee"]
        if assignee is not None:
            row = session.scalar(select(User).where(User.username == str(assignee)))
            if row is None or Role(row.role) is not Role.SOCIAL_WORKER:
                raise ValueError("assignee: the username of a social worker, or None")
        new["assignee"] = assignee
    for key in ("level_override", "override_reason", "notes"):
        if key in changes:
            new[key] = changes[key]
    new["override_reason"] = str(new["override_reason"] or "")
    new["notes"] = str(new["notes"] or "")
    check_override(new["level_override"], new["override_reason"])
    touched = [key for key in UPDATABLE if new[key] != old[key]]
    if not touched:
        return []
    case.status, case.assignee = new["status"], new["assignee"]
    case.level_override, case.override_reason = new["level_override"], new["override_reason"]
    case.effective_level = case.level_override or case.level
    if "notes" in touched:
        case.record = {**case.record, "notes": new["notes"]}
    case.last_entry_at = now
    for key in touched:
        session.add(
            CaseChange(
                case_id=case.id,
                at=now,
                username=actor.username,
                field=key,
                old_value=old[key],
                new_value=new[key],
                version=case.version + 1,  # the version this flush will write
            )
        )
    return touched


def changed_since(session: Session, case: Case, version: int) -> list[str]:
    """The fields changed by saves after `version`: what a conflicting caller missed."""
    fields = session.scalars(
        select(CaseChange.field)
        .where(CaseChange.case_id == case.id, CaseChange.version > version)
        .distinct()
    )
    return sorted(fields)
