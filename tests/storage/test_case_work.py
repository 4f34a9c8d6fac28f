"""Case work on both engines: the list's filters, sort, search and paging; the checklist, the
journal, assignment, the workflow with its rules and dates, reassessment, annulment, drafts
handed over; roles enforced and every refusal audited."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from intake.core.workflow import WorkflowRefused, WorkflowStep
from storage.api import (
    AuditAction,
    CaseQuery,
    CaseSort,
    CaseStatus,
    NewCase,
    PermissionDenied,
    Reassessment,
    TaskState,
    UserInfo,
)
from tests.storage.conftest import STAMP, new_case


def transfer_case(**assessment_changes: Any) -> NewCase:
    """A suspected case whose plan holds the transfer request and the IVO application."""
    case = new_case("strong")
    steps = [
        {"code": "contact_origin_municipality", "title": "Kontakta", "due": "2026-11-24"},
        {"code": "request_case_transfer", "title": "Begär överflyttning", "due": "2026-12-10"},
        {"code": "apply_ivo_transfer", "title": "Ansök hos IVO", "due": None, "not_before": None},
        {"code": "ordinary_intake", "title": "Fortsätt", "due": None},
    ]
    questions = [
        {
            "field": "move.paid_after_ordinary_assessment",
            "question": "Prövning?",
            "could_raise_to": "strong",
        }
    ]
    assessment = {
        **case.assessment,
        "next_steps": steps,
        "open_questions": questions,
        "rules": {"version": "2026-11", "sha256": "x"},
        **assessment_changes,
    }
    record = {**case.record, "origin_district": "Farsta"}
    return dataclasses.replace(case, assessment=assessment, record=record)


def numbers(page: Any) -> list[str]:
    return [row.number for row in page.rows]


def refusals(repo: Any, admin: UserInfo, username: str) -> int:
    return sum(e.action is AuditAction.REFUSED for e in repo.audit_for_user(admin, username))


def test_the_list_filters_sorts_searches_and_counts_in_sql(
    repo: Any, reception: UserInfo, worker: UserInfo
) -> None:
    a = repo.create_case(reception, new_case("strong", "0180"))
    b = repo.create_case(reception, new_case("possible", "1480"))
    c = repo.create_case(reception, transfer_case())
    repo.assign_case(worker, b.number, "sven")
    everything = repo.find_cases(worker, CaseQuery(sort=CaseSort.NUMBER, descending=False))
    assert numbers(everything) == [a.number, b.number, c.number] and everything.total == 3
    assert numbers(repo.find_cases(worker, CaseQuery(mine=True))) == [b.number]
    assert numbers(
        repo.find_cases(worker, CaseQuery(unassigned=True, sort=CaseSort.NUMBER, descending=False))
    ) == [a.number, c.number]
    assert numbers(repo.find_cases(worker, CaseQuery(level="possible"))) == [b.number]
    assert numbers(repo.find_cases(worker, CaseQuery(open_questions=True))) == [c.number]
    overdue = CaseQuery(overdue=True, today=dt.date(2026, 11, 30))
    assert numbers(repo.find_cases(worker, overdue)) == [c.number]  # due 2026-11-24
    # search: the number, the origin's name (folded), the district, a note's text
    assert numbers(repo.find_cases(worker, CaseQuery(text="goteborg"))) == [b.number]
    assert numbers(repo.find_cases(worker, CaseQuery(text="farsta"))) == [c.number]
    repo.add_note(worker, a.number, "Ringde socialtjänsten i Stockholm om hyran")
    assert numbers(repo.find_cases(worker, CaseQuery(text="HYRAN"))) == [a.number]
    assert numbers(repo.find_cases(worker, CaseQuery(text=a.number))) == [a.number]
    page = repo.find_cases(worker, CaseQuery(sort=CaseSort.NUMBER, offset=1, limit=1))
    assert numbers(page) == [b.number] and page.total == 3 and page.offset == 1
    by_due = repo.find_cases(worker, CaseQuery(sort=CaseSort.NEXT_DUE, descending=False))
    assert by_due.rows[0].number == c.number and by_due.rows[0].next_due == dt.date(2026, 11, 24)
    summary = next(r for r in by_due.rows if r.number == c.number)
    assert summary.origin_district == "Farsta" and summary.open_questions == 1


def test_reception_lists_only_its_own_cases_and_is_refused_others_with_an_audit(
    repo: Any, reception: UserInfo, worker: UserInfo, admin: UserInfo
) -> None:
    mine = repo.create_case(reception, new_case())
    theirs = repo.create_case(worker, new_case())
    assert numbers(repo.find_cases(reception, CaseQuery(mine=True))) == [mine.number]
    with pytest.raises(PermissionDenied) as caught:
        repo.find_cases(reception, CaseQuery())
    assert caught.value.code == "reception_others_cases"
    assert "Mottagningen" in caught.value.message("sv")
    with pytest.raises(PermissionDenied):
        repo.get_case(reception, theirs.number)
    with pytest.raises(PermissionDenied) as changed:
        repo.add_note(reception, mine.number, "x")
    assert changed.value.code == "reception_read_only"
    with pytest.raises(PermissionDenied) as content:
        repo.get_case(admin, mine.number)
    assert content.value.code == "admin_no_content"
    assert refusals(repo, admin, "anna") == 3
    assert refusals(repo, admin, "it") == 1


def test_steps_done_and_not_applicable_keep_their_dates_and_reasons(
    repo: Any, reception: UserInfo, worker: UserInfo
) -> None:
    case = repo.create_case(reception, transfer_case())
    first, *_, last = case.tasks
    done = repo.complete_task(worker, case.number, last.id, "klart", done_on=dt.date(2026, 11, 20))
    task = done.tasks[-1]
    assert task.state is TaskState.DONE and task.done_on == dt.date(2026, 11, 20)
    assert task.note == "klart" and task.done_by == "sven"
    with pytest.raises(WorkflowRefused):
        repo.mark_task_not_applicable(worker, case.number, first.id, " ")
    skipped = repo.mark_task_not_applicable(worker, case.number, first.id, "Redan gjort")
    assert skipped.tasks[0].state is TaskState.NOT_APPLICABLE
    assert skipped.tasks[0].note == "Redan gjort"


def test_the_workflow_is_enforced_and_the_ivo_date_follows_the_request(
    repo: Any, reception: UserInfo, worker: UserInfo, admin: UserInfo
) -> None:
    case = repo.create_case(reception, transfer_case())
    assert case.status is CaseStatus.NEW
    case = repo.assign_case(worker, case.number, "sven")
    assert case.status is CaseStatus.ASSIGNED and case.assignee == "sven"
    ivo = next(t for t in case.tasks if t.code == "apply_ivo_transfer")
    with pytest.raises(WorkflowRefused) as early:
        repo.complete_task(worker, case.number, ivo.id)
    assert early.value.code == "ivo_before_request"
    request = next(t for t in case.tasks if t.code == "request_case_transfer")
    sent = dt.date(2026, 11, 2)
    case = repo.complete_task(worker, case.number, request.id, "", done_on=sent)
    assert case.status is CaseStatus.TRANSFER_REQUESTED
    assert case.step_date(WorkflowStep.TRANSFER_REQUEST_SENT) == sent
    ivo = next(t for t in case.tasks if t.code == "apply_ivo_transfer")
    assert ivo.not_before == dt.date(2026, 12, 2) and ivo.due is None
    case = repo.complete_task(worker, case.number, ivo.id)
    assert case.status is CaseStatus.IVO_APPLIED
    with pytest.raises(WorkflowRefused) as no_reason:
        repo.close_case(worker, case.number, "")
    assert no_reason.value.code == "reason_required"
    closed = repo.close_case(worker, case.number, "Överflyttat efter IVO:s beslut")
    assert closed.status is CaseStatus.CLOSED
    assert closed.closed_reason == "Överflyttat efter IVO:s beslut"
    with pytest.raises(WorkflowRefused):
        repo.assign_case(worker, case.number, None)
    assert refusals(repo, admin, "sven") == 3
    assert [e.step for e in closed.workflow][-1] is WorkflowStep.CLOSE


def test_no_transfer_request_where_the_assessment_does_not_plan_one(
    repo: Any, reception: UserInfo, worker: UserInfo
) -> None:
    case = repo.create_case(reception, new_case())
    with pytest.raises(WorkflowRefused) as caught:
        repo.record_step(
            worker, case.number, WorkflowStep.TRANSFER_REQUEST_SENT, on=dt.date(2026, 11, 2)
        )
    assert caught.value.code == "transfer_not_planned"


def test_reassessment_keeps_both_assessments_and_changes_the_steps(
    repo: Any, reception: UserInfo, worker: UserInfo
) -> None:
    case = repo.create_case(reception, transfer_case())
    new = {
        **case.assessment,
        "level": "possible",
        "open_questions": [],
        "rules": {"version": "2026-12"},
        "next_steps": [
            {"code": "ordinary_intake", "title": "Fortsätt", "due": None},
            {"code": "home_visit", "title": "Hembesök", "due": "2026-12-20"},
        ],
    }
    record = {**case.record, "move": {"paid_after_ordinary_assessment": "yes"}}
    change = Reassessment(record, new, ["move.paid_after_ordinary_assessment"], "Svar från Farsta")
    again = repo.reassess_case(worker, case.number, case.version, change)
    assert [r.level for r in again.assessments] == ["strong", "possible"]
    latest = again.assessments[-1]
    assert latest.by == "sven" and latest.reason == "Svar från Farsta"
    assert latest.rules_version == "2026-12" and latest.fields == change.fields
    states = {t.code: t.state for t in again.tasks}
    assert states["request_case_transfer"] is TaskState.WITHDRAWN
    assert states["home_visit"] is TaskState.OPEN and states["ordinary_intake"] is TaskState.OPEN
    assert again.effective_level == "possible" and again.open_questions == []
    assert repo.find_cases(worker, CaseQuery(open_questions=True)).total == 0
    with pytest.raises(Exception, match="someone else"):
        repo.reassess_case(worker, case.number, case.version, change)


def test_an_annulled_case_is_kept_but_left_out_of_the_list(
    repo: Any, reception: UserInfo, worker: UserInfo
) -> None:
    case = repo.create_case(reception, new_case())
    repo.annul_case(worker, case.number, "Skapat av misstag")
    assert repo.find_cases(worker, CaseQuery()).total == 0
    annulled = repo.find_cases(worker, CaseQuery(statuses=(CaseStatus.ANNULLED,)))
    assert numbers(annulled) == [case.number]
    assert repo.get_case(worker, case.number).closed_reason == "Skapat av misstag"


def test_journal_notes_are_appended_dated_and_signed(
    repo: Any, reception: UserInfo, worker: UserInfo
) -> None:
    case = repo.create_case(reception, new_case())
    repo.add_note(worker, case.number, "Första")
    notes = repo.add_note(worker, case.number, "Andra").notes
    assert [n.text for n in notes] == ["Första", "Andra"]
    assert notes[0].author == "sven" and notes[0].author_name == "Sven Svensson"
    assert notes[0].at.tzinfo is not None


def test_a_draft_is_handed_over_to_a_colleague(
    repo: Any, reception: UserInfo, worker: UserInfo, admin: UserInfo
) -> None:
    draft_id = repo.save_draft(reception, None, STAMP, "sv", [])
    with pytest.raises(PermissionDenied):
        repo.hand_over_draft(reception, draft_id, "it")
    repo.hand_over_draft(reception, draft_id, "sven")
    assert repo.list_drafts(reception) == []
    assert [d.id for d in repo.list_drafts(worker)] == [draft_id]
    actions = [e.action for e in repo.audit_for_user(admin, "anna")]
    assert AuditAction.DRAFT_HAND_OVER in actions
