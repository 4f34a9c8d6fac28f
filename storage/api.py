"""The one interface through which the app reaches storage. Plain data in, plain data out:
no row or connection leaves `storage/`.

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
from intake.core.workflow import CaseStatus as CaseStatus
from intake.core.workflow import WorkflowRefused as WorkflowRefused
from intake.core.workflow import WorkflowStep as WorkflowStep
from storage.roles import Role as Role


class CaseKind(StrEnum):
    INTAKE = "intake"  # a first visit at the receiving municipality's reception
    SENDING_REVIEW = "sending_review"  # reserved: the sending side's outgoing-move review


class AuditAction(StrEnum):
    CREATE = "create"
    VIEW = "view"
    UPDATE = "update"
    EXPORT = "export"
    PRINT = "print"
    DELETE = "delete"
    DRAFT_SAVE = "draft_save"
    DRAFT_DISCARD = "draft_discard"
    DRAFT_HAND_OVER = "draft_hand_over"
    LIST = "list"  # a page of the case list (no case number)
    REFUSED = "refused"  # a read or change the role may not make
    PURGE = "purge"  # a gallring run (listed or applied), with its parameters as the detail
    BOOTSTRAP = "bootstrap"  # the first start on an empty database made its account admin
    USER_ADD = "user_add"  # detail: the user and role added
    ROLE_CHANGE = "role_change"  # detail: the user, old and new role
    ACT_AS = "act_as"  # an admin working as another user (support); detail: whom


class StorageError(Exception):
    """A storage failure the UI can show as a short message (never with personal data).
    `message(lang)` says it in the user's language where a translation exists."""

    def message(self, lang: str) -> str:
        return str(self)


class NotFoundError(StorageError):
    pass


class PermissionDenied(StorageError):
    """The role may not do this. `code` names what (see `REFUSALS`); the refusal is audited.
    `message(lang)` says it in the user's language, without naming any case content."""

    def __init__(self, message: str = "", code: str = "role") -> None:
        super().__init__(message or REFUSALS.get(code, REFUSALS["role"])[1])
        self.code = code
        # (username, repository method): set by the repository, which audits the refusal
        self.refused: tuple[str, str] | None = None
        self.case_number: str | None = None  # the case refused, when there is one

    def message(self, lang: str) -> str:
        sv, en = REFUSALS.get(self.code, REFUSALS["role"])
        return sv if lang == "sv" else en


REFUSALS: dict[str, tuple[str, str]] = {
    # (Swedish, English)
    "role": ("Din roll tillåter inte detta.", "Your role does not allow this."),
    "reception_others_cases": (
        "Mottagningen ser bara de ärenden du själv har skapat; andras ärenden visas för "
        "socialsekreterare.",
        "Reception sees only the cases you created yourself; others' cases are shown to "
        "social workers.",
    ),
    "reception_read_only": (
        "Mottagningen kan läsa sina ärenden men inte ändra dem efter att de skapats; "
        "socialsekreterarna arbetar med ärendet.",
        "Reception can read its cases but not change them once created; social workers "
        "work the case.",
    ),
    "admin_no_content": (
        "Administratörer hanterar användare, logg och gallring, men ser inte ärendenas innehåll.",
        "Administrators manage users, the audit log and retention, but never see case content.",
    ),
    "draft_not_yours": (
        "Utkastet är inte ditt.",
        "The draft is not yours.",
    ),
    "act_as": (
        "Bara en administratör kan arbeta som en annan användare.",
        "Only an admin can work as another user.",
    ),
    "act_as_shared": (
        "På en delad databas arbetar var och en med sin egen inloggning.",
        "On a shared database everyone works with their own login.",
    ),
    "database": (
        "Databasen tillåter inte detta för din roll.",
        "The database does not allow this for your role.",
    ),
    "audit_action": (
        "Bara utskrift och export av ett ärende du får öppna registreras så; allt annat "
        "loggar programmet självt.",
        "Only printing or exporting a case you may open is recorded this way; everything "
        "else is logged by the program itself.",
    ),
    "last_admin": (
        "Databasen måste ha minst en administratör; gör någon annan till administratör först.",
        "The database must keep at least one admin; make someone else an admin first.",
    ),
    "hand_over_target": (
        "Ett utkast kan bara lämnas över till en kollega i mottagningen eller en "
        "socialsekreterare.",
        "A draft can only be handed over to a colleague in reception or a social worker.",
    ),
}


