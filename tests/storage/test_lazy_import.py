"""The app's first screen must not wait for SQLAlchemy: `storage` and `storage.api` are light."""

from __future__ import annotations

import subprocess
import sys


def test_storage_api_does_not_import_sqlalchemy() -> None:
    code = (
        "import sys, storage, storage.api\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic'))\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
