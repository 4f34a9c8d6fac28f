"""`SqlRepository`: the only implementation of `storage.api.Repository` (and of
`AdminRepository`, for IT staff's tools).

Every method is one transaction, run by `_writing` or `_reading`, and returns plain DTOs. The
caller's `UserInfo` names who is working; the role is re-read from the database on every call
(`storage.access`), so a stale or forged DTO grants nothing. Audit rows are written in the same
transaction as the action they record (`storage.audit`).

All statements are SQLAlchemy Core on the tables of `storage.schema`, in the modules named for
what they hold: `users`, `drafts`, `cases` (with `changes` and `numbering`), `audit`,
`retention`. No ORM: neither a visit nor the case screens load it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from intake.core.dialogue.api import DialogueStamp
from storage import audit, cases, db, drafts, retention, users
from storage.access import (
    CASE_WORKERS,
    EVERYONE,
    actor_for,
    case_row,
    method_of,
    openable_case,
)
from storage.api import (
    AuditAction,
    AuditEntry,
    AuditQuery,
    CaseInfo,
    CaseStatus,
    CaseSummary,
    ConflictError,
    DatabaseFault,
    DatabaseStatus,
    DraftInfo,
    NewCase,
    PermissionDenied,
    Role,
    SignIn,
    StorageError,
    UserInfo,
)
from storage.case_repository import CaseWorkMixin
from storage.changes import changed_since, check_fields
from storage.faults import refused_by_database, translated
from storage.schema import cases as cases_table
from storage.schema import drafts as drafts_table
from storage.schema import users as users_table

T = TypeVar("T")


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SqlRepository(CaseWorkMixin):
    def __init__(self, engine: Engine, *, clock: Callable[[], dt.datetime] = _utcnow) -> None:
        self._engine = engine
        self._write_engine = db.writing_engine(engine)
        self._clock = clock

    @classmethod
    def open(
        cls,
        url: str,
        migrate: bool = True,
        *,
        clock: Callable[[], dt.datetime] = _utcnow,
        busy_timeout_ms: int = db.BUSY_TIMEOUT_MS,
    ) -> SqlRepository:
        """Open `url`; the embedded SQLite database is created or upgraded when `migrate`.
        Every failure is a `StorageError` with a one-line message (`storage.faults`)."""
        with translated():
            engine = db.make_engine(url, busy_timeout_ms=busy_timeout_ms)
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
        db.checkpoint(self._engine)
        self._engine.dispose()

    # --- transactions -----------------------------------------------------------------------

    def _writing(self, work: Callable[[Connection], T]) -> T:
        """One write transaction, repeated on transient contention (`db.retrying`)."""

        def attempt() -> T:
            with self._write_engine.begin() as conn:
                return work(conn)

        try:
            with translated():
                return db.retrying(attempt)
        except DatabaseFault as fault:
            if fault.code == "disk_full":  # give the WAL's space back if it can be done now
                db.checkpoint(self._engine)
            raise
        except PermissionDenied as refusal:
            self._audit_refused(refusal)
            raise

    def _reading(self, work: Callable[[Connection], T]) -> T:
        try:
            with translated(), self._engine.begin() as conn:
                return work(conn)
        except PermissionDenied as refusal:
            self._audit_refused(refusal)
            raise

    def _as(
        self,
        user: UserInfo,
        allowed: tuple[Role, ...],
        work: Callable[[Connection, Any], T],
        number: str | None = None,
        what: str | None = None,
    ) -> Callable[[Connection], T]:
        """`work(conn, actor_row)` once the acting user's stored role is one of `allowed`. A
        refusal, here, in `work` or by the database itself (PostgreSQL's grants and policies),
        is marked with who, what (the repository method: `what`, by default the one `work` was
        defined in) and which case (`number`), so that `_writing` or `_reading` audits it once
        the refused transaction is rolled back."""
        what = what or method_of(work)

        def mark(refusal: PermissionDenied) -> PermissionDenied:
            refusal.refused = (user.username, what)
            refusal.case_number = number
            return refusal

        def checked(conn: Connection) -> T:
            try:
                return work(conn, actor_for(conn, user, allowed))
            except PermissionDenied as refusal:
                mark(refusal)
                raise
            except DBAPIError as exc:
                if not refused_by_database(exc):
                    raise
                raise mark(PermissionDenied(code="database")) from exc

        return checked

    def _audit_refused(self, refusal: PermissionDenied) -> None:
        """The audit row of a marked refusal: who, `refused`, the case number and a detail
        naming the repository method and the reason (`get_case: reception_others_cases`)."""
        if refusal.refused is not None:
            username, what = refusal.refused
            self._audit_refusal(username, what, refusal.code, refusal.case_number)

    def _audit_refusal(self, username: str, what: str, code: str, number: str | None) -> None:
        """Written after the refused transaction was rolled back, in a short transaction of
        its own on a connection of its own, so that the row survives the refusal. On
        PostgreSQL a row in a name that is not the login's (a forged `UserInfo`) is refused by
        the audit table's policy: it is then written in the login's name, saying whom it
        claimed to be. Best effort: a refusal stays a refusal when the log cannot be written."""
        detail = f"{what}: {code}"

        def write(conn: Connection) -> None:
            audit.write(conn, username[:64], AuditAction.REFUSED, number, detail)

        def write_as_login(conn: Connection) -> None:
            claimed = f"{detail} (as {username})"
            audit.write(conn, users.account(conn), AuditAction.REFUSED, number, claimed)

        for attempt in (write, write_as_login):
            try:
                with translated(), self._write_engine.begin() as conn:
                    attempt(conn)
                return
            except PermissionDenied:
                continue  # the database refused the name: once more, as the login
            except StorageError:
                return

    # --- users ------------------------------------------------------------------------------

    def ensure_user(self, username: str, display_name: str, role: Role) -> UserInfo:
        """Create the user, or update the display name and role of an existing one: a tool
        for setting up a database (tests, scripts); audited as done by the account running
        it. The app's way in is `sign_in`, IT staff's `add_user`."""
        name = users.check_username(username)
        role = Role(role)

        def work(conn: Connection) -> UserInfo:
            by = users.account(conn)
            return users.ensure_user(conn, self._clock, name, display_name, role, by)

        return self._upserting(work)

    def add_user(self, admin: UserInfo, username: str, display_name: str, role: Role) -> UserInfo:
        """Add a user or change a user's name and role, as `admin` (audited)."""
        name = users.check_username(username)
        role = Role(role)

        def work(conn: Connection, actor: Any) -> UserInfo:
            return users.ensure_user(conn, self._clock, name, display_name, role, actor.username)

        return self._upserting(self._as(admin, (Role.ADMIN,), work))

    def _upserting(self, work: Callable[[Connection], T]) -> T:
        try:
            return self._writing(work)
        except DatabaseFault as exc:
            if not isinstance(exc.__cause__, IntegrityError):
                raise
            return self._writing(work)  # created by another workstation at the same moment

    def sign_in(self, act_as: str | None = None) -> UserInfo:
        """See `storage.api.Repository.sign_in`."""
        return self.identify(act_as).user

    def identify(self, act_as: str | None = None) -> SignIn:
        """See `storage.api.Repository.identify`."""
        return self._writing(lambda conn: users.sign_in(conn, self._clock, act_as))

    def get_user(self, username: str) -> UserInfo | None:
        return self._reading(lambda conn: users.get_user(conn, username))

    def list_users(self) -> list[UserInfo]:
        return self._reading(users.list_users)

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

        def work(conn: Connection, actor: Any) -> int:
            return drafts.save_draft(conn, self._clock, actor, draft_id, stamp, language, events)

        return self._writing(self._as(user, CASE_WORKERS, work))

    def list_drafts(self, user: UserInfo) -> list[DraftInfo]:
        return self._reading(self._as(user, CASE_WORKERS, drafts.list_drafts))

    def get_draft(self, user: UserInfo, draft_id: int) -> DraftInfo:
        def work(conn: Connection, actor: Any) -> DraftInfo:
            return drafts.get_draft(conn, actor, draft_id)

        return self._reading(self._as(user, CASE_WORKERS, work))

    def discard_draft(self, user: UserInfo, draft_id: int) -> None:
        def work(conn: Connection, actor: Any) -> None:
            drafts.discard_draft(conn, self._clock, actor, draft_id)

        self._writing(self._as(user, CASE_WORKERS, work))

    # --- cases ------------------------------------------------------------------------------

    def create_case(self, user: UserInfo, new: NewCase) -> CaseInfo:
        """The case, its transcript and tasks and the audit entry; the draft it completes
        (`new.draft_id`) is removed in the same transaction."""
        level = cases.check_new(new)

        def work(conn: Connection, actor: Any) -> CaseInfo:
            return cases.create_case(conn, self._clock, actor, new, level)

        return self._writing(self._as(user, CASE_WORKERS, work))

    def list_cases(
        self,
        user: UserInfo,
        *,
        status: CaseStatus | None = None,
        level: str | None = None,
        origin_code: str | None = None,
        limit: int = 200,
    ) -> list[CaseSummary]:
        """The newest cases by status, level and origin; not part of `Repository`: kept for the
        storage benchmark and tests. The app lists through `find_cases` (CaseWork), audited."""

        def work(conn: Connection, actor: Any) -> list[CaseSummary]:
            return cases.list_cases(
                conn, actor, status=status, level=level, origin_code=origin_code, limit=limit
            )

        return self._reading(self._as(user, CASE_WORKERS, work))

    def update_case(
        self, user: UserInfo, number: str, expected_version: int, changes: dict[str, Any]
    ) -> CaseInfo:
        """Apply whitelisted changes; each is kept as a `case_changes` row beside the old
        value. `changes` is never modified, so after a ConflictError the caller still has it."""
        wanted = dict(changes)
        check_fields(wanted)

        def work(conn: Connection, actor: Any) -> CaseInfo:
            return cases.update_case(conn, self._clock, actor, number, expected_version, wanted)

        try:
            return self._writing(self._as(user, (Role.SOCIAL_WORKER,), work, number))
        except cases.StaleCase:
            raise self._conflict(user, number, expected_version) from None

    def _conflict(self, user: UserInfo, number: str, expected_version: int) -> ConflictError:
        """The case as it is now, and what changed since `expected_version` (an audited view)."""

        def work(conn: Connection, actor: Any) -> ConflictError:
            case = case_row(conn, number)
            changed = changed_since(conn, case.id, expected_version)
            audit.write(conn, actor.username, AuditAction.VIEW, case.number)
            return ConflictError(
                "someone else saved this case first", cases.read(conn, case), changed
            )

        return self._writing(self._as(user, (Role.SOCIAL_WORKER,), work, number))

    # --- audit and retention ----------------------------------------------------------------

    def record_audit(self, user: UserInfo, action: AuditAction, case_number: str | None) -> None:
        """Record that `user` printed or exported something (the app's own file actions):
        a case they may open, or, with no case number, a screen. Every other action is
        written by the repository as it happens, never on a caller's word."""
        action = AuditAction(action)

        def work(conn: Connection, actor: Any) -> None:
            if action not in (AuditAction.PRINT, AuditAction.EXPORT):
                raise PermissionDenied(code="audit_action")
            if case_number is not None:
                openable_case(conn, actor, case_number)
            audit.write(conn, actor.username, action, case_number)

        self._writing(self._as(user, EVERYONE, work, case_number))

    def audit_for_case(self, user: UserInfo, number: str) -> list[AuditEntry]:
        return self.audit_entries(user, AuditQuery(case_number=number))

    def audit_for_user(self, user: UserInfo, username: str) -> list[AuditEntry]:
        return self.audit_entries(user, AuditQuery(username=username))

    def audit_entries(self, admin: UserInfo, query: AuditQuery) -> list[AuditEntry]:
        def work(conn: Connection, _actor: Any) -> list[AuditEntry]:
            return audit.matching(conn, query)

        return self._reading(self._as(admin, (Role.ADMIN,), work))

    def count_audit(self, admin: UserInfo, query: AuditQuery) -> int:
        def work(conn: Connection, _actor: Any) -> int:
            return audit.count(conn, query)

        return self._reading(self._as(admin, (Role.ADMIN,), work))

    def purge(self, user: UserInfo, *, today: dt.date, apply: bool, years: int = 5) -> list[str]:
        """Closed cases due for gallring on `today` (see storage.retention); removed with
        everything attached when `apply`, each removal audited without content."""
        return self._purge(user, retention.purge_cases, AuditAction.DELETE, today, apply, years)

    def purge_drafts(
        self, user: UserInfo, *, today: dt.date, apply: bool, years: int = 5
    ) -> list[int]:
        """Abandoned drafts due on `today` by the same rule as closed cases; removed when
        `apply`, each audited as `draft_discard` without content."""
        action = AuditAction.DRAFT_DISCARD
        return self._purge(user, retention.purge_drafts, action, today, apply, years)

    def _purge(
        self,
        user: UserInfo,
        find: Callable[..., list[T]],
        action: AuditAction,
        today: dt.date,
        apply: bool,
        years: int,
    ) -> list[T]:
        """The items `find` says are due (removed by it when `apply`), each removal audited
        as `action` (a case by its number, a draft without one), and the run itself as
        `purge` with its parameters, applied or not. The parameters are bounded by the law
        (`retention.check_parameters`)."""
        retention.check_parameters(today, years, self._clock().astimezone().date())
        what = "cases" if action is AuditAction.DELETE else "drafts"

        def work(conn: Connection, actor: Any) -> list[T]:
            items = find(conn, today=today, years=years, apply=apply)
            if apply:
                for item in items:
                    number = item if isinstance(item, str) else None
                    audit.write(conn, actor.username, action, number)
            params = retention.parameters(today, years, apply)
            detail = f"{what}: {params} found={len(items)}"
            audit.write(conn, actor.username, AuditAction.PURGE, None, detail)
            return items

        return self._writing(self._as(user, (Role.ADMIN,), work))

    # --- IT staff's tools (AdminRepository) -------------------------------------------------

    def status(self) -> DatabaseStatus:
        def work(conn: Connection) -> DatabaseStatus:
            def count(table: Any) -> int:
                return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

            return DatabaseStatus(
                backend=self._engine.dialect.name,
                revisions=db.current_revisions(conn),
                head=db.HEAD_REVISION,
                cases=count(cases_table),
                drafts=count(drafts_table),
                users=count(users_table),
            )

        return self._reading(work)

