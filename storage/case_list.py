"""The case list: one `CaseQuery` becomes one SQL statement that filters, sorts and pages, and
one that counts. Nothing is filtered or sorted in Python, so a page costs the same at 100 cases
as at 100,000 (`bench/bench_cases.py`); each filter and sort has an index (`storage.schema`).

The columns it reads are kept on the case row by the code that changes what they summarise
(`next_due` and `open_questions` by `storage.casework`, `search_text` when a note is added),
because a sort or a filter on a value computed from other tables could not use an index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Row, Select, func, select

from intake.core.textclean import fold
from intake.core.workflow import ENDED
from storage import convert
from storage.access import refuse
from storage.api import CasePage, CaseQuery, CaseSort, CaseStatus, Role
from storage.schema import cases

SUMMARY_COLUMNS = (
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
OPEN_STATUSES = tuple(s.value for s in CaseStatus if s not in ENDED)


def search_text(number: str, origin_code: str | None, district: str, notes: Iterable[str]) -> str:
    """What the list's search looks in, folded (case and diacritics) as the query is."""
    from intake.core.municipalities import by_code

    known = by_code(origin_code) if origin_code else None
    parts = [number, origin_code or "", known.name if known else "", district, *notes]
    return fold(" ".join(p for p in parts if p))


def _filtered(query: CaseQuery, actor: Row[Any], today: dt.date) -> Select[Any]:
    statement = select(*SUMMARY_COLUMNS)
    if Role(actor.role) is Role.RECEPTION:
        if not query.mine:
            refuse("reception_others_cases")
        statement = statement.where(cases.c.created_by == actor.username)
    elif query.mine:
        statement = statement.where(cases.c.assignee == actor.username)
    statuses = [CaseStatus(s).value for s in query.statuses] or list(OPEN_STATUSES)
    statement = statement.where(cases.c.status.in_(statuses))
    if query.level:
        statement = statement.where(cases.c.effective_level == query.level)
    if query.urgency:
        statement = statement.where(cases.c.urgency == query.urgency)
    if query.assignee:
        statement = statement.where(cases.c.assignee == query.assignee)
    if query.unassigned:
        statement = statement.where(cases.c.assignee.is_(None))
    if query.overdue:
        statement = statement.where(cases.c.next_due < today)
    if query.open_questions:
        statement = statement.where(cases.c.open_questions > 0)
    text = fold(query.text.strip())
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = statement.where(cases.c.search_text.like(f"%{escaped}%", escape="\\"))
    return statement


def find_cases(conn: Connection, actor: Row[Any], query: CaseQuery, today: dt.date) -> CasePage:
    if query.offset < 0 or not 1 <= query.limit <= 1000:
        raise ValueError("query: offset >= 0 and limit 1-1000")
    statement = _filtered(query, actor, today)
    total = int(conn.execute(select(func.count()).select_from(statement.subquery())).scalar_one())
    column = SORT_COLUMNS[CaseSort(query.sort)]
    order = column.desc() if query.descending else column.asc()
    tie = cases.c.id.desc() if query.descending else cases.c.id.asc()
    page = statement.order_by(order.nulls_last(), tie).offset(query.offset).limit(query.limit)
    rows = [convert.case_summary(row) for row in conn.execute(page)]
    return CasePage(rows=rows, total=total, offset=query.offset)
