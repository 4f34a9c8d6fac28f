"""Case work (issue 15): the journal, the workflow, reassessments, task outcomes, and the
columns and indexes the case list filters and sorts on.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from storage.case_list import search_text
from storage.migration_tables import create_case_rows

revision: str = "0003"
down_revision: str | None = "0002"

TS = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _case_columns() -> tuple[sa.Column[Any], ...]:
    """New `Column` objects each call: a column belongs to one table once added."""
    return (
        sa.Column("origin_district", sa.String(100), nullable=False, server_default=""),
        sa.Column("next_due", sa.Date(), nullable=True),
        sa.Column("open_questions", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("search_text", sa.Text(), nullable=False, server_default=""),
        sa.Column("closed_at", TS, nullable=True),
        sa.Column("closed_reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("transfer_request_sent_on", sa.Date(), nullable=True),
    )


def _task_columns() -> tuple[sa.Column[Any], ...]:
    return (
        sa.Column("not_before", sa.Date(), nullable=True),
        sa.Column("state", sa.String(20), nullable=False, server_default="open"),
        sa.Column("done_on", sa.Date(), nullable=True),
    )


INDEXES = {
    "ix_cases_urgency_created": ["urgency", "created_at"],
    "ix_cases_assignee_created": ["assignee", "created_at"],
    "ix_cases_next_due": ["next_due"],
    "ix_cases_open_questions": ["open_questions", "created_at"],
    "ix_cases_status_next_due": ["status", "next_due"],
    "ix_cases_status_urgency": ["status", "urgency"],
    "ix_cases_status_level": ["status", "effective_level"],
    "ix_cases_status_assignee": ["status", "assignee"],
    "ix_cases_status_origin": ["status", "origin_code"],
    "ix_cases_status_number": ["status", "number"],
}


def _widen_status(length: int, before: int) -> None:
    """`cases.status` holds the workflow's longer names. On SQLite, rebuilding `cases` (a batch
    operation) would drop the old table, which with foreign keys on deletes every task,
    transcript line and change of every case; a VARCHAR's length is only its declaration
    there (never enforced, nothing stored changes), so the declaration is rewritten in place,
    as SQLite's own ALTER TABLE procedure does for changes that leave the file's format."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.alter_column(
            "cases",
            "status",
            type_=sa.String(length),
            existing_type=sa.String(before),
            existing_nullable=False,
        )
        return
    version = int(bind.exec_driver_sql("PRAGMA schema_version").scalar_one())
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'cases'",
        (f"status VARCHAR({before}) NOT NULL", f"status VARCHAR({length}) NOT NULL"),
    )
    bind.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch rebuild of `cases` or `tasks` (see _widen_status).
    _widen_status(32, 16)
    for column in _case_columns():
        op.add_column("cases", column)
    for column in _task_columns():
        op.add_column("tasks", column)
    for name, columns in INDEXES.items():
        op.create_index(name, "cases", columns)

    create_case_rows(
        "case_notes",
        sa.Column("at", TS, nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        user_column="author",
    )
    create_case_rows(
        "workflow_entries",
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("by", sa.String(64), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        user_column="by",
    )
    create_case_rows(
        "assessment_revisions",
        sa.Column("at", TS, nullable=False),
        sa.Column("by", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("fields", JSON, nullable=False),
        sa.Column("rules_version", sa.String(100), nullable=False, server_default=""),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("urgency", sa.String(16), nullable=False),
        sa.Column("assessment", JSON, nullable=False),
        user_column="by",
    )
    _backfill()


def _backfill() -> None:
    """Cases made before this revision: their list columns, tasks' states, first assessment."""
    bind = op.get_bind()
    meta = sa.MetaData()
    cases = sa.Table("cases", meta, autoload_with=bind)
    tasks = sa.Table("tasks", meta, autoload_with=bind)
    revisions = sa.Table("assessment_revisions", meta, autoload_with=bind)
    done = sa.case((tasks.c.done_at.is_(None), "open"), else_="done")
    bind.execute(tasks.update().values(state=done))
    rows = bind.execute(
        sa.select(
            cases.c.id,
            cases.c.number,
            cases.c.record,
            cases.c.assessment,
            cases.c.origin_code,
            cases.c.created_at,
            cases.c.created_by,
            cases.c.level,
            cases.c.urgency,
        )
    ).all()
    for row in rows:
        record: dict[str, Any] = row.record or {}
        assessment: dict[str, Any] = row.assessment or {}
        next_due = bind.scalar(
            sa.select(sa.func.min(tasks.c.due)).where(
                tasks.c.case_id == row.id, tasks.c.done_at.is_(None)
            )
        )
        district = str(record.get("origin_district") or "")
        bind.execute(
            cases.update()
            .where(cases.c.id == row.id)
            .values(
                origin_district=district,
                next_due=next_due,
                open_questions=len(assessment.get("open_questions") or []),
                search_text=search_text(row.number, row.origin_code, district, []),
            )
        )
        bind.execute(
            revisions.insert().values(
                case_id=row.id,
                at=row.created_at,
                by=row.created_by,
                reason="",
                fields=[],
                rules_version=str((assessment.get("rules") or {}).get("version", "")),
                level=row.level,
                urgency=row.urgency,
                assessment=assessment,
            )
        )


def downgrade() -> None:
    for table in ("assessment_revisions", "workflow_entries", "case_notes"):
        op.drop_table(table)
    for name in INDEXES:
        op.drop_index(name, "cases")
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35 and later), not a batch rebuild: see _widen_status
    for table, columns in (("tasks", _task_columns()), ("cases", _case_columns())):
        for column in columns:
            op.execute(f'ALTER TABLE {table} DROP COLUMN "{column.name}"')
    _widen_status(16, 32)
