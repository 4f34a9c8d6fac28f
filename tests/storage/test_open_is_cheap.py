"""Opening an up-to-date database must not import Alembic: it costs ~200 ms and ~11 MB at
every start of the app, and is needed only when an upgrade is due."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CODE = """
import sys, storage
storage.open_repository(sys.argv[1]).close()
print("alembic" in sys.modules)
"""


def _open_in_fresh_process(url: str) -> bool:
    """Whether opening `url` in a new interpreter imported Alembic."""
    out = subprocess.run(
        [sys.executable, "-c", CODE, url], capture_output=True, text=True, check=True
    )
    return out.stdout.strip() == "True"


def test_opening_an_up_to_date_database_does_not_import_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/intake.sqlite3"
    assert _open_in_fresh_process(url)  # empty: created and migrated, Alembic needed
    assert not _open_in_fresh_process(url)  # at head: one query, no Alembic
