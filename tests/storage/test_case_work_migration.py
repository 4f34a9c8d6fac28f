"""Migration 0003 on a database that already holds cases: their list columns, task states and
first assessment are filled in, so the case list and the case screen work for them too."""

from __future__ import annotations

import datetime as dt
from typing import Any

from alembic import command
from sqlalchemy import insert, text

from storage import db
from storage.api import CaseQuery, Role, TaskState
from storage.repository import SqlRepository


def test_cases_made_before_0003_get_their_list_columns(db_url: str) -> None:
    now = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)
    with db.engine_for(db_url) as engine:
        with engine.begin() as conn:
            command.upgrade(db.alembic_config(conn), "0002")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO users (username, display_name, role, created_at) "
                    "VALUES ('sven', 'Sven', 'social_worker', :now)"
                ),
                {"now": now},
            )
            values: dict[str, Any] = {
                "number": "2026-0001",
                "year": 2026,
                "seq": 1,
                "kind": "intake",
                "status": "new",
                "created_at": now,
                "created_by": "sven",
                "assignee": None,
                "level": "strong",
                "level_override": None,
                "override_reason": "",
                "effective_level": "strong",
                "urgency": "soon",
                "origin_code": "0180",
                "record": {"origin_district": "Farsta"},
                "assessment": {"level": "strong", "open_questions": [{"field": "x"}]},
                "dialogue_id": "intake",
                "dialogue_version": "1",
                "dialogue_sha256": "0" * 64,
                "language": "sv",
                "last_entry_at": now,
                "version": 1,
            }
            from sqlalchemy import JSON, Column, MetaData, Table

            old = Table("cases", MetaData(), autoload_with=conn)
            old.c.record.type = JSON()
            old.c.assessment.type = JSON()
            case_id = conn.execute(insert(old).values(**values).returning(old.c.id)).scalar_one()
            tasks = Table("tasks", MetaData(), Column("case_id"), autoload_with=conn)
            conn.execute(
                insert(tasks),
                [
                    {
                        "case_id": case_id,
                        "position": 1,
                        "code": "a",
                        "title": "A",
                        "due": dt.date(2026, 11, 20),
                        "basis": "",
                        "note": "",
                        "done_at": now,
                        "done_by": "sven",
                    },
                    {
                        "case_id": case_id,
                        "position": 2,
                        "code": "b",
                        "title": "B",
                        "due": dt.date(2026, 12, 1),
                        "basis": "",
                        "note": "",
                        "done_at": None,
                        "done_by": None,
                    },
                ],
            )
        db.upgrade(engine)
        if engine.dialect.name == "sqlite":  # the declaration rewritten in place, file intact
            with engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    repo = SqlRepository.open(db_url)
    try:
        sven = repo.get_user("sven")
        assert sven is not None and sven.role is Role.SOCIAL_WORKER
        (row,) = repo.find_cases(sven, CaseQuery(text="farsta")).rows
        assert row.next_due == dt.date(2026, 12, 1)  # the open task's, not the done one's
        assert row.open_questions == 1 and row.origin_district == "Farsta"
        case = repo.get_case(sven, "2026-0001")
        assert [t.state for t in case.tasks] == [TaskState.DONE, TaskState.OPEN]
        assert [a.level for a in case.assessments] == ["strong"]
    finally:
        repo.close()
