"""A database written by a newer intake: the same clear text in the app and in plain mode as
on the command line, not "could not be opened, check --db"."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from intake.oscompat import login_name
from storage import open_repository
from storage.api import Role
from tests.ui.tmux_term import Terminal, intake_command


@pytest.fixture
def newer_db(tmp_path: Path) -> str:
    path = tmp_path / "newer.sqlite3"
    repo = open_repository(f"sqlite:///{path}")
    repo.ensure_user(login_name(), "Eva Ek", Role.RECEPTION)
    repo.close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    return f"sqlite:///{path}"


def test_plain_mode_names_the_newer_schema(newer_db: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [intake_command(), "--plain", "--db", newer_db],
        input="",
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "PATH": str(Path(sys.executable).parent),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_STATE_HOME": str(tmp_path / "state"),
        },
    )
    assert done.returncode == 2
    assert "nyare version av intake" in done.stdout
    assert "Kontrollera --db" not in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.tmux
def test_the_app_names_the_newer_schema(newer_db: str, tmp_path: Path) -> None:
    term = Terminal(tmp_path / "home")
    try:
        name = term.start("--db", newer_db)
        screen = term.wait_for(name, "nyare version av intake")
        assert "Kontrollera --db" not in screen
        term.keys(name, "n")  # nothing can be stored: no visit begins
        term.keys(name, "C-q")
        screen = term.wait_for(name, lambda _s: term.dead(name))
        assert "Välkommen!" not in screen and "Traceback" not in screen
    finally:
        term.close()
