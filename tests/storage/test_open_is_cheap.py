"""Opening an up-to-date database must not import Alembic (~200 ms and ~11 MB at every start
of the app; needed only when an upgrade is due), nor, on SQLite, the PostgreSQL dialect."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CODE = """
import sys, storage
storage.open_repository(sys.argv[1]).close()
print(sorted({"alembic", "sqlalchemy.dialects.postgresql"} & set(sys.modules)))
"""


def _open_in_fresh_process(url: str) -> str:
    """The heavy modules that opening `url` in a new interpreter imported."""
    out = subprocess.run(
        [sys.executable, "-c", CODE, url], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_opening_an_up_to_date_database_does_not_import_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/intake.sqlite3"
    # Empty: created and migrated, which needs Alembic (and its migration, the PG dialect).
    assert "alembic" in _open_in_fresh_process(url)
    # At head: one revision query, neither Alembic nor the PostgreSQL dialect.
    assert _open_in_fresh_process(url) == "[]"
