"""Cases, the audit log's queries and retention, with the ORM (`storage.models`).

Imported by `SqlRepository` on first use only (opening, listing or updating a case, IT staff
tools): a visit, which saves drafts and creates its case with Core (`storage.drafts`,
`storage.newcase`), never loads the ORM. Every method is one
transaction and returns plain DTOs; the role is re-read from the database on every call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from storage import convert, db
from storage.access import CASE_WORKERS, actor_for, check_can_open, load_case
from storage.api import (
    AuditAction,
    AuditEntry,
    CaseInfo,
    CaseStatus,
    CaseSummary,
    ConflictError,
    NotFoundError,
    Role,
    UserInfo,
)
from storage.changes import apply_changes, changed_since, check_fields
from storage.models import AuditEvent, Case, CaseChange
from storage.retention import purge_cases, purge_drafts

T = TypeVar("T")

SUMMARY_COLUMNS = (
    Case.number,
    Case.kind,
    Case.status,
    Case.effective_level,
    Case.urgency,
    Case.origin_code,
    Case.created_at,
    Case.created_by,
    Case.assignee,
)


class CaseStore:
    """The ORM half of `storage.repository.SqlRepository` (which documents the methods)."""

    def __init__(self, engine: Engine, clock: Callable[[], dt.datetime]) -> None:
        self._read: sessionmaker[Session]
        self._write: sessionmaker[Session]
        self._read, self._write = db.session_makers(engine)
        self._clock = clock

    def _writing(self, work: Callable[[Session], T]) -> T:
        def attempt() -> T:
            with self._write.begin() as session:
                return work(session)

        return db.retrying(attempt)

    def _reading(self, work: Callable[[Session], T]) -> T:
        with self._read.begin() as session:
            return work(session)

    def _audit(
        self, session: Session, username: str, action: AuditAction, number: str | None
    ) -> None:
        session.add(
            AuditEvent(at=self._clock(), username=username, action=action.value, case_number=number)
        )

    # --- cases ------------------------------------------------------------------------------

    def get_case(self, user: UserInfo, number: str) -> CaseInfo:
        def work(session: Session) -> CaseInfo:
            actor = actor_for(session, user, tuple(Role))
            case = load_case(session, number)
            check_can_open(actor, case)
            self._audit(session, actor.username, AuditAction.VIEW, case.number)
            return convert.case_info(case)

        return self._writing(work)

    def list_cases(
        self,
        user: UserInfo,
        *,
        status: CaseStatus | None = None,
        level: str | None = None,
        origin_code: str | None = None,
        limit: int = 200,
    ) -> list[CaseSummary]:
        def work(session: Session) -> list[CaseSummary]:
            actor = actor_for(session, user, CASE_WORKERS)
            query = (
                select(*SUMMARY_COLUMNS)
                .order_by(Case.created_at.desc(), Case.id.desc())
                .limit(limit)
            )
            if Role(actor.role) is Role.RECEPTION:
                query = query.where(Case.created_by == actor.username)
            if status is not None:
                query = query.where(Case.status == CaseStatus(status).value)
            if level is not None:
                query = query.where(Case.effective_level == level)
            if origin_code is not None:
                query = query.where(Case.origin_code == origin_code)
            return [convert.case_summary(row) for row in session.execute(query)]

        return self._reading(work)

    def update_case(
        self, user: UserInfo, number: str, expected_version: int, changes: dict[str, Any]
    ) -> CaseInfo:
        """Apply whitelisted changes; each is kept as a `CaseChange` beside the old value.
        `changes` is never modified, so after a ConflictError the caller still has it."""
        check_fields(changes)

        def work(session: Session) -> CaseInfo:
            actor = actor_for(session, user, (Role.SOCIAL_WORKER,))
            case = load_case(session, number)
            if case.version != expected_version:
                raise _Conflict
            apply_changes(session, actor, case, changes, self._clock())
            self._audit(session, actor.username, AuditAction.UPDATE, case.number)
            session.flush()
            return convert.case_info(case)

        try:
            return self._writing(work)
        except (_Conflict, StaleDataError):
            raise self._conflict(user, number, expected_version) from None

    def _conflict(self, user: UserInfo, number: str, expected_version: int) -> ConflictError:
        def work(session: Session) -> ConflictError:
            actor = actor_for(session, user, (Role.SOCIAL_WORKER,))
            case = load_case(session, number)
            changed = changed_since(session, case, expected_version)
            self._audit(session, actor.username, AuditAction.VIEW, case.number)
            return ConflictError(
                "someone else saved this case first", convert.case_info(case), changed
            )

        return self._writing(work)

    def complete_task(self, user: UserInfo, number: str, task_id: int, note: str = "") -> CaseInfo:
        """Mark a next step done. It is an entry in the file but not a change of the case's
        fields, so it does not bump the version (no conflict with a parallel update)."""

        def work(session: Session) -> CaseInfo:
            actor = actor_for(session, user, (Role.SOCIAL_WORKER,))
            case = load_case(session, number)
            task = next((t for t in case.tasks if t.id == task_id), None)
            if task is None:
                raise NotFoundError("no such task in this case")
            if task.done_at is None:
                now = self._clock()
                task.done_at, task.done_by, task.note = now, actor.username, note
                session.add(
                    CaseChange(
                        case_id=case.id,
                        at=now,
                        username=actor.username,
                        field=f"task:{task.code}",
                        old_value=None,
                        new_value={"done_at": now.isoformat()},
                        version=case.version,
                    )
                )
                self._audit(session, actor.username, AuditAction.UPDATE, case.number)
                session.flush()
            return convert.case_info(case)

        return self._writing(work)

    # --- audit and retention ----------------------------------------------------------------

    def record_audit(self, user: UserInfo, action: AuditAction, case_number: str | None) -> None:
        def work(session: Session) -> None:
            actor = actor_for(session, user, tuple(Role))
            self._audit(session, actor.username, AuditAction(action), case_number)

        self._writing(work)

    def audit_for_case(self, user: UserInfo, number: str) -> list[AuditEntry]:
        return self._audit_query(user, AuditEvent.case_number == number)

    def audit_for_user(self, user: UserInfo, username: str) -> list[AuditEntry]:
        return self._audit_query(user, AuditEvent.username == username)

    def _audit_query(self, user: UserInfo, condition: Any) -> list[AuditEntry]:
        def work(session: Session) -> list[AuditEntry]:
            actor_for(session, user, (Role.ADMIN,))
            rows = session.scalars(
                select(AuditEvent).where(condition).order_by(AuditEvent.at, AuditEvent.id)
            )
            return [
                AuditEntry(
                    at=r.at,
                    username=r.username,
                    action=AuditAction(r.action),
                    case_number=r.case_number,
                )
                for r in rows
            ]

        return self._reading(work)

    def purge(self, user: UserInfo, *, today: dt.date, apply: bool, years: int = 5) -> list[str]:
        """Closed cases due for gallring on `today` (see storage.retention); removed with
        everything attached when `apply`, each removal audited without content."""

        def work(session: Session) -> list[str]:
            actor = actor_for(session, user, (Role.ADMIN,))
            numbers = purge_cases(session, today=today, years=years, apply=apply)
            if apply:
                for number in numbers:
                    self._audit(session, actor.username, AuditAction.DELETE, number)
            return numbers

        return self._writing(work) if apply else self._reading(work)

    def purge_drafts(
        self, user: UserInfo, *, today: dt.date, apply: bool, years: int = 5
    ) -> list[int]:
        """Abandoned drafts due on `today` by the same rule as closed cases; removed when
        `apply`, each audited as `draft_discard` without content. (Not in the Protocol: an
        IT staff tool, used by `intake db purge`.)"""

        def work(session: Session) -> list[int]:
            actor = actor_for(session, user, (Role.ADMIN,))
            ids = purge_drafts(session, today=today, years=years, apply=apply)
            if apply:
                for _ in ids:
                    self._audit(session, actor.username, AuditAction.DRAFT_DISCARD, None)
            return ids

        return self._writing(work) if apply else self._reading(work)

    def count_cases(self) -> int:
        """For IT staff tools (`intake db status`): how many cases are on file."""
        return self._reading(lambda s: int(s.scalar(select(func.count(Case.id))) or 0))


class _Conflict(Exception):
    pass
