"""The repository contract on both engines: users, drafts, cases, roles, conflicts, tasks."""

from __future__ import annotations

import re
from typing import Any

import pytest

from storage.api import (
    AuditAction,
    CaseStatus,
    ConflictError,
    NotFoundError,
    PermissionDenied,
    Role,
    UserInfo,
)
from tests.storage.conftest import STAMP, new_case


def test_users_are_created_updated_and_listed(repo: Any) -> None:
    anna = repo.ensure_user("anna", "Anna", Role.RECEPTION)
    assert anna.role is Role.RECEPTION
    again = repo.ensure_user("anna", "Anna A.", Role.SOCIAL_WORKER)
    assert again.id == anna.id and again.display_name == "Anna A."
    assert repo.get_user("anna") == again
    assert repo.get_user("nobody") is None
    repo.ensure_user("bertil", "Bertil", Role.ADMIN)
    assert [u.username for u in repo.list_users()] == ["anna", "bertil"]
    with pytest.raises(ValueError):
        repo.ensure_user(" padded", "x", Role.ADMIN)


def test_draft_is_saved_resumed_listed_and_discarded(repo: Any, reception: UserInfo) -> None:
    events = [{"kind": "answered", "question_id": "q1", "raw": "ja", "value": "yes"}]
    draft_id = repo.save_draft(reception, None, STAMP, "sv", events)
    events.append({"kind": "answered", "question_id": "q2", "raw": "Åre", "value": "2321"})
    assert repo.save_draft(reception, draft_id, STAMP, "en", events) == draft_id
    draft = repo.get_draft(reception, draft_id)
    assert draft.events == events and draft.language == "en" and draft.stamp == STAMP
    assert draft.created_by == "anna" and draft.updated_at >= draft.created_at
    assert draft.created_at.tzinfo is not None
    assert [d.id for d in repo.list_drafts(reception)] == [draft_id]
    repo.discard_draft(reception, draft_id)
    assert repo.list_drafts(reception) == []
    with pytest.raises(NotFoundError):
        repo.get_draft(reception, draft_id)


def test_drafts_are_private_to_their_author(
    repo: Any, reception: UserInfo, worker: UserInfo, admin: UserInfo
) -> None:
    draft_id = repo.save_draft(reception, None, STAMP, "sv", [])
    assert repo.list_drafts(worker) == []
    with pytest.raises(NotFoundError):
        repo.get_draft(worker, draft_id)
    with pytest.raises(NotFoundError):
        repo.save_draft(worker, draft_id, STAMP, "sv", [{"x": 1}])
    with pytest.raises(PermissionDenied):
        repo.save_draft(admin, None, STAMP, "sv", [])
    assert repo.get_draft(reception, draft_id).events == []


def test_create_case_completes_the_draft(repo: Any, reception: UserInfo) -> None:
    draft_id = repo.save_draft(reception, None, STAMP, "sv", [{"q": 1}])
    case = repo.create_case(reception, new_case(draft_id=draft_id))
    assert re.fullmatch(r"\d{4}-0001", case.number)
    assert case.status is CaseStatus.NEW and case.created_by == "anna" and case.version == 1
    assert case.level == "possible" and case.effective_level == "possible"
    assert case.origin_code == "0180" and case.urgency == "soon"
    assert [t.code for t in case.tasks] == ["document_experience", "ordinary_intake"]
    assert case.tasks[1].due is not None and case.tasks[1].due.isoformat() == "2026-12-01"
    assert [(e.position, e.question, e.answer) for e in case.transcript] == [
        (1, "Vad heter du?", "Test Person"),
        (2, "Varifrån?", "Stockholm"),
    ]
    assert repo.list_drafts(reception) == []
    assert repo.get_case(reception, case.number) == case


def test_a_failed_case_insert_keeps_the_draft(
    repo: Any, reception: UserInfo, worker: UserInfo
) -> None:
    draft_id = repo.save_draft(reception, None, STAMP, "sv", [{"q": 1}])
    with pytest.raises(NotFoundError):  # someone else's draft: the whole insert is undone
        repo.create_case(worker, new_case(draft_id=draft_id))
    assert repo.list_cases(worker) == []
    assert repo.get_draft(reception, draft_id).events == [{"q": 1}]
    case = repo.create_case(reception, new_case(draft_id=draft_id))
    assert case.number.endswith("-0001")  # the failed attempt used no number


