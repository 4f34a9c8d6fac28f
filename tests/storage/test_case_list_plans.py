"""The case list's queries on both engines: every sort reads an index in order (no sort of the
matches, which at 100,000 cases cost 15-50 ms a page), "no value" comes last whichever way, and
a page asked for without its count is counted only when it cannot tell its total itself."""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

import pytest
from sqlalchemy import Connection, insert

from storage import case_list
from storage.access import CASE_WORKERS, actor_for
from storage.api import CaseQuery, CaseSort, UserInfo
from storage.schema import cases
from tests.storage.conftest import new_case

TODAY = dt.date(2026, 11, 29)


def _plan(conn: Connection, statement: Any) -> list[str]:
    sql = str(statement.compile(conn.engine, compile_kwargs={"literal_binds": True}))
    if conn.dialect.name == "sqlite":
        return [str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]
    # A handful of rows would be read and sorted whatever the indexes; forbid both, so the plan
    # says whether an index can give this order.
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    conn.exec_driver_sql("SET LOCAL enable_sort = off")
    conn.exec_driver_sql("SET LOCAL enable_bitmapscan = off")
    return [str(row[0]) for row in conn.exec_driver_sql(f"EXPLAIN {sql}")]


def _sorts_the_matches(plan: list[str]) -> bool:
    """SQLite's temporary B-tree, or PostgreSQL's Sort node. An incremental sort of the rows
    that tie on the index's leading keys (PostgreSQL) reads in index order and is allowed."""
    return any("TEMP B-TREE" in line or re.search(r"(^|->)\s*Sort\s+\(", line) for line in plan)


def _many_cases(conn: Connection, count: int) -> None:
    """`count` cases as the list sees them (SQLite's planner chooses by the table's statistics:
    over three cases, sorting them is cheapest, as it is)."""
    rng = random.Random(15)
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    rows = []
    for i in range(count):
        created = start + dt.timedelta(minutes=i)
        level = rng.choice(("strong", "possible", "none"))
        rows.append(
            {
                "number": f"2000-{i:05d}",
                "year": 2000,
                "seq": i + 1,
                "kind": "intake",
                "status": rng.choice(("new", "assigned", "closed")),
                "created_at": created,
                "created_by": "anna",
                "assignee": rng.choice((None, "sven")),
                "level": level,
                "effective_level": level,
                "urgency": rng.choice(("soon", "routine")),
                "origin_code": rng.choice((None, "0180", "1480")),
                "record": {},
                "assessment": {},
                "dialogue_id": "intake",
                "dialogue_version": "1",
                "dialogue_sha256": "0" * 64,
                "language": "sv",
                "last_entry_at": created,
                "version": 1,
                "next_due": rng.choice((None, TODAY)),
            }
        )
    conn.execute(insert(cases), rows)
    conn.exec_driver_sql("ANALYZE")


@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize("sort", list(CaseSort))
def test_every_sort_reads_an_index_in_order(
    repo: Any, reception: UserInfo, worker: UserInfo, sort: CaseSort, descending: bool
) -> None:
    with repo.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            _many_cases(conn, 2000)
        actor = actor_for(conn, worker, CASE_WORKERS)
        statement = case_list.page_statement(
            actor, CaseQuery(sort=sort, descending=descending), TODAY
        )
        plan = _plan(conn, statement)
    assert not _sorts_the_matches(plan), plan


@pytest.mark.parametrize("descending", [True, False])
def test_no_value_comes_last_either_way(
    repo: Any, reception: UserInfo, worker: UserInfo, descending: bool
) -> None:
    first = repo.create_case(reception, new_case("strong", "0180"))
    repo.create_case(reception, new_case("strong", None))
    repo.create_case(reception, new_case("strong", "1480"))
    repo.assign_case(worker, first.number, "sven")
    by_origin = repo.find_cases(worker, CaseQuery(sort=CaseSort.ORIGIN, descending=descending))
    origins = ["1480", "0180"] if descending else ["0180", "1480"]
    assert [row.origin_code for row in by_origin.rows] == [*origins, None]
    by_assignee = repo.find_cases(worker, CaseQuery(sort=CaseSort.ASSIGNEE, descending=descending))
    assert [row.assignee for row in by_assignee.rows] == ["sven", None, None]


def test_an_uncounted_page_is_counted_only_when_it_cannot_tell(
    repo: Any, reception: UserInfo, worker: UserInfo
) -> None:
    for level in ("strong", "possible", "strong"):
        repo.create_case(reception, new_case(level))
    # the whole list on one page: its length is the total, no count needed
    assert repo.find_cases(worker, CaseQuery(count=False)).total == 3
    # a full first page might have more after it: not counted, and said so
    first = repo.find_cases(worker, CaseQuery(count=False, limit=2))
    assert first.total is None and len(first.rows) == 2
    assert repo.count_cases(worker, CaseQuery(limit=2)) == 3
    assert repo.count_cases(worker, CaseQuery(level="strong")) == 2
    # the last page, short: offset + its rows
    assert repo.find_cases(worker, CaseQuery(count=False, limit=2, offset=2)).total == 3
    # asked with the count, as before
    assert repo.find_cases(worker, CaseQuery(limit=2)).total == 3
