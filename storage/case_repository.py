"""The case-work half of `SqlRepository` (`storage.api.CaseWork`): each method one transaction,
the role re-read, the action audited; a refusal (role or workflow) is audited too, in a
transaction of its own, since the refused one is rolled back.

Letters are kept with their case (`storage.letters`): saving or reading one is audited as an
export, sending one as a change (its workflow step).

Roles: social workers list and work every case; reception lists and opens only the cases it
created (asking for others' is refused and audited) and changes none; admins see no content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, update

from intake.core.workflow import WorkflowRefused, WorkflowStep
from storage import audit, case_list, cases, casework, letters
from storage.access import CASE_WORKERS, actor_for, find_user, method_of, own_draft, refuse
from storage.api import (
    AuditAction,
    CaseInfo,
    CasePage,
    CaseQuery,
    ConflictError,
    LetterInfo,
    Reassessment,
    Role,
    UserInfo,
)
from storage.cases import StaleCase
from storage.casework import Clock
from storage.schema import drafts

T = TypeVar("T")
Work = Callable[[Connection, Any], T]  # a unit of work, given the acting user's row
WORKERS = (Role.SOCIAL_WORKER,)


def _end(
    conn: Connection, clock: Clock, actor: Any, number: str, step: WorkflowStep, reason: str
) -> CaseInfo:
    """Close or annul the case today (the workflow step `step`), saying why."""
    today = casework.local_today(clock)
    return casework.record_step(conn, clock, actor, number, step, today, reason)


class CaseWorkMixin:
    """Mixed into `SqlRepository`, which provides the transactions and the clock."""

    _clock: Callable[[], dt.datetime]

    if TYPE_CHECKING:  # provided by SqlRepository

        def _writing(self, work: Callable[[Connection], T]) -> T: ...
        def _reading(self, work: Callable[[Connection], T]) -> T: ...
        def _conflict(
            self, user: UserInfo, number: str, expected_version: int
        ) -> ConflictError: ...
        def _as(
            self,
            user: UserInfo,
            allowed: tuple[Role, ...],
            work: Work[T],
            number: str | None = ...,
            what: str | None = ...,
        ) -> Callable[[Connection], T]: ...
        def _audit_refusal(
            self, username: str, what: str, code: str, number: str | None
        ) -> None: ...

    def _audited(
        self,
        user: UserInfo,
        allowed: tuple[Role, ...],
        number: str | None,
        work: Callable[[Connection, Any], T],
        what: str | None = None,
    ) -> T:
        """`work(conn, actor)` in one write transaction; a refusal, by role (`_as`) or by the
        workflow's rules, is audited with the case number once it is rolled back, then
        raised. The audit row names the repository method `what` (by default the one `work`
        was defined in)."""
        what = what or method_of(work)
        try:
            return self._writing(self._as(user, allowed, work, number, what))
        except WorkflowRefused as refusal:
            self._audit_refusal(user.username, what, refusal.code, number)
            raise

    def _case_work(
        self, what: str, user: UserInfo, number: str, change: Callable[..., T], *args: Any
    ) -> T:
        """The repository method `what`: `change(conn, clock, actor, number, *args)` by a
        social worker (`_audited`)."""

        def work(conn: Connection, actor: Any) -> T:
            return change(conn, self._clock, actor, number, *args)

        return self._audited(user, WORKERS, number, work, what)

    # --- the list and the case ------------------------------------------------------------

    def find_cases(self, user: UserInfo, query: CaseQuery) -> CasePage:
        """A page of the list. The listing is audited once, with its first page; the pages
        scrolled to after it are read without a write of their own."""
        today = query.today or casework.local_today(self._clock)

        def work(conn: Connection, actor: Any) -> CasePage:
            page = case_list.find_cases(conn, actor, query, today)
            if query.offset == 0:
                audit.write(conn, actor.username, AuditAction.LIST, None)
            return page

        if query.offset == 0:
            return self._audited(user, CASE_WORKERS, None, work)
        return self._reading(lambda conn: work(conn, actor_for(conn, user, CASE_WORKERS)))

    def count_cases(self, user: UserInfo, query: CaseQuery) -> int:
        """The total of a listing already audited with its first page (`find_cases`)."""
        today = query.today or casework.local_today(self._clock)
        return self._reading(
            lambda conn: case_list.count_cases(
                conn, actor_for(conn, user, CASE_WORKERS), query, today
            )
        )

    def get_case(self, user: UserInfo, number: str) -> CaseInfo:
        """The case, if the role may open it; the opening (or the refusal) is audited."""
        return self._audited(
            user, tuple(Role), number, lambda c, a: cases.open_case(c, self._clock, a, number)
        )

    # --- changes --------------------------------------------------------------------------

    def complete_task(
        self,
        user: UserInfo,
        number: str,
        task_id: int,
        note: str = "",
        *,
        done_on: dt.date | None = None,
    ) -> CaseInfo:
        change = casework.complete_task
        return self._case_work("complete_task", user, number, change, task_id, note, done_on)

    def mark_task_not_applicable(
        self, user: UserInfo, number: str, task_id: int, reason: str
    ) -> CaseInfo:
        change = casework.mark_not_applicable
        return self._case_work("mark_task_not_applicable", user, number, change, task_id, reason)

    def add_note(self, user: UserInfo, number: str, text: str) -> CaseInfo:
        return self._case_work("add_note", user, number, casework.add_note, text)

    def assign_case(self, user: UserInfo, number: str, assignee: str | None) -> CaseInfo:
        return self._case_work("assign_case", user, number, casework.assign, assignee)

    def record_step(
        self, user: UserInfo, number: str, step: WorkflowStep, *, on: dt.date, note: str = ""
    ) -> CaseInfo:
        return self._case_work("record_step", user, number, casework.record_step, step, on, note)

    def close_case(self, user: UserInfo, number: str, reason: str) -> CaseInfo:
        return self._case_work("close_case", user, number, _end, WorkflowStep.CLOSE, reason)

    def annul_case(self, user: UserInfo, number: str, reason: str) -> CaseInfo:
        return self._case_work("annul_case", user, number, _end, WorkflowStep.ANNUL, reason)

    def reassess_case(
        self, user: UserInfo, number: str, expected_version: int, change: Reassessment
    ) -> CaseInfo:
        try:
            return self._case_work(
                "reassess_case", user, number, casework.reassess, expected_version, change
            )
        except StaleCase:
            raise self._conflict(user, number, expected_version) from None

    # --- letters --------------------------------------------------------------------------

    def save_letter(self, user: UserInfo, number: str, kind: str, content: bytes) -> LetterInfo:
        return self._case_work("save_letter", user, number, letters.save_letter, kind, content)

    def letter_content(
        self, user: UserInfo, number: str, letter_id: int
    ) -> tuple[LetterInfo, bytes]:
        return self._case_work("letter_content", user, number, letters.letter_content, letter_id)

    def mark_letter_sent(
        self, user: UserInfo, number: str, letter_id: int, on: dt.date
    ) -> CaseInfo:
        return self._case_work("mark_letter_sent", user, number, letters.mark_sent, letter_id, on)

    # --- drafts ---------------------------------------------------------------------------

    def hand_over_draft(self, user: UserInfo, draft_id: int, to_username: str) -> None:
        """Give one's own draft to a colleague who may continue it; audited without content."""

        def work(conn: Connection, actor: Any) -> None:
            own_draft(conn, actor, draft_id)
            target = find_user(conn, to_username)
            if target is None or Role(target.role) not in CASE_WORKERS:
                refuse("hand_over_target")
            conn.execute(
                update(drafts).where(drafts.c.id == draft_id).values(created_by=to_username)
            )
            audit.write(conn, actor.username, AuditAction.DRAFT_HAND_OVER, None)

        self._audited(user, CASE_WORKERS, None, work)
