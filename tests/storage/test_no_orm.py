"""Storage is SQLAlchemy Core on the tables of `storage.schema`: a whole visit (drafts after
every answer, the created case) and a social worker's reading and changing of the case never
load `sqlalchemy.orm`, which costs the running app ~7 MB and its start time."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

VISIT = """
import sys
from storage import open_repository
from storage.api import CaseKind, NewCase, Role
from intake.core.dialogue.api import DialogueStamp
repo = open_repository(sys.argv[1])
user = repo.ensure_user("anna", "Anna", Role.RECEPTION)
assert repo.get_user("anna") == user
stamp = DialogueStamp("intake", "1", "0" * 64)
draft = repo.save_draft(user, None, stamp, "sv", [])
repo.save_draft(user, draft, stamp, "sv", [{"question": "name", "answer": "x"}])
repo.list_drafts(user)
repo.get_draft(user, draft)
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
"""
CASEWORK = """
sven = repo.ensure_user("sven", "Sven", Role.SOCIAL_WORKER)
assert [c.number for c in repo.list_cases(sven)] == [case.number]
opened = repo.get_case(sven, case.number)
changed = repo.update_case(sven, case.number, opened.version, {"status": "assigned"})
repo.complete_task(sven, case.number, changed.tasks[0].id, "klart")
"""
REPORT = """
repo.close()
print(sorted(m for m in sys.modules if m.startswith("sqlalchemy.orm")))
"""


def _orm_modules_after(code: str, tmp_path: Path) -> str:
    """Run `code` in a fresh process on a new database; it prints the ORM modules it loaded."""
    url = f"sqlite:///{tmp_path}/intake.sqlite3"
    # Created and migrated first, in another process: Alembic itself loads the ORM.
    create = "import storage, sys; storage.open_repository(sys.argv[1]).close()"
    subprocess.run([sys.executable, "-c", create, url], check=True)
    out = subprocess.run(
        [sys.executable, "-c", code, url], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_a_visit_up_to_the_created_case_does_not_load_the_orm(tmp_path: Path) -> None:
    assert _orm_modules_after(VISIT + REPORT, tmp_path) == "[]"


def test_working_a_case_does_not_load_the_orm(tmp_path: Path) -> None:
    assert _orm_modules_after(VISIT + CASEWORK + REPORT, tmp_path) == "[]"


def test_storage_has_one_schema() -> None:
    """No module of `storage/` describes a table again (`table(...)`, `Table(...)`, a model)."""
    root = Path(__file__).resolve().parents[2] / "storage"
    for path in sorted(root.glob("*.py")):
        if path.name == "schema.py":
            continue
        text = path.read_text(encoding="utf-8")
        found = re.findall(r"\b(?:table|Table)\(|DeclarativeBase|sqlalchemy\.orm", text)
        assert found == [], path.name
