"""`storage.drafts`, `storage.newcase` and `storage.numbering` (Core, for a visit) against the
ORM models they mirror, and a visit's storage calls, up to the created case, without the ORM."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import TableClause

from storage import drafts, newcase, numbering
from storage.models import Base

LIGHT = [
    drafts.users,
    drafts.drafts,
    drafts.audit_events,
    newcase.cases,
    newcase.transcript_entries,
    newcase.tasks,
    numbering.case_counters,
]
# Inserted whole by a Core statement: every column of the model must be described (and given).
INSERTED = [newcase.cases, newcase.transcript_entries, newcase.tasks]


@pytest.mark.parametrize("light", LIGHT, ids=lambda t: t.name)
def test_core_columns_are_those_of_the_models(light: TableClause) -> None:
    table = Base.metadata.tables[light.name]
    for col in light.columns:
        assert col.name in table.columns, f"{light.name}.{col.name}"
        assert isinstance(col.type, type(table.columns[col.name].type)) or isinstance(
            table.columns[col.name].type, type(col.type)
        ), f"{light.name}.{col.name}"


@pytest.mark.parametrize("light", INSERTED, ids=lambda t: t.name)
def test_core_tables_of_a_new_case_have_every_column(light: TableClause) -> None:
    table = Base.metadata.tables[light.name]
    assert sorted(light.columns.keys()) == sorted(table.columns.keys())


CODE = """
import sys
from storage import open_repository
from storage.api import Role
from intake.core.dialogue.api import DialogueStamp
repo = open_repository(sys.argv[1])
user = repo.ensure_user("anna", "Anna", Role.RECEPTION)
assert repo.get_user("anna") == user
stamp = DialogueStamp("intake", "1", "0" * 64)
draft = repo.save_draft(user, None, stamp, "sv", [])
repo.save_draft(user, draft, stamp, "sv", [{"question": "name", "answer": "x"}])
repo.list_drafts(user)
repo.get_draft(user, draft)
repo.close()
print(sorted(m for m in sys.modules if m.startswith(("sqlalchemy.orm", "storage.models"))))
"""


def _orm_modules_after(code: str, tmp_path: Path) -> str:
    """Run `code` in a fresh process on a new database; it prints the ORM modules it loaded."""
    url = f"sqlite:///{tmp_path}/intake.sqlite3"
    # Created and migrated first, in another process: the migration uses the models.
    create = "import storage, sys; storage.open_repository(sys.argv[1]).close()"
    subprocess.run([sys.executable, "-c", create, url], check=True)
    out = subprocess.run(
        [sys.executable, "-c", code, url], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_a_conversation_does_not_load_the_orm(tmp_path: Path) -> None:
    assert _orm_modules_after(CODE, tmp_path) == "[]"


CASE_CODE = """
import sys
from storage import open_repository
from storage.api import CaseKind, NewCase, Role
from intake.core.dialogue.api import DialogueStamp
repo = open_repository(sys.argv[1])
user = repo.ensure_user("anna", "Anna", Role.RECEPTION)
stamp = DialogueStamp("intake", "1", "0" * 64)
draft = repo.save_draft(user, None, stamp, "sv", [{"question": "name", "answer": "x"}])
case = repo.create_case(user, NewCase(
    kind=CaseKind.INTAKE,
    record={"name": "x"},
    assessment={"level": "strong", "next_steps": [{"code": "a"}, {"code": "b"}]},
    transcript=[("name", "Vad heter du?", "x")],
    stamp=stamp,
    language="sv",
    draft_id=draft,
))
assert [t.code for t in case.tasks] == ["a", "b"] and repo.list_drafts(user) == []
repo.close()
print(sorted(m for m in sys.modules if m.startswith(("sqlalchemy.orm", "storage.models"))))
"""


def test_a_visit_up_to_the_created_case_does_not_load_the_orm(tmp_path: Path) -> None:
    assert _orm_modules_after(CASE_CODE, tmp_path) == "[]"
