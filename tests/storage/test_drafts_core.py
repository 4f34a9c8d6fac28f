"""`storage.drafts` (Core, for the conversation) against the ORM models it mirrors, and a
conversation's storage calls without the ORM."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import TableClause

from storage import drafts
from storage.models import Base


@pytest.mark.parametrize("light", [drafts.users, drafts.drafts, drafts.audit_events])
def test_core_columns_are_those_of_the_models(light: TableClause) -> None:
    table = Base.metadata.tables[light.name]
    for col in light.columns:
        assert col.name in table.columns, f"{light.name}.{col.name}"
        assert isinstance(col.type, type(table.columns[col.name].type)) or isinstance(
            table.columns[col.name].type, type(col.type)
        ), f"{light.name}.{col.name}"


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


def test_a_conversation_does_not_load_the_orm(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/intake.sqlite3"
    # Created and migrated first, in another process: the migration uses the models.
    create = "import storage, sys; storage.open_repository(sys.argv[1]).close()"
    subprocess.run([sys.executable, "-c", create, url], check=True)
    out = subprocess.run(
        [sys.executable, "-c", CODE, url], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
