"""Pieces the migrations build their tables from (storage/migrations/versions/).

Frozen like the released migrations that use them: what these return is part of what those
migrations do, so a change here would change a deployed database's history. Add a new piece
rather than edit one (tests/storage/test_migrations.py compares the result with the schema).
"""

from __future__ import annotations

import sqlalchemy as sa


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
