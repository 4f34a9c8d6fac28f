"""The audit log (logguppföljning): the one writer of `audit_events` and its queries.

A row names who, when, what and which case number: never personal data. It is written in
the same transaction as the action it records, so an action and its audit row commit or
fail together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, Connection, insert, select

from storage.api import AuditAction, AuditEntry
from storage.schema import audit_events

Clock = Callable[[], dt.datetime]


def write(
    conn: Connection,
    clock: Clock,
    username: str,
    action: AuditAction,
    number: str | None,
    detail: str | None = None,
) -> None:
    """The one place an audit row is written. `detail`: what else the row needs to be
    understood (a purge's parameters, a role change, what was refused): never personal data."""
    conn.execute(
        insert(audit_events).values(
            at=clock(),
            username=username,
            action=AuditAction(action).value,
            case_number=number,
            detail=None if detail is None else detail[:200],
        )
    )


def entries(conn: Connection, condition: ColumnElement[Any]) -> list[AuditEntry]:
    rows = conn.execute(
        select(audit_events).where(condition).order_by(audit_events.c.at, audit_events.c.id)
    )
    return [
        AuditEntry(
            at=r.at,
            username=r.username,
            action=AuditAction(r.action),
            case_number=r.case_number,
            detail=r.detail or "",
        )
        for r in rows
    ]


def for_case(conn: Connection, number: str) -> list[AuditEntry]:
    return entries(conn, audit_events.c.case_number == number)


def for_user(conn: Connection, username: str) -> list[AuditEntry]:
    return entries(conn, audit_events.c.username == username)
