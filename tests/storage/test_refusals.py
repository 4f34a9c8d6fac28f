"""Refusals and the audit clock, on both engines (issue 18.5): a refusal is audited with who,
which case and why, and its row survives the rollback of the refused transaction; an audit
row's time is the database's, whatever the app's clock says and whatever a client sends,
through the repository's own session or a raw one. (PostgreSQL with real login roles, where
row-level security hides the case: tests/storage/test_pg_roles.py.)"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

import psycopg
import pytest
from sqlalchemy import insert, update

from storage import audit
from storage.access import EVERYONE, refuse
from storage.api import AuditAction, AuditQuery, PermissionDenied, UserInfo, WorkflowRefused
from storage.schema import audit_events, cases
from tests.storage.conftest import Clock, new_case

BACKDATED = dt.datetime(2001, 2, 3, 4, 5, 6, tzinfo=dt.UTC)


def test_reception_is_refused_anothers_case_and_the_refusal_is_audited(
    repo: Any, reception: UserInfo, worker: UserInfo, admin: UserInfo
) -> None:
    theirs = repo.create_case(worker, new_case())
    with pytest.raises(PermissionDenied) as refused:
        repo.get_case(reception, theirs.number)
    assert refused.value.code == "reception_others_cases"
    (row,) = repo.audit_entries(admin, AuditQuery(action=AuditAction.REFUSED))
    assert (row.username, row.case_number, row.detail) == (
        "anna",
        theirs.number,
        "get_case: reception_others_cases",
    )


def test_a_refusals_audit_row_survives_the_rollback_of_the_refused_work(
    repo: Any, reception: UserInfo, worker: UserInfo, admin: UserInfo
) -> None:
    case = repo.create_case(worker, new_case())

    def work(conn: Any, actor: Any) -> None:  # writes, then is refused: all of it undone
        conn.execute(update(cases).where(cases.c.number == case.number).values(status="closed"))
        audit.write(conn, actor.username, AuditAction.VIEW, case.number)
        refuse("role")

    with pytest.raises(PermissionDenied):
        repo._writing(repo._as(reception, EVERYONE, work, case.number))
    trail = [(e.username, e.action, e.detail) for e in repo.audit_for_case(admin, case.number)]
    assert trail == [
        ("sven", AuditAction.CREATE, ""),
        ("anna", AuditAction.REFUSED, f"{work.__qualname__.split('.')[0]}: role"),
    ]
    assert repo.get_case(worker, case.number).status == case.status


def _raw_insert(url: str, at: str) -> None:
    """An INSERT with a client-chosen time, through the driver, past the repository."""
    sql = "INSERT INTO audit_events (at, username, action) VALUES ('{at}', 'raw', 'view')"
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            conn.execute(sql.format(at=at))
        return
    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(dsn) as pg:
        pg.execute(sql.format(at=at))  # type: ignore[call-overload]


def test_audit_time_is_the_database_clock_whatever_the_client_sends(
    migrated_url: str, repo: Any, clock: Clock, admin: UserInfo
) -> None:
    clock.now = BACKDATED  # the app's clock, wrong or set back
    repo.ensure_user("anna", "Anna", "reception")  # audited as user_add
    with repo.engine.begin() as conn:  # the repository's own session, a time of its own
        conn.execute(
            insert(audit_events).values(at=BACKDATED, username="it", action="view", detail="s")
        )
    _raw_insert(migrated_url, "2001-02-03 04:05:06")
    rows = repo.audit_entries(admin, AuditQuery())
    assert [e.action for e in rows][-3:] == [
        AuditAction.USER_ADD,
        AuditAction.VIEW,
        AuditAction.VIEW,
    ]
    now = dt.datetime.now(dt.UTC)
    assert all(abs(e.at - now) < dt.timedelta(minutes=5) for e in rows), rows
    assert all(e.at.tzinfo is not None for e in rows)


def test_a_refused_case_change_is_audited_in_the_name_of_the_repository_method(
    repo: Any, reception: UserInfo, worker: UserInfo, admin: UserInfo
) -> None:
    case = repo.create_case(reception, new_case())
    with pytest.raises(PermissionDenied):
        repo.add_note(reception, case.number, "x")  # by role
    with pytest.raises(WorkflowRefused):
        repo.close_case(worker, case.number, "")  # by the workflow's rules
    with pytest.raises(WorkflowRefused):
        repo.annul_case(worker, case.number, " ")
    refusals = repo.audit_entries(admin, AuditQuery(action=AuditAction.REFUSED))
    assert [(e.username, e.case_number, e.detail) for e in refusals] == [
        ("anna", case.number, "add_note: reception_read_only"),
        ("sven", case.number, "close_case: reason_required"),
        ("sven", case.number, "annul_case: reason_required"),
    ]
