"""Pieces the migrations build their tables from (storage/migrations/versions/).

Frozen like the released migrations that use them: what these return is part of what those
migrations do, so a change here would change a deployed database's history. Add a new piece
rather than edit one (tests/storage/test_migrations.py compares the result with the schema).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op


def case_row_keys() -> tuple[sa.Column[int], sa.Column[int]]:
    """The id and the owning case of a row that belongs to one case (new objects each call)."""
    return sa.Column("id", sa.Integer(), nullable=False), sa.Column(
        "case_id", sa.Integer(), nullable=False
    )


def case_fk(table: str) -> sa.ForeignKeyConstraint:
    """The row goes with its case (ON DELETE CASCADE)."""
    return sa.ForeignKeyConstraint(
        ["case_id"], ["cases.id"], name=f"fk_{table}_case_id_cases", ondelete="CASCADE"
    )


def user_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    """`column` names a user."""
    return sa.ForeignKeyConstraint([column], ["users.username"], name=f"fk_{table}_{column}_users")


def create_case_rows(name: str, *columns: sa.Column[Any], user_column: str) -> None:
    """Create `name`, a table of rows that belong to one case and name a user: the id and the
    case (`case_row_keys`), `columns`, the primary key, the keys to the case (`case_fk`) and to
    the user in `user_column` (`user_fk`), and an index on the case."""
    op.create_table(
        name,
        *case_row_keys(),
        *columns,
        sa.PrimaryKeyConstraint("id", name=f"pk_{name}"),
        case_fk(name),
        user_fk(name, user_column),
    )
    op.create_index(f"ix_{name}_case_id", name, ["case_id"])