def test_case_numbers_count_up_per_year(repo: Any, reception: UserInfo, clock: Any) -> None:
    import datetime as dt

    clock.now = dt.datetime(2030, 6, 1, 12, tzinfo=dt.UTC)
    numbers = [repo.create_case(reception, new_case()).number for _ in range(3)]
    clock.now = dt.datetime(2031, 6, 1, 12, tzinfo=dt.UTC)
    numbers.append(repo.create_case(reception, new_case()).number)
    assert numbers == ["2030-0001", "2030-0002", "2030-0003", "2031-0001"]


def test_list_cases_filters_and_roles(
    repo: Any, reception: UserInfo, worker: UserInfo, admin: UserInfo
) -> None:
    other = repo.ensure_user("bo", "Bo", Role.RECEPTION)
    a = repo.create_case(reception, new_case("strong", "0180"))
    b = repo.create_case(reception, new_case("none", "1480"))
    c = repo.create_case(other, new_case("strong", None))
    repo.update_case(worker, b.number, b.version, {"status": "assigned", "assignee": "sven"})
    numbers = lambda cases: [x.number for x in cases]  # noqa: E731
    assert numbers(repo.list_cases(worker)) == [c.number, b.number, a.number]
    assert numbers(repo.list_cases(worker, level="strong")) == [c.number, a.number]
    assert numbers(repo.list_cases(worker, origin_code="1480")) == [b.number]
    assert numbers(repo.list_cases(worker, status=CaseStatus.ASSIGNED)) == [b.number]
    assert numbers(repo.list_cases(worker, status=CaseStatus.NEW, level="strong")) == [
        c.number,
        a.number,
    ]
    assert numbers(repo.list_cases(worker, limit=1)) == [c.number]
    assert numbers(repo.list_cases(reception)) == [b.number, a.number]  # only her own
    summary = repo.list_cases(worker, origin_code="1480")[0]
    assert summary.assignee == "sven" and summary.level == "none"
    with pytest.raises(PermissionDenied):
        repo.list_cases(admin)


def test_case_access_by_role(
    repo: Any, reception: UserInfo, worker: UserInfo, admin: UserInfo
) -> None:
    other = repo.ensure_user("bo", "Bo", Role.RECEPTION)
    case = repo.create_case(reception, new_case())
    assert repo.get_case(worker, case.number).number == case.number
    with pytest.raises(PermissionDenied):
        repo.get_case(other, case.number)
    with pytest.raises(PermissionDenied):
        repo.get_case(admin, case.number)
    with pytest.raises(PermissionDenied):
        repo.create_case(admin, new_case())
    with pytest.raises(PermissionDenied):
        repo.update_case(reception, case.number, case.version, {"status": "closed"})
    with pytest.raises(PermissionDenied):
        repo.complete_task(reception, case.number, case.tasks[0].id)
    with pytest.raises(NotFoundError):
        repo.get_case(worker, "1999-0001")
    ghost = UserInfo(id=999, username="ghost", display_name="G", role=Role.SOCIAL_WORKER)
    with pytest.raises(PermissionDenied):
        repo.get_case(ghost, case.number)
    # A DTO claiming a stronger role than the database grants nothing.
    forged = UserInfo(id=other.id, username="bo", display_name="Bo", role=Role.SOCIAL_WORKER)
    with pytest.raises(PermissionDenied):
        repo.update_case(forged, case.number, case.version, {"status": "closed"})


