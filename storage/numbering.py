"""Case numbers `YYYY-NNNN`: unique and without gaps per year, with any number of
workstations writing at once.

The year's counter row is bumped with INSERT ... ON CONFLICT DO UPDATE ... RETURNING inside
the transaction that inserts the case: on PostgreSQL the row lock makes a second writer wait
for the first to commit or roll back; on SQLite the write lock taken at BEGIN IMMEDIATE
serialises writers. A rolled-back insert takes its number back with it.

Each dialect's `insert` (for ON CONFLICT) is imported on use: the PostgreSQL dialect would
cost an embedded SQLite user start-up time and memory (docs/benchmarks.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Table

from storage.schema import case_counters

if TYPE_CHECKING:
    from sqlalchemy.dialects.postgresql import Insert as PgInsert
    from sqlalchemy.dialects.sqlite import Insert as SqliteInsert


def next_case_number(conn: Connection, year: int) -> int:
    insert: Callable[[Table], PgInsert | SqliteInsert]
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        insert = postgresql.insert
    else:
        from sqlalchemy.dialects import sqlite

        insert = sqlite.insert
    counters = case_counters
    stmt = (
        insert(counters)
        .values(year=year, last_number=1)
        .on_conflict_do_update(
            index_elements=[counters.c.year], set_={"last_number": counters.c.last_number + 1}
        )
        .returning(counters.c.last_number)
    )
    return int(conn.execute(stmt).scalar_one())
