"""The case workflow's rules, as the repository enforces them (intake.core.workflow)."""

from __future__ import annotations

import datetime as dt

import pytest

from intake.core.workflow import (
    CaseState,
    CaseStatus,
    WorkflowRefused,
    WorkflowStep,
    check,
    dependent_dates,
    ivo_not_before,
)

TODAY = dt.date(2026, 11, 29)
TRANSFER = frozenset({"request_case_transfer", "apply_ivo_transfer"})


def state(status: CaseStatus, planned: frozenset[str] = TRANSFER, sent: dt.date | None = None):
    return CaseState(status=status, planned=planned, transfer_request_sent_on=sent)


def refused(case: CaseState, step: WorkflowStep, **kw: object) -> str:
    with pytest.raises(WorkflowRefused) as caught:
        check(case, step, on=kw.pop("on", TODAY), today=TODAY, **kw)  # type: ignore[arg-type]
    return caught.value.code


def test_the_whole_way_from_new_to_closed() -> None:
    status = check(state(CaseStatus.NEW), WorkflowStep.ASSIGN, on=TODAY, today=TODAY, assignee="k")
    assert status is CaseStatus.ASSIGNED
    for step, reached in [
        (WorkflowStep.ORIGIN_CONTACTED, CaseStatus.ORIGIN_CONTACTED),
        (WorkflowStep.TRANSFER_REQUEST_SENT, CaseStatus.TRANSFER_REQUESTED),
    ]:
        status = check(state(status), step, on=TODAY, today=TODAY)
        assert status is reached
    status = check(
        state(status, sent=TODAY), WorkflowStep.IVO_APPLICATION_SENT, on=TODAY, today=TODAY
    )
    assert status is CaseStatus.IVO_APPLIED
    closed = check(state(status), WorkflowStep.CLOSE, on=TODAY, today=TODAY, reason="Överflyttat")
    assert closed is CaseStatus.CLOSED


def test_no_ivo_application_before_the_transfer_request_was_sent() -> None:
    assert refused(state(CaseStatus.ORIGIN_CONTACTED), WorkflowStep.IVO_APPLICATION_SENT) == (
        "ivo_before_request"
    )


def test_a_transfer_request_only_where_the_assessment_plans_one() -> None:
    no_transfer = state(CaseStatus.ASSIGNED, planned=frozenset({"send_official_letter"}))
    assert refused(no_transfer, WorkflowStep.TRANSFER_REQUEST_SENT) == "transfer_not_planned"
    assert refused(no_transfer, WorkflowStep.IVO_APPLICATION_SENT) == "ivo_not_planned"


@pytest.mark.parametrize("step", [WorkflowStep.CLOSE, WorkflowStep.ANNUL])
def test_closing_and_annulling_need_a_reason(step: WorkflowStep) -> None:
    assert refused(state(CaseStatus.ASSIGNED), step, reason="  ") == "reason_required"


def test_an_ended_case_takes_no_more_steps() -> None:
    for ended in (CaseStatus.CLOSED, CaseStatus.ANNULLED):
        assert refused(state(ended), WorkflowStep.ORIGIN_CONTACTED) == "case_ended"
        assert refused(state(ended), WorkflowStep.CLOSE, reason="x") == "case_ended"


def test_a_step_cannot_be_dated_in_the_future() -> None:
    tomorrow = TODAY + dt.timedelta(days=1)
    assert refused(state(CaseStatus.ASSIGNED), WorkflowStep.ORIGIN_CONTACTED, on=tomorrow) == (
        "date_in_future"
    )


def test_a_step_recorded_late_never_moves_the_case_back() -> None:
    status = check(
        state(CaseStatus.TRANSFER_REQUESTED), WorkflowStep.ORIGIN_CONTACTED, on=TODAY, today=TODAY
    )
    assert status is CaseStatus.TRANSFER_REQUESTED


def test_unassigning_returns_an_assigned_case_to_new_only() -> None:
    assert check(state(CaseStatus.ASSIGNED), WorkflowStep.ASSIGN, on=TODAY, today=TODAY) is (
        CaseStatus.NEW
    )
    later = state(CaseStatus.ORIGIN_CONTACTED)
    assert check(later, WorkflowStep.ASSIGN, on=TODAY, today=TODAY) is CaseStatus.ORIGIN_CONTACTED


def test_the_ivo_date_is_one_month_after_the_request_was_really_sent() -> None:
    assert ivo_not_before(dt.date(2026, 11, 2)) == dt.date(2026, 12, 2)
    assert ivo_not_before(dt.date(2027, 1, 31)) == dt.date(2027, 2, 28)  # clamped, not March
    assert dependent_dates(None) == {}
    assert dependent_dates(dt.date(2026, 11, 20)) == {"apply_ivo_transfer": dt.date(2026, 12, 20)}


def test_every_refusal_is_worded_in_both_languages() -> None:
    error = WorkflowRefused("ivo_before_request")
    assert "IVO" in error.message("sv") and "IVO" in error.message("en")
    assert error.message("sv") != error.message("en")
