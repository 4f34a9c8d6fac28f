"""The case list's queries on both engines: every sort reads an index in order (no sort of the
matches, which at 100,000 cases cost 15-50 ms a page), "no value" comes last whichever way, and
a page asked for without its count is counted only when it cannot tell its total itself."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
from typing import Any

import pytest
from sqlalchemy import Connection, insert, select

from storage import case_list
from storage.access import CASE_WORKERS, actor_for
from storage.api import CaseQuery, CaseSort, CaseStatus, CaseSummary, UserInfo
from storage.schema import cases
from tests.storage.conftest import new_case

TODAY = dt.date(2026, 11, 29)


def _plan(conn: Connection, statement: Any, *, sort: bool = False) -> list[str]:
    sql = str(statement.compile(conn.engine, compile_kwargs={"literal_binds": True}))
    if conn.dialect.name == "sqlite":
        return [str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]
    # A handful of rows would be read (and sorted) whatever the indexes; forbid it, so the plan
    # says whether an index can find these rows (and give this order).
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    if not sort:
        conn.exec_driver_sql("SET LOCAL enable_sort = off")
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


def _found(repo: Any, worker: UserInfo, text: str) -> list[str]:
    statuses = tuple(CaseStatus)  # closed ones too
    page = repo.find_cases(
        worker, CaseQuery(text=text, statuses=statuses, sort=CaseSort.NUMBER, descending=False)
    )
    return [row.number for row in page.rows]


def test_free_text_finds_words_by_their_beginning_through_the_index(
    repo: Any, reception: UserInfo, worker: UserInfo
) -> None:
    rent = repo.create_case(reception, new_case("strong", "0180")).number
    other = repo.create_case(reception, new_case("possible", "1480")).number
    repo.add_note(worker, rent, "Ringde socialtjänsten i Stockholm om hyran")
    repo.add_note(worker, other, "Hyresvärden i Göteborg har sagt upp kontraktet")
    assert _found(repo, worker, "HYRAN") == [rent]
    assert _found(repo, worker, "hyr") == [rent, other]  # the beginning of a word
    assert _found(repo, worker, "hyr göteb") == [other]  # every word, folded as stored
    assert _found(repo, worker, "goteborg") == [other]  # the origin's name
    assert _found(repo, worker, "yran") == []  # not the middle of a word
    # what the search syntax would read is only text here: no error, no other match
    for typed in ('"', "hyr*", "hyr OR göteborg", "NEAR(hyr", "-hyr", "hyr:*", "a & !b", "'"):
        assert set(_found(repo, worker, typed)) <= {rent, other}
    assert _found(repo, worker, "hyr OR göteborg") == []  # every word: "or" is in neither
    with repo.engine.begin() as conn:  # the condition is one the index answers
        plan = _plan(conn, select(cases.c.id).where(case_list.TextSearch(["hyr"])), sort=True)
    index = "cases_search" if conn.dialect.name == "sqlite" else "ix_cases_search"
    assert any(index in line for line in plan), plan  # FTS5's table; PostgreSQL's GIN index


def test_a_purged_case_leaves_nothing_in_the_search_index(
    repo: Any, clock: Any, reception: UserInfo, worker: UserInfo, admin: UserInfo
) -> None:
    clock.now = dt.datetime(2020, 3, 1, 12, tzinfo=dt.UTC)
    case = repo.create_case(reception, new_case()).number
    repo.add_note(worker, case, "Kvarnbacken")
    repo.close_case(worker, case, "Avslutat")
    assert _found(repo, worker, "kvarnbacken") == [case]
    clock.now = dt.datetime(2026, 1, 2, 9, tzinfo=dt.UTC)
    assert repo.purge(admin, today=dt.date(2026, 1, 1), apply=True) == [case]
    with repo.engine.begin() as conn:
        if conn.dialect.name == "sqlite":  # FTS5 answers from its own index, not from cases
            left = conn.exec_driver_sql(
                "SELECT count(*) FROM cases_search WHERE cases_search MATCH 'kvarnbacken'"
            ).scalar_one()
            assert left == 0
    assert _found(repo, worker, "kvarnbacken") == []


def test_summary_columns_are_in_the_summarys_field_order() -> None:
    """`_summary` builds a `CaseSummary` from a row by position."""
    names = [f.name for f in dataclasses.fields(CaseSummary)]
    assert [column.name for column in case_list.SUMMARY_COLUMNS] == names
