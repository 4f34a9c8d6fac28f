"""Letters kept with their case: each one made is a new version beside the earlier ones, with
who made it and when; recording one as sent is the workflow step it carries out (the core's
`SENT_STEP`), on the day it was sent, so the IVO not-before date follows the real day.

The content is the finished .docx (intake/exports); reading it back is an export and is
audited as one. Every function runs in the caller's transaction with the actor checked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select, update

from intake.core.letters import SENT_STEP
from storage import audit, convert
from storage.access import case_row
from storage.api import AuditAction, CaseInfo, LetterInfo, NotFoundError
from storage.cases import read
from storage.casework import _open_case, record_step
from storage.schema import case_letters

Clock = audit.Clock


def save_letter(
    conn: Connection, clock: Clock, actor: Row[Any], number: str, kind: str, content: bytes
) -> LetterInfo:
    """Keep `content` as the next version of this kind of letter; audited as an export (the
    caller writes the same bytes to a file)."""
    if kind not in SENT_STEP:
        raise ValueError(f"kind: one of {', '.join(SENT_STEP)}")
    case = _open_case(conn, number)
    version = conn.execute(
        select(func.coalesce(func.max(case_letters.c.version), 0)).where(
            case_letters.c.case_id == case.id, case_letters.c.kind == kind
        )
    ).scalar_one() + 1
    values = {"case_id": case.id, "kind": kind, "version": version, "created_at": clock(),
              "created_by": actor.username, "content": content}
    letter_id = conn.execute(
        insert(case_letters).values(**values).returning(case_letters.c.id)
    ).scalar_one()
    audit.write(conn, actor.username, AuditAction.EXPORT, case.number)
    return LetterInfo(id=letter_id, kind=kind, version=version, created_at=values["created_at"],
                      created_by=actor.username)


def _letter(conn: Connection, case_id: int, letter_id: int) -> Row[Any]:
    row = conn.execute(
        select(case_letters).where(case_letters.c.id == letter_id,
                                   case_letters.c.case_id == case_id)
    ).first()
    if row is None:
        raise NotFoundError("no such letter in this case")
    return row


def letter_content(
    conn: Connection, clock: Clock, actor: Row[Any], number: str, letter_id: int
) -> tuple[LetterInfo, bytes]:
    """A stored letter and its .docx bytes; audited as an export."""
    case = case_row(conn, number)
    row = _letter(conn, case.id, letter_id)
    audit.write(conn, actor.username, AuditAction.EXPORT, case.number)
    return convert.from_row(LetterInfo, row), bytes(row.content)


def mark_sent(
    conn: Connection, clock: Clock, actor: Row[Any], number: str, letter_id: int, on: dt.date
) -> CaseInfo:
    """The letter was sent on `on`: its workflow step is recorded on that day (refused where
    the workflow does not allow it), and the letter carries the date."""
    case = _open_case(conn, number)
    row = _letter(conn, case.id, letter_id)
    record_step(conn, clock, actor, number, SENT_STEP[row.kind], on)
    conn.execute(update(case_letters).where(case_letters.c.id == letter_id).values(sent_on=on))
    return read(conn, case_row(conn, number))
