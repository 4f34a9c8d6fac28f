"""Cases carry whether they are in gallring's research sample, so a purge reads no content."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from storage.retention import in_research_sample

revision: str = "0005"
down_revision: str | None = "0004"

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    # Not in batch mode: on SQLite a batch would copy the table. A server default lets
    # ADD COLUMN fill the existing rows; it is dropped below on PostgreSQL (SQLite keeps it).
    op.add_column(
        "cases",
        sa.Column("research_sample", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    cases = sa.table(
        "cases",
        sa.column("id", sa.Integer),
        sa.column("record", JSON),
        sa.column("research_sample", sa.Boolean),
    )
    conn = op.get_bind()
    sampled = [
        row.id
        for row in conn.execute(sa.select(cases.c.id, cases.c.record))
        if in_research_sample(row.record or {})
    ]
    for start in range(0, len(sampled), 500):
        conn.execute(
            sa.update(cases)
            .where(cases.c.id.in_(sampled[start : start + 500]))
            .values(research_sample=True)
        )


def downgrade() -> None:
    raise NotImplementedError("restore the backup taken before the upgrade")