class DatabaseFault(StorageError):
    """The database cannot be used as it is: unreachable, damaged, read-only, full, busy, a
    bad URL... `code` names the fault (a key of `FAULTS`); the message says what is wrong and
    what to do, in one line, never with SQL, its parameters or personal data."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code if code in FAULTS else "failed"
        en = FAULTS[self.code][1]
        super().__init__(f"{en} ({detail})" if detail else en)

    def message(self, lang: str) -> str:
        sv, en = FAULTS[self.code]
        return sv if lang == "sv" else en


class UnknownAccountError(PermissionDenied):
    """The account this desk runs as (or the PostgreSQL login) is not a user of this database.
    The message names the admins who can add it; it is audited as a refusal."""

    def __init__(self, account: str, admins: list[str]) -> None:
        self.account = account
        self.admins = admins
        super().__init__(self.message("en"), code="unknown_account")

    def message(self, lang: str) -> str:
        who = ", ".join(self.admins)
        if lang == "sv":
            return f"Kontot {self.account} är inte användare i den här databasen. " + (
                f"En administratör kan lägga till det: {who}." if who else "Kontakta IT."
            )
        return f"the account {self.account} is not a user of this database; " + (
            f"an admin can add it: {who}" if who else "ask IT staff"
        )


class SchemaTooNewError(DatabaseFault):
    """The database was migrated by a newer version of intake than this one."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("schema_too_new", detail)


