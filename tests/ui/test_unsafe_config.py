"""intake refuses to start in an unsafe configuration it can detect (issue 18.4): a database
file or folder other accounts may read, a PostgreSQL server on another host without TLS
unless explicitly allowed. The app, plain mode and the commands each end with exit status 2
and one line saying how to fix it, no traceback, nothing personal; Windows has no modes to
check, and that branch is exercised too."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

import pytest

from intake import safety
from intake.cli import main
from intake.settings import load_settings
from intake.ui.app import IntakeApp
from storage import open_repository
from storage.api import Role
from tests.ui.driver import TODAY

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes: POSIX only")


def _database(folder: Path, file_mode: int = 0o600, folder_mode: int = 0o700) -> str:
    """A database with a user in it, then given the modes asked for."""
    url = f"sqlite:///{folder / 'intake.sqlite3'}"
    repo = open_repository(url)
    repo.ensure_user("anna", "Anna Andersson", Role.RECEPTION)
    repo.close()
    (folder / "intake.sqlite3").chmod(file_mode)
    folder.chmod(folder_mode)
    return url


@posix_only
def test_a_database_others_may_read_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "desk" / "intake.sqlite3"
    _database(path.parent, file_mode=0o644)
    with pytest.raises(safety.UnsafeConfiguration) as refused:
        safety.check(f"sqlite:///{path}")
    assert refused.value.message("en").endswith(f"chmod 600 {path}")
    assert refused.value.message("sv").startswith("Databasen kan läsas av andra konton")

    path.chmod(0o600)
    path.parent.chmod(0o750)  # the folder is the group's: refused too
    with pytest.raises(safety.UnsafeConfiguration, match=f"chmod 700 {path.parent}$"):
        safety.check(f"sqlite:///{path}")
    path.parent.chmod(0o700)
    safety.check(f"sqlite:///{path}")  # owner-only: fine
    safety.check(f"sqlite:///{tmp_path / 'new' / 'intake.sqlite3'}")  # made owner-only later


def test_on_windows_modes_are_not_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows: chmod sets only a read-only flag and st_mode says nothing of who may read;
    the profile folder's ACL protects the file (intake.oscompat), so no mode is judged."""
    path = tmp_path / "intake.sqlite3"
    path.write_bytes(b"")
    path.chmod(0o644)
    monkeypatch.setattr(sys, "platform", "win32")
    safety.check(f"sqlite:///{path}")


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("postgresql://anna@db.kommun.se/intake", True),
        ("postgresql://anna@db.kommun.se/intake?sslmode=prefer", True),
        ("postgresql://anna@10.0.0.5:5432/intake?sslmode=disable", True),
        ("postgresql+psycopg://anna@db.kommun.se/intake?sslmode=require", False),
        ("postgresql://anna@db.kommun.se/intake?sslmode=verify-full", False),
        ("postgresql://anna@localhost/intake", False),
        ("postgresql://anna@127.0.0.1:5432/intake", False),
        ("postgresql://anna@[::1]/intake", False),
        ("postgresql:///intake?host=/var/run/postgresql", False),  # a Unix socket
        ("postgresql:///intake", False),  # libpq's default: the local socket
    ],
)
def test_postgresql_on_another_host_needs_tls(url: str, refused: bool) -> None:
    if refused:
        with pytest.raises(safety.UnsafeConfiguration) as caught:
            safety.check(url)
        line = caught.value.message("en")
        assert "sslmode=verify-full" in line and safety.ALLOW_SETTING in line
        assert "anna" not in line  # the login is no one else's business
    else:
        safety.check(url)
    safety.check(url, allow_unencrypted=True)  # explicitly allowed: never refused


def test_libpq_environment_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGHOST", "db.kommun.se")
    with pytest.raises(safety.UnsafeConfiguration):
        safety.check("postgresql:///intake")
    monkeypatch.setenv("PGSSLMODE", "verify-ca")
    safety.check("postgresql:///intake")


def test_the_allowance_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTAKE_DATABASE_URL", "postgresql://anna@db.kommun.se/intake")
    with pytest.raises(safety.UnsafeConfiguration):
        safety.check_settings(load_settings())
    monkeypatch.setenv("INTAKE_ALLOW_UNENCRYPTED_DATABASE", "1")
    safety.check_settings(load_settings())


def _one_clear_line(text: str, *words: str) -> None:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text and "Anna Andersson" not in text
    for word in words:
        assert word in lines[0], lines[0]


@posix_only
def test_plain_mode_and_the_commands_refuse_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _database(tmp_path / "desk", file_mode=0o644)
    path = tmp_path / "desk" / "intake.sqlite3"
    assert main(["--plain", "--db", url]) == 2
    printed = capsys.readouterr()
    _one_clear_line(printed.out.replace("Mottagning – nybesök", ""), f"chmod 600 {path}")
    for argv in (["db", "status"], ["audit", "refusals"], ["cases", "list"]):
        assert main(["--db", url, *argv]) == 2, argv
        printed = capsys.readouterr()
        _one_clear_line(printed.err, "intake: the database can be read", f"chmod 600 {path}")
        assert printed.out == ""
    remote = "postgresql://anna@db.kommun.se/intake"
    assert main(["--db", remote, "db", "status"]) == 2
    _one_clear_line(capsys.readouterr().err, "without encryption (TLS)", "INTAKE_ALLOW")


@posix_only
async def test_the_app_refuses_with_status_2_before_opening_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _database(tmp_path / "desk", folder_mode=0o755)
    opened: list[str] = []

    def opener(database: str) -> object:
        opened.append(database)
        raise AssertionError("an unsafe database must not be opened")

    app = IntakeApp(
        load_settings(database_url=url), today=TODAY, open_repository=opener  # type: ignore[arg-type]
    )
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
    assert app.return_code == 2 and opened == []
    _one_clear_line(app.exit_line)
    assert app.exit_line == (
        f"Databasen kan läsas av andra konton på datorn: {tmp_path / 'desk'}. intake startar "
        f"inte förrän den är privat: chmod 700 {tmp_path / 'desk'}"
    )


@posix_only
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("script") is None, reason="needs util-linux script (a pty)")
def test_the_installed_app_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    """`intake` in a real terminal (a pty from `script`): the app starts, refuses, restores
    the terminal and then prints the one line (not wrapped by Rich, no traceback)."""
    import re
    import subprocess

    from tests.ui.tmux_term import intake_command

    url = _database(tmp_path / "desk", file_mode=0o640)
    path = tmp_path / "desk" / "intake.sqlite3"
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    command = f"{shlex.quote(intake_command())} --db {shlex.quote(url)}"
    done = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path,
    )
    assert done.returncode == 2
    after = done.stdout.rsplit("\x1b[?1049l", 1)[-1]  # what is left once the screen is restored
    plain = re.sub(r"\x1b\[[0-9;?<>]*[a-zA-Z]", "", after).strip()
    _one_clear_line(plain, f"intake startar inte förrän den är privat: chmod 600 {path}")
