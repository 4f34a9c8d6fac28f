"""Drafts keep their answer log one row an event (a save appends); audit rows get a detail."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from storage.drafts import digest

revision: str = "0002"
down_revision: str | None = "0001"

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
OLD_DRAFTS = sa.table("drafts", sa.column("id", sa.Integer), sa.column("events", JSON))


def upgrade() -> None:
    conn = op.get_bind()
    logs = {row.id: list(row.events or []) for row in conn.execute(sa.select(OLD_DRAFTS))}
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(sa.Column("event_count", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("events_digest", sa.String(64), nullable=True))
        batch.drop_column("events")
    new_drafts = sa.table(
        "drafts",
        sa.column("id", sa.Integer),
        sa.column("event_count", sa.Integer),
        sa.column("events_digest", sa.String),
    )
    for draft_id, events in logs.items():
        conn.execute(
            sa.update(new_drafts)
            .where(new_drafts.c.id == draft_id)
            .values(event_count=len(events), events_digest=digest(events))
        )
    with op.batch_alter_table("drafts") as batch:
        batch.alter_column("event_count", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("events_digest", existing_type=sa.String(64), nullable=False)
    events_table = op.create_table(
        "draft_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("event", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"], ["drafts.id"], name="fk_draft_events_draft_id_drafts", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_draft_events"),
        sa.UniqueConstraint("draft_id", "position", name="uq_draft_events_draft_id"),
    )
    rows = [
        {"draft_id": draft_id, "position": i, "event": event}
        for draft_id, events in logs.items()
        for i, event in enumerate(events, start=1)
    ]
    if rows:
        op.bulk_insert(events_table, rows)
    # Not in batch mode: on SQLite a batch would copy the table and lose its triggers.
    op.add_column("audit_events", sa.Column("detail", sa.String(200), nullable=True))


def downgrade() -> None:
    raise NotImplementedError("restore the backup taken before the upgrade")