class SchemaOutdatedError(DatabaseFault):
    """A shared (PostgreSQL) database is older than this version: it is upgraded only on
    purpose, with `intake db upgrade`, so that one updated workstation does not lock out the
    others."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("schema_outdated", detail)


FAULTS: dict[str, tuple[str, str]] = {
    # (Swedish for the desk, English for the desk and IT staff's command line)
    "schema_too_new": (
        "Databasen har skapats av en nyare version av intake. Uppdatera intake på den här "
        "datorn innan du använder databasen.",
        "the database schema was created by a newer version of intake; update intake on this "
        "computer before using this database",
    ),
    "schema_outdated": (
        "Databasen har en äldre version än programmet. IT behöver köra `intake db upgrade`.",
        "the database schema is older than this version of intake; run `intake db upgrade` "
        "(IT staff) before using it",
    ),
    "no_revision": (
        "Databasens versionsuppgift saknas. Kontakta IT.",
        "the database has intake's tables but no schema revision (the alembic_version table "
        "is missing or empty); restore it from a backup",
    ),
    "bad_url": (
        "Databasens adress är felaktig. Kontakta IT.",
        "the database URL is not valid; expected sqlite:///PATH or postgresql://USER@HOST/DATABASE",
    ),
    "is_directory": (
        "Databasens sökväg är en mapp, inte en fil. Kontakta IT.",
        "the database path is a folder, not a file; give the path of the database file",
    ),
    "empty_file": (
        "Databasfilen är tom (0 byte). Återställ den från en säkerhetskopia eller kontakta IT.",
        "the database file is empty (0 bytes), so it is not a database intake made; restore "
        "it from a backup, or remove it to start a new, empty database",
    ),
    "corrupt": (
        "Databasfilen är skadad. Återställ den från en säkerhetskopia eller kontakta IT.",
        "the database file is damaged or is not a database; restore it from a backup",
    ),
    "read_only": (
        "Databasen kan inte skrivas: filen, mappen eller disken är skrivskyddad. Kontakta IT.",
        "the database cannot be written: its file, its folder or the disk is read-only; give "
        "this account write access",
    ),
    "cannot_open": (
        "Databasfilen kan inte öppnas. Kontakta IT.",
        "the database file cannot be opened; check that its folder exists and that this "
        "account may read and write it",
    ),
    "busy": (
        "Databasen är upptagen av ett annat program. Försök igen om en stund.",
        "the database is busy: another program holds a lock on it; try again in a moment",
    ),
    "disk_full": (
        "Disken är full, så inget kunde sparas. Frigör utrymme och försök igen.",
        "the disk is full, so nothing could be written; free some space and try again",
    ),
    "unreachable": (
        "Det går inte att nå databasservern. Kontakta IT.",
        "cannot connect to the database server: it refused the connection or is not "
        "running; check the host and port of the database URL and that the server is up",
    ),
    "no_database": (
        "Databasen finns inte på servern. Kontakta IT.",
        "the database named in the URL does not exist on the server; create it, or correct "
        "the name in the database URL",
    ),
    "login": (
        "Databasservern godtog inte inloggningen. Kontakta IT.",
        "the database server refused the login (user name, password or pg_hba.conf); ask "
        "the database administrator",
    ),
    "postgresql_only": (
        "Det här gäller bara en delad PostgreSQL-databas.",
        "this applies to a shared PostgreSQL database only (--db postgresql://...)",
    ),
    "failed": (
        "Databasen svarade med ett fel. Kontakta IT.",
        "the database reported an error; see the database server's log",
    ),
}


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
class SignIn:
    """Who works at this desk, as `Repository.identify` found out. `account` is the OS
    account (PostgreSQL: the login); `user` is who the session works as: the account's user,
    or with `act_as` the user an admin works as for support. `first_admin`: this very start
    made the account the first admin of an empty database (said on screen, audited)."""

    user: UserInfo
    account: str
    first_admin: bool = False

    @property
    def support(self) -> bool:
        """An admin works as another user (audited as `act_as`)."""
        return self.user.username != self.account


@dataclass(frozen=True, slots=True)
class DraftInfo:
    id: int
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime
    stamp: DialogueStamp
    language: str
    events: list[dict[str, Any]]  # AnswerEvent.to_json() entries, in order


class TaskState(StrEnum):
    OPEN = "open"
    DONE = "done"  # with the day it was really done and a note
    NOT_APPLICABLE = "not_applicable"  # with the reason in `note`
    WITHDRAWN = "withdrawn"  # a reassessment no longer plans it (kept, never deleted)


@dataclass(frozen=True, slots=True)
class TaskInfo:
    """A next step on the case's checklist. `due` is a deadline (the last day); `not_before`
    the earliest day it may be taken ("tidigast"); at most one of them is set."""

    id: int
    code: str
    title: str
    due: dt.date | None
    basis: str
    done_at: dt.datetime | None = None  # when the outcome was recorded
    done_by: str | None = None
    note: str = ""
    not_before: dt.date | None = None
    state: TaskState = TaskState.OPEN
    done_on: dt.date | None = None  # the day it was really done (may be before `done_at`)

    @property
    def is_open(self) -> bool:
        return self.state is TaskState.OPEN

    def overdue(self, today: dt.date) -> bool:
        return self.is_open and self.due is not None and self.due < today


@dataclass(frozen=True, slots=True)
class NoteInfo:
    """A journal note: appended, dated and signed, never edited in place."""

    id: int
    at: dt.datetime
    author: str  # username
    author_name: str
    text: str


@dataclass(frozen=True, slots=True)
class WorkflowEntry:
    """A step of the workflow as it happened: `on` is the real day, `at` when it was recorded."""

    step: WorkflowStep
    on: dt.date
    at: dt.datetime
    by: str
    status: CaseStatus  # the status it led to
    note: str = ""  # the reason, for closing and annulling; the new assignee for `assign`


@dataclass(frozen=True, slots=True)
class AssessmentRevision:
    """One assessment of the case: the first at reception, then one per reassessment. All are
    kept, with the rules they were made under, who made them, when and why."""

    at: dt.datetime
    by: str
    reason: str  # "" for the first assessment
    fields: list[str]  # the record fields answered or corrected (dotted paths)
    rules_version: str
    level: str
    urgency: str
    assessment: dict[str, Any]


@dataclass(frozen=True, slots=True)
class LetterInfo:
    """A letter made for the case (filled in by the letters feature): each re-generation is a
    new version; `sent_on` set once it was sent, which feeds the workflow."""

    id: int
    kind: str  # official_letter, transfer_request, ivo_application
    version: int
    created_at: dt.datetime
    created_by: str
    sent_on: dt.date | None = None


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
    origin_district: str = ""
    next_due: dt.date | None = None  # the earliest deadline among the open steps
    open_questions: int = 0  # the assessment's open questions not yet answered

    def overdue(self, today: dt.date) -> bool:
        return self.next_due is not None and self.next_due < today


class CaseSort(StrEnum):
    """The case list's columns; each has an index (see docs/storage.md)."""

    NUMBER = "number"
    CREATED = "created"
    ORIGIN = "origin"
    LEVEL = "level"
    URGENCY = "urgency"
    STATUS = "status"
    ASSIGNEE = "assignee"
    NEXT_DUE = "next_due"


