"""The case list's nullable sorts (next due date, assignee, origin) read an index in order, with "no
value" last in both directions; see `storage.schema._nulls_last_order`.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"


def upgrade() -> None:
    for column in ("next_due", "assignee", "origin_code"):
        no_value = sa.text(f"({column} IS NULL)")
        op.create_index(f"ix_cases_{column}_order", "cases", [no_value, column, "created_at", "id"])
        op.create_index(
            f"ix_cases_{column}_order_desc",
            "cases",
            [no_value, sa.text(f"{column} DESC"), sa.text("created_at DESC"), sa.text("id DESC")],
        )


def downgrade() -> None:
    raise NotImplementedError("restore the backup taken before the upgrade")
