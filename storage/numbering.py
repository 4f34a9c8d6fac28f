"""Case numbers `YYYY-NNNN`: unique and without gaps per year, with any number of
workstations writing at once.

The year's counter row is bumped with INSERT ... ON CONFLICT DO UPDATE ... RETURNING inside
the transaction that inserts the case: on PostgreSQL the row lock makes a second writer wait
for the first to commit or roll back; on SQLite the write lock taken at BEGIN IMMEDIATE
serialises writers. A rolled-back insert takes its number back with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from storage.models import CaseCounter

if TYPE_CHECKING:
    from sqlalchemy.dialects.postgresql import Insert as PgInsert
    from sqlalchemy.dialects.sqlite import Insert as SqliteInsert


def next_case_number(session: Session, year: int) -> int:
    # Each dialect's insert is imported on use: the PostgreSQL dialect costs an embedded
    # SQLite user ~30 ms and ~2 MB at start.
    insert: Callable[[Table], PgInsert | SqliteInsert]
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        insert = postgresql.insert
    else:
        from sqlalchemy.dialects import sqlite

        insert = sqlite.insert
    table = cast(Table, CaseCounter.__table__)
    stmt = (
        insert(table)
        .values(year=year, last_number=1)
        .on_conflict_do_update(
            index_elements=[table.c.year], set_={"last_number": table.c.last_number + 1}
        )
        .returning(table.c.last_number)
    )
    return int(session.execute(stmt).scalar_one())
