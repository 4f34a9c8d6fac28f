"""The case list: one `CaseQuery` becomes one SQL statement that filters, sorts and pages, and
one that counts. Nothing is filtered or sorted in Python, so a page costs the same at 100 cases
as at 100,000 (`bench/bench_cases.py`); each filter and sort has an index (`storage.schema`).

The columns it reads are kept on the case row by the code that changes what they summarise
(`next_due` and `open_questions` by `storage.casework`, `search_text` when a note is added),
because a sort or a filter on a value computed from other tables could not use an index.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Connection,
    Row,
    Select,
    func,
    literal_column,
    select,
)
from sqlalchemy.ext.compiler import compiles

from intake.core.textclean import fold
from intake.core.workflow import ENDED
from storage.access import refuse
from storage.api import CaseKind, CasePage, CaseQuery, CaseSort, CaseStatus, CaseSummary, Role
from storage.schema import cases, cases_search

SUMMARY_COLUMNS = (  # in CaseSummary's field order (`_summary`)
    cases.c.number,
    cases.c.kind,
    cases.c.status,
    cases.c.effective_level.label("level"),
    cases.c.urgency,
    cases.c.origin_code,
    cases.c.created_at,
    cases.c.created_by,
    cases.c.assignee,
    cases.c.origin_district,
    cases.c.next_due,
    cases.c.open_questions,
)

SORT_COLUMNS: dict[CaseSort, Any] = {
    CaseSort.NUMBER: cases.c.number,
    CaseSort.CREATED: cases.c.created_at,
    CaseSort.ORIGIN: cases.c.origin_code,
    CaseSort.LEVEL: cases.c.effective_level,
    CaseSort.URGENCY: cases.c.urgency,
    CaseSort.STATUS: cases.c.status,
    CaseSort.ASSIGNEE: cases.c.assignee,
    CaseSort.NEXT_DUE: cases.c.next_due,
}
NUMBER_PREFIX = re.compile(r"\d{4}(-\d{0,4})?")
WORD = re.compile(r"[^\W_]+")  # as FTS5's unicode61 tokenizer splits: letters and digits

OPEN_STATUSES = tuple(s.value for s in CaseStatus if s not in ENDED)


def _summary(row: Sequence[Any]) -> CaseSummary:
    """A row of SUMMARY_COLUMNS, which are in CaseSummary's field order, by position: a page is
    built a hundred rows at a time, and reading each field by name from the row cost more than
    the query itself."""
    number, kind, status, *rest = row
    return CaseSummary(number, CaseKind(kind), CaseStatus(status), *rest)


def search_text(number: str, origin_code: str | None, district: str, notes: Iterable[str]) -> str:
    """What the list's search looks in, folded (case and diacritics) as the query is."""
    from intake.core.municipalities import by_code

    known = by_code(origin_code) if origin_code else None
    parts = [number, origin_code or "", known.name if known else "", district, *notes]
    return fold(" ".join(p for p in parts if p))


def _conditions(query: CaseQuery, actor: Row[Any], today: dt.date) -> list[Any]:
    """The WHERE clause of `query` for `actor`, as a list of conditions (ANDed)."""
    where: list[Any] = []
    if Role(actor.role) is Role.RECEPTION:
        if not query.mine:
            refuse("reception_others_cases")
        where.append(cases.c.created_by == actor.username)
    elif query.mine:
        where.append(cases.c.assignee == actor.username)
    statuses = [CaseStatus(s).value for s in query.statuses] or list(OPEN_STATUSES)
    where.append(cases.c.status.in_(statuses))
    if query.level:
        where.append(cases.c.effective_level == query.level)
    if query.urgency:
        where.append(cases.c.urgency == query.urgency)
    if query.assignee:
        where.append(cases.c.assignee == query.assignee)
    if query.unassigned:
        where.append(cases.c.assignee.is_(None))
    if query.overdue:
        where.append(cases.c.next_due < today)
    if query.open_questions:
        where.append(cases.c.open_questions > 0)
    text = query.text.strip()
    if NUMBER_PREFIX.fullmatch(text):  # a case number, or its start: the number's index
        where.append(cases.c.number >= text)
        where.append(cases.c.number < text + "\uffff")
    elif words := WORD.findall(fold(text)):
        where.append(TextSearch(words))
    return where


class TextSearch(ColumnElement[bool]):
    """Every word typed begins a word of the case's `search_text`, found through the engine's
    search index (migration 0007): SQLite's FTS5 table, PostgreSQL's text-search GIN index.
    The words are letters and digits only (`WORD`) and go in as one bound parameter, so what
    is typed is never read as the search syntax."""

    inherit_cache = True

    def __init__(self, words: Sequence[str]) -> None:
        self.words = tuple(words)


# PostgreSQL's text-search configuration that neither stems nor drops words
SIMPLE: ColumnClause[Any] = literal_column("'simple'")


@compiles(TextSearch, "sqlite")
def _fts5(element: TextSearch, compiler: Any, **kw: Any) -> str:
    match = " ".join(f'"{word}"*' for word in element.words)
    found = select(cases_search.c.rowid).where(literal_column("cases_search").op("MATCH")(match))
    return str(compiler.process(cases.c.id.in_(found), **kw))


@compiles(TextSearch, "postgresql")
def _tsquery(element: TextSearch, compiler: Any, **kw: Any) -> str:
    query = " & ".join(f"{word}:*" for word in element.words)
    vector = func.to_tsvector(SIMPLE, cases.c.search_text)  # the index's expression, exactly
    return str(compiler.process(vector.op("@@")(func.to_tsquery(SIMPLE, query)), **kw))


def order_by(sort: CaseSort, descending: bool) -> list[Any]:
    """The ORDER BY of a sort: the column, then creation, then id, all the same way, so that an
    index gives the rows in order and no page sorts the matches (indexes in `storage.schema`;
    each sort's plan is checked in tests/storage/test_case_list_plans.py). A nullable column
    (no due date, no assignee) puts "no value" last either way, by its own first key."""
    column = SORT_COLUMNS[sort]
    if sort is CaseSort.NUMBER:  # unique: no tie to break
        keys = [column]
    elif sort is CaseSort.CREATED:
        keys = [column, cases.c.id]
    else:
        keys = [column, cases.c.created_at, cases.c.id]
    order = [key.desc() if descending else key.asc() for key in keys]
    if column.nullable:
        order.insert(0, column.is_(None).asc())
    return order


def page_statement(actor: Row[Any], query: CaseQuery, today: dt.date) -> Select[Any]:
    return (
        select(*SUMMARY_COLUMNS)
        .where(*_conditions(query, actor, today))
        .order_by(*order_by(CaseSort(query.sort), query.descending))
        .offset(query.offset)
        .limit(query.limit)
    )


def find_cases(conn: Connection, actor: Row[Any], query: CaseQuery, today: dt.date) -> CasePage:
    if query.offset < 0 or not 1 <= query.limit <= 1000:
        raise ValueError("query: offset >= 0 and limit 1-1000")
    rows = [_summary(row) for row in conn.execute(page_statement(actor, query, today))]
    total: int | None = None
    if len(rows) < query.limit and (rows or query.offset == 0):
        total = query.offset + len(rows)  # the last page: nothing left to count
    elif query.count:
        total = count_cases(conn, actor, query, today)
    return CasePage(rows=rows, total=total, offset=query.offset)


def count_cases(conn: Connection, actor: Row[Any], query: CaseQuery, today: dt.date) -> int:
    where = _conditions(query, actor, today)
    return int(conn.execute(select(func.count()).select_from(cases).where(*where)).scalar_one())