@dataclass(frozen=True, slots=True)
class CaseQuery:
    """A page of the case list. Filters combine with AND; SQL filters, sorts, counts and pages.

    `statuses` empty means the open cases (neither closed nor annulled); `assignee` a
    username; `mine` the acting user; `overdue` an open step past its due date on `today`;
    `text` searches the number, the origin (code, name or district) and the journal notes.
    `count` False leaves the total uncounted (None) unless the page shows it is the last: the
    list screen asks `count_cases` after drawing the first rows, since counting every match
    can cost more than the page."""

    statuses: tuple[CaseStatus, ...] = ()
    level: str | None = None
    urgency: str | None = None
    assignee: str | None = None
    unassigned: bool = False
    mine: bool = False
    overdue: bool = False
    open_questions: bool = False
    text: str = ""
    sort: CaseSort = CaseSort.CREATED
    descending: bool = True
    offset: int = 0
    limit: int = 100
    today: dt.date | None = None  # for `overdue`; default the database's today
    count: bool = True


@dataclass(frozen=True, slots=True)
class CasePage:
    rows: list[CaseSummary]
    total: int | None  # rows matching the query, all pages; None: not counted (`count`)
    offset: int


@dataclass(frozen=True, slots=True)
class Reassessment:
    """Answers to open questions or corrected facts, assessed again under the current rules by
    the caller (`intake.core.reassess`); the repository keeps both assessments."""

    record: dict[str, Any]  # the whole record with the answers applied
    assessment: dict[str, Any]  # its new assessment
    fields: list[str]  # what was answered or corrected (dotted paths)
    reason: str


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
    assessment: dict[str, Any]  # intake-assessment/2
    stamp: DialogueStamp
    language: str
    version: int  # optimistic locking
    tasks: list[TaskInfo] = field(default_factory=list)
    transcript: list[TranscriptItem] = field(default_factory=list)
    notes: list[NoteInfo] = field(default_factory=list)
    workflow: list[WorkflowEntry] = field(default_factory=list)
    assessments: list[AssessmentRevision] = field(default_factory=list)  # oldest first
    letters: list[LetterInfo] = field(default_factory=list)
    closed_reason: str = ""

    @property
    def effective_level(self) -> str:
        return self.level_override or self.level

    @property
    def open_questions(self) -> list[dict[str, Any]]:
        questions: list[dict[str, Any]] = self.assessment.get("open_questions", [])
        return questions

    def step_date(self, step: WorkflowStep) -> dt.date | None:
        """The real day `step` was last taken, if it was."""
        return next((e.on for e in reversed(self.workflow) if e.step is step), None)


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
class DatabaseStatus:
    """What IT staff's `intake db status` shows: no personal data, counts only."""

    backend: str  # "sqlite" or "postgresql"
    revisions: tuple[str, ...]  # the database's migration revision(s)
    head: str  # the revision this version of intake writes
    cases: int
    drafts: int
    users: int


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: dt.datetime
    username: str
    action: AuditAction
    case_number: str | None
    detail: str = ""  # a purge's parameters, a role change, what was refused: never content


@dataclass(frozen=True, slots=True)
class AuditQuery:
    """Which audit rows to read (logguppföljning): every given condition must hold."""

    case_number: str | None = None
    username: str | None = None
    action: AuditAction | None = None
    day: dt.date | None = None  # a UTC calendar day
    since: dt.date | None = None  # from this UTC day on
    limit: int = 100_000
    offset: int = 0  # rows to pass over first (a page of the admin's audit screen)


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
    def update_case(
        self, user: UserInfo, number: str, expected_version: int, changes: dict[str, Any]
    ) -> CaseInfo: ...
    # audit (logguppföljning) and retention (gallring)
    def record_audit(
        self, user: UserInfo, action: AuditAction, case_number: str | None
    ) -> None: ...
    def audit_for_case(self, user: UserInfo, number: str) -> list[AuditEntry]: ...
    def audit_for_user(self, user: UserInfo, username: str) -> list[AuditEntry]: ...
    def purge(
        self, user: UserInfo, *, today: dt.date, apply: bool, years: int = 5
    ) -> list[str]: ...

    # who is working: the OS account (SQLite) or the login (PostgreSQL), never a typed name
    def sign_in(self, act_as: str | None = None) -> UserInfo:
        """The user this desk runs as. The very first start on an empty embedded database
        makes the account its first admin (audited as `bootstrap`). An account that is not a
        user raises `UnknownAccountError` (audited). `act_as` (support): an admin may work
        as another user, audited as `act_as`; anyone else is refused."""
        ...

    def identify(self, act_as: str | None = None) -> SignIn:
        """`sign_in`, with what the screen must say: the account, and whether this start made
        it the first admin."""
        ...

    def close(self) -> None: ...