def test_update_keeps_history_and_override_needs_a_reason(
    repo: Any, reception: UserInfo, worker: UserInfo
) -> None:
    case = repo.create_case(reception, new_case("possible"))
    with pytest.raises(ValueError, match="override_reason"):
        repo.update_case(worker, case.number, case.version, {"level_override": "strong"})
    with pytest.raises(ValueError, match="unknown field"):
        repo.update_case(worker, case.number, case.version, {"level": "strong"})
    with pytest.raises(ValueError, match="assignee"):
        repo.update_case(worker, case.number, case.version, {"assignee": "anna"})
    updated = repo.update_case(
        worker,
        case.number,
        case.version,
        {"level_override": "strong", "override_reason": "uppgift från Stockholm", "notes": "n1"},
    )
    assert updated.version == case.version + 1
    assert updated.level == "possible" and updated.effective_level == "strong"
    assert updated.record["notes"] == "n1"
    same = repo.update_case(worker, case.number, updated.version, {"notes": "n1"})
    assert same.version == updated.version  # nothing changed, nothing written
    assert [s.level for s in repo.list_cases(worker, level="strong")] == ["strong"]
    from sqlalchemy import select

    from storage.schema import case_changes as ch

    with repo.engine.connect() as conn:
        rows = conn.execute(
            select(ch.c.field, ch.c.old_value, ch.c.new_value).order_by(ch.c.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("level_override", None, "strong"),
        ("override_reason", "", "uppgift från Stockholm"),
        ("notes", "", "n1"),
    ]


def test_second_save_gets_a_conflict_and_loses_nothing(
    repo: Any, reception: UserInfo, worker: UserInfo
) -> None:
    repo.ensure_user("karin", "Karin", Role.SOCIAL_WORKER)
    case = repo.create_case(reception, new_case())
    first = repo.update_case(
        worker, case.number, case.version, {"assignee": "sven", "status": "assigned"}
    )
    mine = {"assignee": "karin", "override_reason": "min anteckning"}
    with pytest.raises(ConflictError) as caught:
        repo.update_case(worker, case.number, case.version, mine)
    assert caught.value.theirs.version == first.version
    assert caught.value.theirs.assignee == "sven"
    assert caught.value.changed == ["assignee", "status"]
    assert mine == {"assignee": "karin", "override_reason": "min anteckning"}
    retried = repo.update_case(worker, case.number, caught.value.theirs.version, mine)
    assert retried.assignee == "karin" and retried.status is CaseStatus.ASSIGNED
    assert retried.override_reason == "min anteckning"


def test_complete_task(repo: Any, reception: UserInfo, worker: UserInfo) -> None:
    case = repo.create_case(reception, new_case())
    task = case.tasks[0]
    done = repo.complete_task(worker, case.number, task.id, note="klart")
    done_task = next(t for t in done.tasks if t.id == task.id)
    assert done_task.done_by == "sven" and done_task.note == "klart"
    assert done_task.done_at is not None
    assert done.version == case.version  # no conflict with a parallel field update
    again = repo.complete_task(worker, case.number, task.id, note="ignored")
    assert next(t for t in again.tasks if t.id == task.id).note == "klart"
    with pytest.raises(NotFoundError):
        repo.complete_task(worker, case.number, 10_000)


def test_actions_are_audited_without_content(
    repo: Any, reception: UserInfo, worker: UserInfo, admin: UserInfo
) -> None:
    case = repo.create_case(reception, new_case())
    repo.get_case(worker, case.number)
    repo.update_case(worker, case.number, case.version, {"status": "assigned", "assignee": "sven"})
    repo.record_audit(worker, AuditAction.PRINT, case.number)
    repo.record_audit(worker, AuditAction.EXPORT, case.number)
    trail = repo.audit_for_case(admin, case.number)
    assert [(e.username, e.action) for e in trail] == [
        ("anna", AuditAction.CREATE),
        ("sven", AuditAction.VIEW),
        ("sven", AuditAction.UPDATE),
        ("sven", AuditAction.PRINT),
        ("sven", AuditAction.EXPORT),
    ]
    assert all(e.at.tzinfo is not None for e in trail)
    assert [e.case_number for e in repo.audit_for_user(admin, "sven")] == [case.number] * 4
    with pytest.raises(PermissionDenied):
        repo.audit_for_case(worker, case.number)
    with pytest.raises(PermissionDenied):
        repo.audit_for_user(reception, "sven")


# SQLite serialises writers at BEGIN IMMEDIATE, so this race exists on PostgreSQL only.
@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_save_racing_between_read_and_write_is_a_conflict(
    repo: Any, reception: UserInfo, worker: UserInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two saves that both passed the version check: the database's version check (the
    UPDATE ... WHERE version = n, row count 1) catches the second."""
    from sqlalchemy import text

    import storage.changes as module

    case = repo.create_case(reception, new_case())
    real_apply = module.new_values

    def racing_apply(*args: Any) -> Any:
        with repo.engine.begin() as other:  # another desk saves in between
            other.execute(
                text("UPDATE cases SET version = version + 1, status = 'closed' WHERE number = :n"),
                {"n": case.number},
            )
        return real_apply(*args)

    monkeypatch.setattr(module, "new_values", racing_apply)
    with pytest.raises(ConflictError) as caught:
        repo.update_case(worker, case.number, case.version, {"status": "assigned"})
    assert caught.value.theirs.status is CaseStatus.CLOSED
    assert caught.value.theirs.version == case.version + 1
