"""Letters made for a case (issue 16): each version kept, with who made it, when, and the day
it was sent.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.migration_tables import case_fk, case_row_keys, user_fk

revision: str = "0004"
down_revision: str | None = "0003"


def upgrade() -> None:
    op.create_table(
        "case_letters",
        *case_row_keys(),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_case_letters"),
        case_fk("case_letters"),
        user_fk("case_letters", "created_by"),
        sa.UniqueConstraint("case_id", "kind", "version", name="uq_case_letters_case_id"),
    )


def downgrade() -> None:
    op.drop_table("case_letters")