class AdminRepository(Repository, Protocol):
    """What IT staff's command-line tools (`intake db`, `intake audit`) need beyond the app's
    interface: counts, the schema revision, and gallring of abandoned drafts."""

    def status(self) -> DatabaseStatus: ...
    def audit_entries(self, admin: UserInfo, query: AuditQuery) -> list[AuditEntry]:
        """Audit rows matching `query`, oldest first (admins only)."""
        ...

    def count_audit(self, admin: UserInfo, query: AuditQuery) -> int:
        """How many audit rows match `query`, all pages (admins only)."""
        ...

    def add_user(self, admin: UserInfo, username: str, display_name: str, role: Role) -> UserInfo:
        """Add a user or change a user's name and role, as `admin` (audited)."""
        ...

    def purge_drafts(
        self, user: UserInfo, *, today: dt.date, apply: bool, years: int = 5
    ) -> list[int]: ...


class CaseWork(Repository, Protocol):
    """Working a case after reception (issue 15): the list, the checklist, the journal, the
    workflow and reassessment. Every method re-reads the role, enforces the workflow
    (`intake.core.workflow.check`) and audits the read or change, and a refusal too.
    (Kept apart from `Repository` until `SqlRepository` implements it on the new schema.)"""

    def complete_task(
        self,
        user: UserInfo,
        number: str,
        task_id: int,
        note: str = "",
        *,
        done_on: dt.date | None = None,
    ) -> CaseInfo:
        """Done on `done_on` (default today) with a note; a workflow step's task (see
        `intake.core.workflow.TASK_STEPS`) records that step on the same day."""
        ...

    def find_cases(self, user: UserInfo, query: CaseQuery) -> CasePage:
        """A page of the list (reception: only the cases it created)."""
        ...

    def count_cases(self, user: UserInfo, query: CaseQuery) -> int:
        """How many cases `query` matches (for a list whose first page came uncounted)."""
        ...

    def assign_case(self, user: UserInfo, number: str, assignee: str | None) -> CaseInfo:
        """Assign (or with None, unassign) a social worker; new ↔ assigned."""
        ...

    def add_note(self, user: UserInfo, number: str, text: str) -> CaseInfo:
        """Append a journal note, dated and signed by `user`."""
        ...

    def mark_task_not_applicable(
        self, user: UserInfo, number: str, task_id: int, reason: str
    ) -> CaseInfo: ...

    def record_step(
        self, user: UserInfo, number: str, step: WorkflowStep, *, on: dt.date, note: str = ""
    ) -> CaseInfo:
        """A workflow step taken on `on` (e.g. the transfer request sent, from the letters
        feature); the step's task is marked done and dependent dates are recomputed."""
        ...

    def close_case(self, user: UserInfo, number: str, reason: str) -> CaseInfo: ...
    def annul_case(self, user: UserInfo, number: str, reason: str) -> CaseInfo: ...
    def reassess_case(
        self, user: UserInfo, number: str, expected_version: int, change: Reassessment
    ) -> CaseInfo: ...

    # letters (issue 16): kept with the case, every version; sending one is its workflow step
    def save_letter(self, user: UserInfo, number: str, kind: str, content: bytes) -> LetterInfo:
        """Keep a letter just made (.docx bytes) as the next version of its kind."""
        ...

    def letter_content(
        self, user: UserInfo, number: str, letter_id: int
    ) -> tuple[LetterInfo, bytes]: ...

    def mark_letter_sent(
        self, user: UserInfo, number: str, letter_id: int, on: dt.date
    ) -> CaseInfo:
        """Sent on `on`: records the letter's workflow step (`intake.core.letters.SENT_STEP`)."""
        ...

    # drafts, seen from their owner
    def hand_over_draft(self, user: UserInfo, draft_id: int, to_username: str) -> None: ...
