"""The audit log cannot be changed, even with SQL; purge removes due closed cases only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from storage.api import AuditAction, CaseStatus, NotFoundError, PermissionDenied, UserInfo
from storage.retention import due_for_removal, in_research_sample
from tests.storage.conftest import Clock, new_case


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_events SET username = 'someone'",
        "DELETE FROM audit_events",
        "DELETE FROM audit_events WHERE action = 'create'",
    ],
)
def test_audit_rows_cannot_be_changed_or_removed(
    repo: Any, reception: UserInfo, admin: UserInfo, statement: str
) -> None:
    case = repo.create_case(reception, new_case())
    with pytest.raises(DBAPIError, match="append-only"), repo.engine.begin() as conn:
        conn.execute(text(statement))
    assert [e.username for e in repo.audit_for_case(admin, case.number)] == ["anna"]


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)  # TRUNCATE: PostgreSQL only
def test_audit_table_cannot_be_truncated_on_postgresql(repo: Any, reception: UserInfo) -> None:
    repo.create_case(reception, new_case())
    with pytest.raises(DBAPIError, match="append-only"), repo.engine.begin() as conn:
        conn.execute(text("TRUNCATE audit_events"))


def _close(repo: Any, worker: UserInfo, number: str) -> None:
    repo.close_case(worker, number, "Avslutat")


def test_purge_removes_closed_cases_after_the_retention_period(
    repo: Any, clock: Clock, reception: UserInfo, worker: UserInfo, admin: UserInfo
) -> None:
    clock.now = dt.datetime(2020, 3, 1, 12, tzinfo=dt.UTC)
    old_closed = repo.create_case(reception, new_case())
    old_open = repo.create_case(reception, new_case())
    sampled = repo.create_case(
        reception, new_case(record={"person": {"personal_id": "19850315-1234"}})
    )
    draft_id = repo.save_draft(reception, None, new_case().stamp, "sv", [{"q": 1}])
    _close(repo, worker, old_closed.number)
    _close(repo, worker, sampled.number)
    clock.now = dt.datetime(2021, 2, 1, 12, tzinfo=dt.UTC)
    late_entry = repo.create_case(reception, new_case())
    _close(repo, worker, late_entry.number)

    clock.now = dt.datetime(2026, 1, 2, 9, tzinfo=dt.UTC)
    assert repo.purge(admin, today=dt.date(2025, 12, 31), apply=False) == []
    due = repo.purge(admin, today=dt.date(2026, 1, 1), apply=False)
    assert due == [old_closed.number]  # not the open one, the sampled one or the 2021 one
    assert repo.get_case(worker, old_closed.number).number == old_closed.number  # a dry run
    assert repo.purge(admin, today=dt.date(2026, 1, 1), apply=False, years=6) == []
    assert repo.purge(admin, today=dt.date(2026, 1, 1), apply=True) == [old_closed.number]
    with pytest.raises(NotFoundError):
        repo.get_case(worker, old_closed.number)
    assert repo.get_case(worker, old_open.number).status is CaseStatus.NEW
    assert repo.get_draft(reception, draft_id).events == [{"q": 1}]
    trail = repo.audit_for_case(admin, old_closed.number)
    assert trail[-1].action is AuditAction.DELETE and trail[-1].username == "it"
    assert trail[0].action is AuditAction.CREATE  # the history of the file stays
    with repo.engine.connect() as conn:
        for table in ("transcript_entries", "tasks", "case_changes"):
            orphans = conn.execute(
                text(f"SELECT count(*) FROM {table} WHERE case_id NOT IN (SELECT id FROM cases)")  # noqa: S608
            ).scalar_one()
            assert orphans == 0, table
    assert repo.purge(admin, today=dt.date(2026, 1, 1), apply=True) == []
    with pytest.raises(PermissionDenied):
        repo.purge(worker, today=dt.date(2026, 1, 1), apply=False)


def test_purge_drafts_left_unfinished_for_the_retention_period(
    repo: Any, clock: Clock, reception: UserInfo, admin: UserInfo
) -> None:
    stamp = new_case().stamp
    clock.now = dt.datetime(2020, 6, 1, 12, tzinfo=dt.UTC)
    old = repo.save_draft(reception, None, stamp, "sv", [{"q": 1}])
    kept_alive = repo.save_draft(reception, None, stamp, "sv", [{"q": 1}])
    clock.now = dt.datetime(2021, 6, 1, 12, tzinfo=dt.UTC)
    repo.save_draft(reception, kept_alive, stamp, "sv", [{"q": 1}, {"q": 2}])
    clock.now = dt.datetime(2026, 1, 2, 12, tzinfo=dt.UTC)
    today = dt.date(2026, 1, 2)
    assert repo.purge_drafts(admin, today=today, apply=False) == [old]
    assert len(repo.list_drafts(reception)) == 2
    assert repo.purge_drafts(admin, today=today, apply=True) == [old]
    assert [d.id for d in repo.list_drafts(reception)] == [kept_alive]
    trail = repo.audit_for_user(admin, "it")
    assert [(e.action, e.case_number) for e in trail] == [
        (AuditAction.PURGE, None),
        (AuditAction.DRAFT_DISCARD, None),
        (AuditAction.PURGE, None),
    ]
    assert [e.detail for e in trail if e.action is AuditAction.PURGE] == [
        "drafts: years=5 today=2026-01-02 apply=no found=1",
        "drafts: years=5 today=2026-01-02 apply=yes found=1",
    ]
    with pytest.raises(PermissionDenied):
        repo.purge_drafts(reception, today=today, apply=True)


def test_retention_rule() -> None:
    last = dt.datetime(2020, 12, 31, 12, tzinfo=dt.UTC)
    assert not due_for_removal(last, dt.date(2025, 12, 31), 5)
    assert due_for_removal(last, dt.date(2026, 1, 1), 5)
    assert in_research_sample({"person": {"personal_id": "850525-1234"}})
    assert in_research_sample({"person": {"personal_id": "19850365-1234"}})  # samordningsnr
    assert not in_research_sample({"person": {"personal_id": "19850316-1234"}})
    assert not in_research_sample({"person": {}})


@pytest.mark.parametrize(
    ("today", "years", "refused"),
    [
        (dt.date(2099, 1, 1), 5, "today"),  # a date in the future clears files early
        (dt.date(2026, 1, 2), 4, "years"),  # under the law's five years
        (dt.date(2026, 1, 2), 0, "years"),
    ],
)
def test_purge_parameters_are_bounded_by_the_law(
    repo: Any,
    clock: Clock,
    reception: UserInfo,
    worker: UserInfo,
    admin: UserInfo,
    today: dt.date,
    years: int,
    refused: str,
) -> None:
    clock.now = dt.datetime(2019, 3, 1, 12, tzinfo=dt.UTC)
    case = repo.create_case(reception, new_case())
    _close(repo, worker, case.number)
    clock.now = dt.datetime(2026, 1, 2, 12, tzinfo=dt.UTC)
    with pytest.raises(ValueError, match=refused):
        repo.purge(admin, today=today, apply=True, years=years)
    with pytest.raises(ValueError, match=refused):
        repo.purge_drafts(admin, today=today, apply=True, years=years)
    assert repo.get_case(worker, case.number).number == case.number  # nothing removed
    assert repo.purge(admin, today=dt.date(2026, 1, 2), apply=True) == [case.number]
    purges = [e for e in repo.audit_for_user(admin, "it") if e.action is AuditAction.PURGE]
    assert [e.detail for e in purges] == ["cases: years=5 today=2026-01-02 apply=yes found=1"]
