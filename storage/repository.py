"""`SqlRepository`: the only implementation of `storage.api.Repository`.

Every method is one transaction and returns plain DTOs. The caller's `UserInfo` names who is
working; the role is re-read from the database on every call, so a stale or forged DTO grants
nothing. Audit rows are written in the same transaction as the action they record.

Users, drafts and the creation of a case, all that a visit needs, are SQLAlchemy Core
statements (`storage.drafts`, `storage.newcase`); opening, listing and updating cases, the
audit log's queries and retention use the ORM (`storage.cases`), imported the first time one
of them is called, so that the ORM and the models (~7 MB) are not loaded while a person is
being asked the questions, nor when their case is created.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from intake.core.dialogue.api import DialogueStamp
from storage import db, drafts, newcase
from storage.api import (
    AuditAction,
    AuditEntry,
    CaseInfo,
    CaseStatus,
    CaseSummary,
    DraftInfo,
    NewCase,
    Role,
    UserInfo,
)
from storage.drafts import CASE_WORKERS, actor_for, own_draft

if TYPE_CHECKING:
    from storage.cases import CaseStore

T = TypeVar("T")


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SqlRepository:
    def __init__(self, engine: Engine, *, clock: Callable[[], dt.datetime] = _utcnow) -> None:
        self._engine = engine
        self._write_engine = db.writing_engine(engine)
        self._clock = clock
        self._case_store: CaseStore | None = None

    @classmethod
    def open(
        cls, url: str, migrate: bool = True, *, clock: Callable[[], dt.datetime] = _utcnow
    ) -> SqlRepository:
        """Open `url`; the embedded SQLite database is created or upgraded when `migrate`."""
        engine = db.make_engine(url)
        try:
            db.ensure_schema(engine, migrate=migrate)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, clock=clock)

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        self._engine.dispose()

    # --- plumbing ---------------------------------------------------------------------------

    def _writing(self, work: Callable[[Connection], T]) -> T:
        def attempt() -> T:
            with self._write_engine.begin() as conn:
                return work(conn)

        return db.retrying(attempt)

    def _reading(self, work: Callable[[Connection], T]) -> T:
        with self._engine.begin() as conn:
            return work(conn)

    def _cases(self) -> CaseStore:
        """The ORM half, imported and built on first use."""
        if self._case_store is None:
            from storage.cases import CaseStore

            self._case_store = CaseStore(self._engine, self._clock)
        return self._case_store

    # --- users ------------------------------------------------------------------------------

    def ensure_user(self, username: str, display_name: str, role: Role) -> UserInfo:
        """Create the user, or update the display name and role of an existing one."""
        if not username or len(username) > 64 or username != username.strip():
            raise ValueError("username: 1-64 characters without surrounding spaces")
        role = Role(role)

        def work(conn: Connection) -> UserInfo:
            return drafts.ensure_user(conn, self._clock, username, display_name, role)

        try:
            return self._writing(work)
        except IntegrityError:  # created by another workstation at the same moment
            return self._writing(work)

    def get_user(self, username: str) -> UserInfo | None:
        def work(conn: Connection) -> UserInfo | None:
            row = drafts.find_user(conn, username)
            return None if row is None else drafts.user_info(row)

        return self._reading(work)

    def list_users(self) -> list[UserInfo]:
        return self._reading(drafts.list_users)

    # --- drafts -----------------------------------------------------------------------------

    def save_draft(
        self,
        user: UserInfo,
        draft_id: int | None,
        stamp: DialogueStamp,
        language: str,
        events: list[dict[str, Any]],
    ) -> int:
        """Committed (and, on SQLite, fsynced) before it returns."""

        def work(conn: Connection) -> int:
            actor = actor_for(conn, user, CASE_WORKERS)
            return drafts.save_draft(conn, self._clock, actor, draft_id, stamp, language, events)

        return self._writing(work)

    def list_drafts(self, user: UserInfo) -> list[DraftInfo]:
        def work(conn: Connection) -> list[DraftInfo]:
            return drafts.list_drafts(conn, actor_for(conn, user, CASE_WORKERS))

        return self._reading(work)

    def get_draft(self, user: UserInfo, draft_id: int) -> DraftInfo:
        def work(conn: Connection) -> DraftInfo:
            actor = actor_for(conn, user, CASE_WORKERS)
            return drafts.draft_info(own_draft(conn, actor, draft_id))

        return self._reading(work)

    def discard_draft(self, user: UserInfo, draft_id: int) -> None:
        def work(conn: Connection) -> None:
            actor = actor_for(conn, user, CASE_WORKERS)
            drafts.discard_draft(conn, self._clock, actor, draft_id)

        self._writing(work)

    # --- cases: created with Core (storage.newcase), the rest with the ORM (storage.cases) -----

    def create_case(self, user: UserInfo, new: NewCase) -> CaseInfo:
        """The case, its transcript and tasks and the audit entry; the draft it completes
        (`new.draft_id`) is removed in the same transaction."""
        level = str(new.assessment.get("level", ""))
        newcase.check_level(level)
        newcase.check_override(new.level_override, new.override_reason)

        def work(conn: Connection) -> CaseInfo:
            actor = actor_for(conn, user, CASE_WORKERS)
            return newcase.create_case(conn, self._clock, actor, new, level)

        return self._writing(work)

    def get_case(self, user: UserInfo, number: str) -> CaseInfo:
        return self._cases().get_case(user, number)

    def list_cases(
        self,
        user: UserInfo,
        *,
        status: CaseStatus | None = None,
        level: str | None = None,
        origin_code: str | None = None,
        limit: int = 200,
    ) -> list[CaseSummary]:
        return self._cases().list_cases(
            user, status=status, level=level, origin_code=origin_code, limit=limit
        )

    def update_case(
        self, user: UserInfo, number: str, expected_version: int, changes: dict[str, Any]
    ) -> CaseInfo:
        """Apply whitelisted changes; each is kept as a `CaseChange` beside the old value.
        `changes` is never modified, so after a ConflictError the caller still has it."""
        return self._cases().update_case(user, number, expected_version, changes)

    def complete_task(self, user: UserInfo, number: str, task_id: int, note: str = "") -> CaseInfo:
        """Mark a next step done. It is an entry in the file but not a change of the case's
        fields, so it does not bump the version (no conflict with a parallel update)."""
        return self._cases().complete_task(user, number, task_id, note)

    # --- audit and retention (storage.cases) --------------------------------------------------

    def record_audit(self, user: UserInfo, action: AuditAction, case_number: str | None) -> None:
        def work(conn: Connection) -> None:
            actor = actor_for(conn, user, tuple(Role))
            drafts.audit(conn, self._clock, actor.username, AuditAction(action), case_number)

        self._writing(work)

    def audit_for_case(self, user: UserInfo, number: str) -> list[AuditEntry]:
        return self._cases().audit_for_case(user, number)

    def audit_for_user(self, user: UserInfo, username: str) -> list[AuditEntry]:
        return self._cases().audit_for_user(user, username)

    def purge(self, user: UserInfo, *, today: dt.date, apply: bool, years: int = 5) -> list[str]:
        """Closed cases due for gallring on `today` (see storage.retention); removed with
        everything attached when `apply`, each removal audited without content."""
        return self._cases().purge(user, today=today, apply=apply, years=years)

    def purge_drafts(
        self, user: UserInfo, *, today: dt.date, apply: bool, years: int = 5
    ) -> list[int]:
        """Abandoned drafts due on `today` by the same rule as closed cases; removed when
        `apply`, each audited as `draft_discard` without content. (Not in the Protocol: an
        IT staff tool, used by `intake db purge`.)"""
        return self._cases().purge_drafts(user, today=today, apply=apply, years=years)

    def schema_revisions(self) -> tuple[str, ...]:
        """For IT staff tools (`intake db status`): the database's migration revision(s)."""
        with self._engine.connect() as conn:
            return db.current_revisions(conn)

    @property
    def backend(self) -> str:
        """`sqlite` or `postgresql`."""
        return self._engine.dialect.name

    def count_cases(self) -> int:
        """For IT staff tools (`intake db status`): how many cases are on file."""
        return self._cases().count_cases()
