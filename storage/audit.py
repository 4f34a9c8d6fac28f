"""The audit log (logguppföljning): the one writer of `audit_events` and its queries.

A row names who, when, what and which case number: never personal data. It is written in
the same transaction as the action it records, so an action and its audit row commit or
fail together; a refusal, whose transaction is rolled back, is written after it in a short
transaction of its own (`storage.repository.SqlRepository._audit_refused`).

The time is the database's: the repository sends none, and a trigger on each engine
(migration 0008) sets it to the database's clock whatever a client sends, so neither the
app's clock nor a raw INSERT can backdate a row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, insert, select, true

from storage.api import AuditAction, AuditEntry, AuditQuery
from storage.schema import audit_events

Clock = Callable[[], dt.datetime]


def write(
    conn: Connection,
    username: str,
    action: AuditAction,
    number: str | None,
    detail: str | None = None,
) -> None:
    """The one place an audit row is written; its time is set by the database (see above).
    `detail`: what else the row needs to be understood (a purge's parameters, a role change,
    what was refused): never personal data."""
    conn.execute(
        insert(audit_events).values(
            username=username,
            action=AuditAction(action).value,
            case_number=number,
            detail=None if detail is None else detail[:200],
        )
    )


def entries(
    conn: Connection, condition: ColumnElement[Any], limit: int = 100_000, offset: int = 0
) -> list[AuditEntry]:
    rows = conn.execute(
        select(audit_events)
        .where(condition)
        .order_by(audit_events.c.at, audit_events.c.id)
        .limit(limit)
        .offset(offset)
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


def matching(conn: Connection, query: AuditQuery) -> list[AuditEntry]:
    return entries(conn, _condition(query), query.limit, query.offset)


def count(conn: Connection, query: AuditQuery) -> int:
    """How many rows `matching` would give without its limit and offset."""
    counted = select(func.count()).select_from(audit_events).where(_condition(query))
    return int(conn.execute(counted).scalar_one())


def _condition(query: AuditQuery) -> ColumnElement[Any]:
    c = audit_events.c
    conditions: list[ColumnElement[Any]] = []
    if query.case_number is not None:
        conditions.append(c.case_number == query.case_number)
    if query.username is not None:
        conditions.append(c.username == query.username)
    if query.action is not None:
        conditions.append(c.action == AuditAction(query.action).value)
    if query.day is not None:
        start = dt.datetime.combine(query.day, dt.time(), dt.UTC)
        conditions += [c.at >= start, c.at < start + dt.timedelta(days=1)]
    if query.since is not None:
        conditions.append(c.at >= dt.datetime.combine(query.since, dt.time(), dt.UTC))
    return and_(true(), *conditions)
