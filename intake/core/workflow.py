"""A case's way from reception to its end, as rules the repository enforces.

new → assigned → origin contacted → transfer requested → IVO application → closed (with a
reason); a case created by mistake is annulled (with a reason) instead. The screen only offers
what these rules allow, but the repository checks them again (`check`), so a second desk, the
command line or an integration cannot skip a step.

The dates that follow from a step are recomputed from the day the step was really taken: the
IVO application may be made at the earliest one month after the transfer request was sent
(`not_before`, "tidigast"), not one month after the visit.

Pure data in, a decision out: no Textual, no SQLAlchemy. Refusals carry a code with their text
in both languages, so the screen, plain mode and the CLI say the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from intake.core.deadlines import same_date_next_month


class CaseStatus(StrEnum):
    NEW = "new"  # created at reception, not yet taken by a social worker
    ASSIGNED = "assigned"
    ORIGIN_CONTACTED = "origin_contacted"
    TRANSFER_REQUESTED = "transfer_requested"
    IVO_APPLIED = "ivo_applied"
    CLOSED = "closed"
    ANNULLED = "annulled"  # created by mistake: kept and audited, out of the lists by default


# The order a case moves in; an event recorded late never moves it back.
PROGRESS = (
    CaseStatus.NEW,
    CaseStatus.ASSIGNED,
    CaseStatus.ORIGIN_CONTACTED,
    CaseStatus.TRANSFER_REQUESTED,
    CaseStatus.IVO_APPLIED,
)
ENDED = frozenset({CaseStatus.CLOSED, CaseStatus.ANNULLED})


class WorkflowStep(StrEnum):
    """What happened to a case, on a real date."""

    ASSIGN = "assign"
    ORIGIN_CONTACTED = "origin_contacted"
    TRANSFER_REQUEST_SENT = "transfer_request_sent"
    IVO_APPLICATION_SENT = "ivo_application_sent"
    CLOSE = "close"
    ANNUL = "annul"


# Marking one of these next steps done records the workflow step with the same date, so a
# letter sent or a step ticked on the checklist moves the case (and its dependent dates).
TASK_STEPS: dict[str, WorkflowStep] = {
    "contact_origin_municipality": WorkflowStep.ORIGIN_CONTACTED,
    "request_case_transfer": WorkflowStep.TRANSFER_REQUEST_SENT,
    "apply_ivo_transfer": WorkflowStep.IVO_APPLICATION_SENT,
}
STEP_TASKS = {step: code for code, step in TASK_STEPS.items()}

_REACHES: dict[WorkflowStep, CaseStatus] = {
    WorkflowStep.ORIGIN_CONTACTED: CaseStatus.ORIGIN_CONTACTED,
    WorkflowStep.TRANSFER_REQUEST_SENT: CaseStatus.TRANSFER_REQUESTED,
    WorkflowStep.IVO_APPLICATION_SENT: CaseStatus.IVO_APPLIED,
    WorkflowStep.CLOSE: CaseStatus.CLOSED,
    WorkflowStep.ANNUL: CaseStatus.ANNULLED,
}

REFUSALS: dict[str, tuple[str, str]] = {
    # (Swedish, English)
    "case_ended": (
        "Ärendet är avslutat eller makulerat och kan inte ändras.",
        "The case is closed or annulled and cannot be changed.",
    ),
    "reason_required": (
        "Ange ett skäl (det sparas i ärendet).",
        "Give a reason (it is kept in the case).",
    ),
    "transfer_not_planned": (
        "Bedömningen ger inte stöd för en begäran om överflyttning i det här ärendet.",
        "The assessment does not support a transfer request in this case.",
    ),
    "ivo_before_request": (
        "En ansökan till IVO kan göras först när begäran om överflyttning har skickats.",
        "An application to IVO can only be made once the transfer request has been sent.",
    ),
    "ivo_not_planned": (
        "Bedömningen ger inte stöd för en ansökan till IVO i det här ärendet.",
        "The assessment does not support an application to IVO in this case.",
    ),
    "status_by_workflow": (
        "Status ändras genom stegen i ärendet; avslut och makulering kräver ett skäl.",
        "The status changes through the case's steps; closing and annulling need a reason.",
    ),
    "date_in_future": (
        "Datumet kan inte ligga efter i dag.",
        "The date cannot be later than today.",
    ),
    "assignee_not_social_worker": (
        "Ärendet kan bara tilldelas en socialsekreterare.",
        "A case can only be assigned to a social worker.",
    ),
}


class WorkflowRefused(ValueError):
    """A step the rules do not allow now; `code` names the rule (see `REFUSALS`)."""

    def __init__(self, code: str) -> None:
        super().__init__(REFUSALS[code][1])
        self.code = code

    def message(self, lang: str) -> str:
        return REFUSALS[self.code][0 if lang == "sv" else 1]


@dataclass(frozen=True, slots=True)
class CaseState:
    """What the rules need to know about a case."""

    status: CaseStatus
    planned: frozenset[str]  # the codes of the assessment's next steps
    transfer_request_sent_on: dt.date | None = None


def check(
    state: CaseState,
    step: WorkflowStep,
    *,
    on: dt.date,
    today: dt.date,
    reason: str = "",
    assignee: str | None = None,
) -> CaseStatus:
    """The status after `step`, or `WorkflowRefused` naming the rule that forbids it."""
    if state.status in ENDED:
        raise WorkflowRefused("case_ended")
    if on > today:
        raise WorkflowRefused("date_in_future")
    if step in (WorkflowStep.CLOSE, WorkflowStep.ANNUL):
        if not reason.strip():
            raise WorkflowRefused("reason_required")
        return _REACHES[step]
    if step is WorkflowStep.ASSIGN:
        if state.status is CaseStatus.NEW and assignee:
            return CaseStatus.ASSIGNED
        if state.status is CaseStatus.ASSIGNED and not assignee:
            return CaseStatus.NEW
        return state.status
    if step is WorkflowStep.TRANSFER_REQUEST_SENT and "request_case_transfer" not in state.planned:
        raise WorkflowRefused("transfer_not_planned")
    if step is WorkflowStep.IVO_APPLICATION_SENT:
        if "apply_ivo_transfer" not in state.planned:
            raise WorkflowRefused("ivo_not_planned")
        if state.transfer_request_sent_on is None:
            raise WorkflowRefused("ivo_before_request")
    return _later(state.status, _REACHES[step])


def _later(current: CaseStatus, reached: CaseStatus) -> CaseStatus:
    return reached if PROGRESS.index(reached) > PROGRESS.index(current) else current


def ivo_not_before(transfer_request_sent_on: dt.date) -> dt.date:
    """The earliest day an application to IVO may be made: one month after the transfer
    request was actually sent (if it is not answered in writing before then)."""
    return same_date_next_month(transfer_request_sent_on)


def dependent_dates(transfer_request_sent_on: dt.date | None) -> dict[str, dt.date]:
    """The `not_before` dates that follow from the steps taken so far, by step code."""
    if transfer_request_sent_on is None:
        return {}
    return {"apply_ivo_transfer": ivo_not_before(transfer_request_sent_on)}
