"""The tables, once: SQLAlchemy Core `Table`s that the migrations are compared with
(tests/storage/test_migrations.py) and that every query in `storage/` uses.

Core only, no ORM: a visit (drafts after every answer, the created case) and the case screens
use the same statements and never load `sqlalchemy.orm`. Times are stored in UTC and always
come back timezone-aware, on SQLite too (`storage.types.UTCDateTime`).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    column,
    table,
    text,
)
from sqlalchemy.schema import SchemaItem

from storage.types import JsonType, UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)


def _user_ref(name: str, *, nullable: bool = False) -> Column[str]:
    return Column(name, String(64), ForeignKey("users.username"), nullable=nullable)


def _nulls_last_order(column: str) -> tuple[Index, Index]:
    """The indexes a sort on a nullable `column` of `cases` reads in order: "no value" last in
    both directions (`storage.case_list.order_by`), ties by creation, then id; one index per
    direction, because the first key stays ascending while the others turn (migration 0006)."""
    no_value = text(f"({column} IS NULL)")
    return (
        Index(f"ix_cases_{column}_order", no_value, column, "created_at", "id"),
        Index(
            f"ix_cases_{column}_order_desc",
            no_value,
            text(f"{column} DESC"),
            text("created_at DESC"),
            text("id DESC"),
        ),
    )


def _case_table(name: str, *items: SchemaItem, indexed: bool = True) -> Table:
    """A table of rows that belong to one case and go with it (ON DELETE CASCADE): an id, the
    case, then `items`; indexed by case unless a unique constraint starts with it."""
    index = (Index(f"ix_{name}_case_id", "case_id"),) if indexed else ()
    return Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True),
        Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
        *items,
        *index,
    )


users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)

# The last number handed out per year; bumped in the same transaction as the case insert.
case_counters = Table(
    "case_counters",
    metadata,
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("last_number", Integer, nullable=False),
)

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("number", String(16), nullable=False, unique=True),  # YYYY-NNNN
    Column("year", Integer, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("status", String(32), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False, index=True),
    _user_ref("created_by"),
    _user_ref("assignee", nullable=True),
    Column("level", String(20), nullable=False),
    Column("level_override", String(20), nullable=True),
    Column("override_reason", Text, nullable=False, default=""),
    # The level in force (the override when there is one), kept so that it can be indexed.
    Column("effective_level", String(20), nullable=False),
    Column("urgency", String(16), nullable=False),
    Column("origin_code", String(4), nullable=True),
    Column("record", JsonType(), nullable=False),
    Column("assessment", JsonType(), nullable=False),
    Column("dialogue_id", String(100), nullable=False),
    Column("dialogue_version", String(50), nullable=False),
    Column("dialogue_sha256", String(64), nullable=False),
    Column("language", String(8), nullable=False),
    # The latest entry in the file (creation, a change, a completed task): retention counts
    # from here.
    Column("last_entry_at", UTCDateTime(), nullable=False),
    # In gallring's research sample (born on the 5th, 15th or 25th): kept. Worked out from
    # the record when the case is made, so that a purge never reads case content.
    Column("research_sample", Boolean, nullable=False, default=False),
    # Optimistic locking: every change is `UPDATE ... WHERE version = <the caller's>`.
    Column("version", Integer, nullable=False),
    # Kept for the case list (storage.case_list), so that SQL filters and sorts on columns:
    Column("origin_district", String(100), nullable=False, server_default=""),
    Column("next_due", Date, nullable=True),  # the earliest deadline among the open steps
    Column("open_questions", Integer, nullable=False, server_default="0"),
    Column("search_text", Text, nullable=False, server_default=""),  # number, origin, notes
    Column("closed_at", UTCDateTime(), nullable=True),
    Column("closed_reason", Text, nullable=False, server_default=""),
    Column("transfer_request_sent_on", Date, nullable=True),
    UniqueConstraint("year", "seq"),
    Index("ix_cases_status_created", "status", "created_at"),
    Index("ix_cases_effective_level_created", "effective_level", "created_at"),
    Index("ix_cases_origin_created", "origin_code", "created_at"),
    Index("ix_cases_created_by", "created_by"),
    # One per filter and sort of the case list (migration 0003).
    Index("ix_cases_urgency_created", "urgency", "created_at"),
    Index("ix_cases_assignee_created", "assignee", "created_at"),
    Index("ix_cases_next_due", "next_due"),
    Index("ix_cases_open_questions", "open_questions", "created_at"),
    Index("ix_cases_status_next_due", "status", "next_due"),
    Index("ix_cases_status_urgency", "status", "urgency"),
    Index("ix_cases_status_level", "status", "effective_level"),
    Index("ix_cases_status_assignee", "status", "assignee"),
    Index("ix_cases_status_origin", "status", "origin_code"),
    Index("ix_cases_status_number", "status", "number"),
    *_nulls_last_order("next_due"),
    *_nulls_last_order("assignee"),
    *_nulls_last_order("origin_code"),
)

# Not described here, since each engine has its own: the free-text search index of
# `cases.search_text` (SQLite: the FTS5 table `cases_search` and the shadow tables FTS5 keeps
# for it; PostgreSQL: the GIN index `ix_cases_search`), made by migration 0007 and read by
# `storage.case_list.TextSearch`.
cases_search = table("cases_search", column("rowid"))  # SQLite: what a search query reads
SEARCH_INDEX_OBJECTS = frozenset(
    {
        "cases_search",
        "cases_search_data",
        "cases_search_idx",
        "cases_search_docsize",
        "cases_search_config",
        "ix_cases_search",
    }
)

# One question and its answer, exactly as shown on screen, in order.
transcript_entries = _case_table(
    "transcript_entries",
    Column("position", Integer, nullable=False),
    Column("question_id", String(100), nullable=False),
    Column("question", Text, nullable=False),
    Column("answer", Text, nullable=False),
    UniqueConstraint("case_id", "position"),
    indexed=False,
)

# A next step of the case (from the assessment's `next_steps`).
tasks = _case_table(
    "tasks",
    Column("position", Integer, nullable=False),
    Column("code", String(64), nullable=False),
    Column("title", Text, nullable=False),
    Column("due", Date, nullable=True),
    Column("basis", Text, nullable=False, default=""),
    Column("done_at", UTCDateTime(), nullable=True),
    _user_ref("done_by", nullable=True),
    Column("note", Text, nullable=False, default=""),
    Column("not_before", Date, nullable=True),  # the earliest day ("tidigast")
    Column("state", String(20), nullable=False, server_default="open"),  # storage.api.TaskState
    Column("done_on", Date, nullable=True),  # the day it was really done
)

# The case's journal: appended, dated and signed, never edited in place.
case_notes = _case_table(
    "case_notes",
    Column("at", UTCDateTime(), nullable=False),
    _user_ref("author"),
    Column("text", Text, nullable=False),
)

# The workflow's steps as they happened (intake.core.workflow): the real day and who.
workflow_entries = _case_table(
    "workflow_entries",
    Column("step", String(32), nullable=False),
    Column("on", Date, nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    _user_ref("by"),
    Column("status", String(32), nullable=False),
    Column("note", Text, nullable=False, server_default=""),
)

# Every assessment of a case: the first at reception, then one per reassessment.
assessment_revisions = _case_table(
    "assessment_revisions",
    Column("at", UTCDateTime(), nullable=False),
    _user_ref("by"),
    Column("reason", Text, nullable=False, server_default=""),
    Column("fields", JsonType(), nullable=False),
    Column("rules_version", String(100), nullable=False, server_default=""),
    Column("level", String(20), nullable=False),
    Column("urgency", String(16), nullable=False),
    Column("assessment", JsonType(), nullable=False),
)

# The letters made for a case (intake/exports): every re-generation is a new version, the
# earlier ones kept; `sent_on` is the day the registry sent it, which moves the workflow.
case_letters = _case_table(
    "case_letters",
    Column("kind", String(32), nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    _user_ref("created_by"),
    Column("content", LargeBinary, nullable=False),
    Column("sent_on", Date, nullable=True),
    UniqueConstraint("case_id", "kind", "version"),
    indexed=False,
)

# A correction or update of a created case: the old value stays on file beside the new one.
# `version` is the case version the change produced, so that a conflict can name what changed
# since the caller's version.
case_changes = _case_table(
    "case_changes",
    Column("at", UTCDateTime(), nullable=False),
    _user_ref("username"),
    Column("field", String(64), nullable=False),
    Column("old_value", JsonType(), nullable=True),
    Column("new_value", JsonType(), nullable=True),
    Column("version", Integer, nullable=False),
)

# An unfinished intake. Its answer log is in `draft_events`, one row an event, so that a save
# appends the new answer instead of rewriting the log; `event_count` and `events_digest`
# (SHA-256 of the log as saved, see `storage.drafts.digest`) tell a save whether the stored
# log is the beginning of the one it brings.
drafts = Table(
    "drafts",
    metadata,
    Column("id", Integer, primary_key=True),
    _user_ref("created_by"),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Column("event_count", Integer, nullable=False),
    Column("events_digest", String(64), nullable=False),
    Column("dialogue_id", String(100), nullable=False),
    Column("dialogue_version", String(50), nullable=False),
    Column("dialogue_sha256", String(64), nullable=False),
    Column("language", String(8), nullable=False),
    Index("ix_drafts_created_by", "created_by"),
)

draft_events = Table(
    "draft_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("draft_id", Integer, ForeignKey("drafts.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),  # 1, 2, ... in the order answered
    Column("event", JsonType(), nullable=False),  # AnswerEvent.to_json()
    UniqueConstraint("draft_id", "position"),
)

# Who did what to which case, and when: no personal data, never changed or removed (database
# triggers refuse UPDATE and DELETE). Not linked by foreign key, so that it outlives the
# purged case and stays readable.
audit_events = Table(
    "audit_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime(), nullable=False),
    Column("username", String(64), nullable=False),
    Column("action", String(20), nullable=False),
    Column("case_number", String(16), nullable=True),
    # What else the action needs to be understood, never personal data: the parameters of a
    # purge, the role before and after a change, what a refusal refused.
    Column("detail", String(200), nullable=True),
    Index("ix_audit_case", "case_number", "at"),
    Index("ix_audit_user", "username", "at"),
    # Roles that may append but not read (PostgreSQL: all but admins) cannot use RETURNING.
    implicit_returning=False,
)
