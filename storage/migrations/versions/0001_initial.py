"""Initial schema: users, cases with transcript, tasks and changes, drafts, append-only audit."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from storage.migration_tables import case_fk, case_row_keys, user_fk

revision: str = "0001"
down_revision: str | None = None

TS = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

SQLITE_TRIGGERS = (
    """CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
       BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END""",
    """CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
       BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END""",
)
PG_TRIGGERS = (
    """CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$""",
    """CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
       FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()""",
    """CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
       FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()""",
    # For the record: the application role needs INSERT and SELECT only. The trigger above
    # also binds a superuser, which REVOKE cannot.
    "REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC",
)





def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
    )
    op.create_table(
        "case_counters",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name="pk_case_counters"),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("assignee", sa.String(64), nullable=True),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("level_override", sa.String(20), nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("effective_level", sa.String(20), nullable=False),
        sa.Column("urgency", sa.String(16), nullable=False),
        sa.Column("origin_code", sa.String(4), nullable=True),
        sa.Column("record", JSON, nullable=False),
        sa.Column("assessment", JSON, nullable=False),
        sa.Column("dialogue_id", sa.String(100), nullable=False),
        sa.Column("dialogue_version", sa.String(50), nullable=False),
        sa.Column("dialogue_sha256", sa.String(64), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("last_entry_at", TS, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        user_fk("cases", "created_by"),
        user_fk("cases", "assignee"),
        sa.PrimaryKeyConstraint("id", name="pk_cases"),
        sa.UniqueConstraint("number", name="uq_cases_number"),
        sa.UniqueConstraint("year", "seq", name="uq_cases_year"),
    )
    op.create_index("ix_cases_created_at", "cases", ["created_at"])
    op.create_index("ix_cases_created_by", "cases", ["created_by"])
    op.create_index("ix_cases_status_created", "cases", ["status", "created_at"])
    op.create_index("ix_cases_effective_level_created", "cases", ["effective_level", "created_at"])
    op.create_index("ix_cases_origin_created", "cases", ["origin_code", "created_at"])

    op.create_table(
        "transcript_entries",
        *case_row_keys(),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(100), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        case_fk("transcript_entries"),
        sa.PrimaryKeyConstraint("id", name="pk_transcript_entries"),
        sa.UniqueConstraint("case_id", "position", name="uq_transcript_entries_case_id"),
    )
    op.create_table(
        "tasks",
        *case_row_keys(),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("done_at", TS, nullable=True),
        sa.Column("done_by", sa.String(64), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        case_fk("tasks"),
        user_fk("tasks", "done_by"),
        sa.PrimaryKeyConstraint("id", name="pk_tasks"),
    )
    op.create_index("ix_tasks_case_id", "tasks", ["case_id"])
    op.create_table(
        "case_changes",
        *case_row_keys(),
        sa.Column("at", TS, nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("old_value", JSON, nullable=True),
        sa.Column("new_value", JSON, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        case_fk("case_changes"),
        user_fk("case_changes", "username"),
        sa.PrimaryKeyConstraint("id", name="pk_case_changes"),
    )
    op.create_index("ix_case_changes_case_id", "case_changes", ["case_id"])
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("events", JSON, nullable=False),
        sa.Column("dialogue_id", sa.String(100), nullable=False),
        sa.Column("dialogue_version", sa.String(50), nullable=False),
        sa.Column("dialogue_sha256", sa.String(64), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        user_fk("drafts", "created_by"),
        sa.PrimaryKeyConstraint("id", name="pk_drafts"),
    )
    op.create_index("ix_drafts_created_by", "drafts", ["created_by"])
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("case_number", sa.String(16), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_audit_events"),
    )
    op.create_index("ix_audit_case", "audit_events", ["case_number", "at"])
    op.create_index("ix_audit_user", "audit_events", ["username", "at"])

    dialect = op.get_bind().dialect.name
    for statement in SQLITE_TRIGGERS if dialect == "sqlite" else PG_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_change ON audit_events")
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events")
        op.execute("DROP FUNCTION IF EXISTS audit_events_append_only()")
    for table in (
        "audit_events",
        "drafts",
        "case_changes",
        "tasks",
        "transcript_entries",
        "cases",
        "case_counters",
        "users",
    ):
        op.drop_table(table)
