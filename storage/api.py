"""The one interface through which the app reaches storage. Plain data in, plain data out:
no ORM object or session leaves `storage/`.

Roles (least privilege):
- reception: create users' own drafts and cases, see their own drafts, open cases they created;
- social_worker: everything on cases (list, open, update, complete tasks), no audit reading;
- admin: users, audit follow-up (logguppföljning) and retention purge; no case content.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from intake.core.dialogue.api import DialogueStamp


class Role(StrEnum):
    RECEPTION = "reception"
    SOCIAL_WORKER = "social_worker"
    ADMIN = "admin"


class CaseKind(StrEnum):
    INTAKE = "intake"  # a first visit at the receiving municipality's reception
    SENDING_REVIEW = "sending_review"  # reserved: the sending side's outgoing-move review


class CaseStatus(StrEnum):
    NEW = "new"  # created at reception, not yet taken by a social worker
    ASSIGNED = "assigned"
    CLOSED = "closed"


class AuditAction(StrEnum):
    CREATE = "create"
    VIEW = "view"
    UPDATE = "update"
    EXPORT = "export"
    PRINT = "print"
    DELETE = "delete"
    DRAFT_SAVE = "draft_save"
    DRAFT_DISCARD = "draft_discard"


class StorageError(Exception):
    """A storage failure the UI can show as a short message (never with personal data)."""


class NotFoundError(StorageError):
    pass


class PermissionDenied(StorageError):
    pass


class SchemaTooNewError(StorageError):
    """The database was migrated by a newer version of intake than this one."""


class ConflictError(StorageError):
    """Someone else saved the case first. `theirs` is the case as it is now stored;
    `changed` names the fields that differ from what the caller started from."""

    def __init__(self, message: str, theirs: CaseInfo, changed: list[str]) -> None:
        super().__init__(message)
        self.theirs = theirs
        self.changed = changed


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: Role


@dataclass(frozen=True, slots=True)
class DraftInfo:
    id: int
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime
    stamp: DialogueStamp
    language: str
    events: list[dict[str, Any]]  # AnswerEvent.to_json() entries, in order


@dataclass(frozen=True, slots=True)
class TaskInfo:
    id: int
    code: str
    title: str
    due: dt.date | None
    basis: str
    done_at: dt.datetime | None = None
    done_by: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class TranscriptItem:
    position: int
    question_id: str
    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """A row of the case list: no free text, no identifiers beyond the case number."""

    number: str
    kind: CaseKind
    status: CaseStatus
    level: str  # the level in force: the override when there is one
    urgency: str
    origin_code: str | None
    created_at: dt.datetime
    created_by: str
    assignee: str | None


@dataclass(frozen=True, slots=True)
class CaseInfo:
    number: str  # YYYY-NNNN, gap-free per year
    kind: CaseKind
    status: CaseStatus
    created_at: dt.datetime
    created_by: str
    assignee: str | None
    level: str  # as classified
    level_override: str | None
    override_reason: str
    urgency: str
    origin_code: str | None
    record: dict[str, Any]  # intake-record/1
    assessment: dict[str, Any]  # intake-assessment/1
    stamp: DialogueStamp
    language: str
    version: int  # optimistic locking
    tasks: list[TaskInfo] = field(default_factory=list)
    transcript: list[TranscriptItem] = field(default_factory=list)

    @property
    def effective_level(self) -> str:
        return self.level_override or self.level


@dataclass(frozen=True, slots=True)
class NewCase:
    kind: CaseKind
    record: dict[str, Any]
    assessment: dict[str, Any]
    transcript: list[tuple[str, str, str]]  # (question_id, question as shown, answer as shown)
    stamp: DialogueStamp
    language: str
    level_override: str | None = None
    override_reason: str = ""
    draft_id: int | None = None  # the draft this case completes: removed in the same transaction


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: dt.datetime
    username: str
    action: AuditAction
    case_number: str | None


class Repository(Protocol):
    # users
    def ensure_user(self, username: str, display_name: str, role: Role) -> UserInfo: ...
    def get_user(self, username: str) -> UserInfo | None: ...
    def list_users(self) -> list[UserInfo]: ...

    # drafts: every answer is committed before this returns
    def save_draft(
        self,
        user: UserInfo,
        draft_id: int | None,
        stamp: DialogueStamp,
        language: str,
        events: list[dict[str, Any]],
    ) -> int: ...
    def list_drafts(self, user: UserInfo) -> list[DraftInfo]: ...
    def get_draft(self, user: UserInfo, draft_id: int) -> DraftInfo: ...
    def discard_draft(self, user: UserInfo, draft_id: int) -> None: ...

    # cases
    def create_case(self, user: UserInfo, new: NewCase) -> CaseInfo: ...
    def get_case(self, user: UserInfo, number: str) -> CaseInfo: ...
    def list_cases(
        self,
        user: UserInfo,
        *,
        status: CaseStatus | None = None,
        level: str | None = None,
        origin_code: str | None = None,
        limit: int = 200,
    ) -> list[CaseSummary]: ...
    def update_case(
        self, user: UserInfo, number: str, expected_version: int, changes: dict[str, Any]
    ) -> CaseInfo: ...
    def complete_task(
        self, user: UserInfo, number: str, task_id: int, note: str = ""
    ) -> CaseInfo: ...

    # audit (logguppföljning) and retention (gallring)
    def record_audit(
        self, user: UserInfo, action: AuditAction, case_number: str | None
    ) -> None: ...
    def audit_for_case(self, user: UserInfo, number: str) -> list[AuditEntry]: ...
    def audit_for_user(self, user: UserInfo, username: str) -> list[AuditEntry]: ...
    def purge(self, user: UserInfo, *, today: dt.date, apply: bool) -> list[str]: ...

    def close(self) -> None: ...
