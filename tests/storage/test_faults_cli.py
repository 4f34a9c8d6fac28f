"""Fault injection for IT staff's commands: `intake db ...` and `intake audit ...`, run as a
subprocess, over a table of storage faults. Each must end with one clear line on stderr,
exit status 2, no traceback, and nothing personal (neither the person on file nor SQL
parameters)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from storage.api import Role
from storage.repository import SqlRepository
from tests.storage.conftest import new_case, pg_base_url, require_pg

PERSON = "Karl Åkesson"
PERSONAL_ID = "19850315-1234"
COMMANDS = [
    ("db", "status"),
    ("db", "users"),
    ("db", "add-user", "nisse", "--role", "reception"),
    ("--user", "it", "db", "purge", "--apply"),
    ("--user", "it", "audit", "user", "anna"),
]


@pytest.fixture(autouse=True)
def _owner_only_files() -> Iterator[None]:
    """The damaged files here are made as a desk makes its files, readable by their owner
    only: what is tested is what is inside them. A database file others may read is refused
    before it is opened (tests/ui/test_unsafe_config.py)."""
    previous = os.umask(0o077)
    yield
    os.umask(previous)


def run_cli(*argv: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "intake", *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def assert_one_clear_line(done: subprocess.CompletedProcess[str], *words: str) -> None:
    lines = done.stderr.splitlines()
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1 and lines[0].startswith("intake: "), done.stderr
    assert "Traceback" not in done.stderr and "[SQL" not in done.stderr
    for secret in (PERSON, PERSONAL_ID, "password", "INSERT", "SELECT"):
        assert secret not in done.stderr + done.stdout
    for word in words:
        assert word in lines[0], lines[0]


def populated(path: Path) -> str:
    """A database at `path` with users and a case about a person."""
    url = f"sqlite:///{path}"
    repo = SqlRepository.open(url)
    try:
        anna = repo.ensure_user("anna", "Anna", Role.RECEPTION)
        repo.ensure_user("it", "IT", Role.ADMIN)
        record = {"person": {"name": PERSON, "personal_id": PERSONAL_ID}}
        repo.create_case(anna, new_case(record=record))
    finally:
        repo.close()
    return url


def _raw(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


# --- the faults: each makes a database URL (in tmp_path) that is broken in one way -------


def corrupt(tmp: Path) -> str:
    path = tmp / "intake.sqlite3"
    path.write_bytes(b"this is not a database, it was overwritten " * 200)
    return f"sqlite:///{path}"


def damaged_pages(tmp: Path) -> str:
    path = tmp / "intake.sqlite3"
    populated(path)
    data = bytearray(path.read_bytes())
    data[4096 : len(data)] = b"\xff" * (len(data) - 4096)  # every page after the first
    path.write_bytes(bytes(data))
    return f"sqlite:///{path}"


def directory(tmp: Path) -> str:
    path = tmp / "intake.sqlite3"
    path.mkdir()
    return f"sqlite:///{path}"


def empty_file(tmp: Path) -> str:
    path = tmp / "intake.sqlite3"
    path.touch()
    return f"sqlite:///{path}"


def dropped_version(tmp: Path) -> str:
    path = tmp / "intake.sqlite3"
    url = populated(path)
    _raw(path, "DROP TABLE alembic_version")
    return url


def empty_version(tmp: Path) -> str:
    path = tmp / "intake.sqlite3"
    url = populated(path)
    _raw(path, "DELETE FROM alembic_version")
    return url


def newer_schema(tmp: Path) -> str:
    path = tmp / "intake.sqlite3"
    url = populated(path)
    _raw(path, "UPDATE alembic_version SET version_num = 'ffff_future'")
    return url


def unparsable(tmp: Path) -> str:
    return "postgresql://anna:hemligt lösenord@värd:port/db"


def unknown_scheme(tmp: Path) -> str:
    return "mysql://anna:hemligt@localhost/intake"


def pg_refusing(tmp: Path) -> str:
    return "postgresql://postgres@127.0.0.1:1/test?connect_timeout=3"


def pg_missing_database(tmp: Path) -> str:
    require_pg()
    base = pg_base_url().rsplit("/", 1)[0]
    return f"{base}/no_such_database_{uuid.uuid4().hex[:8]}"


FAULTS: list[tuple[Callable[[Path], str], tuple[str, ...]]] = [
    (corrupt, ("damaged",)),
    (damaged_pages, ("damaged",)),
    (directory, ("folder",)),
    (empty_file, ("empty",)),
    (dropped_version, ("no schema revision",)),
    (empty_version, ("no schema revision",)),
    (newer_schema, ("newer version", "ffff_future")),
    (unparsable, ("URL",)),
    (unknown_scheme, ("URL",)),
    (pg_refusing, ("cannot connect",)),
    (pg_missing_database, ("does not exist",)),
]


@pytest.mark.parametrize(("make", "words"), FAULTS, ids=[f.__name__ for f, _ in FAULTS])
@pytest.mark.parametrize(
    "command",
    COMMANDS,
    ids=lambda c: "-".join(c[c.index("db") if "db" in c else c.index("audit") :][:2]),
)
def test_a_storage_fault_is_one_clear_line(
    tmp_path: Path, make: Callable[[Path], str], words: tuple[str, ...], command: tuple[str, ...]
) -> None:
    url = make(tmp_path)
    assert_one_clear_line(run_cli("--db", url, *command), "database: ", *words)


@pytest.mark.parametrize("make", [directory, empty_file, corrupt])
def test_upgrade_refuses_too(tmp_path: Path, make: Callable[[Path], str]) -> None:
    assert_one_clear_line(run_cli("--db", make(tmp_path), "db", "upgrade"), "database: ")


def test_an_empty_file_is_not_replaced_by_a_new_database(tmp_path: Path) -> None:
    url = empty_file(tmp_path)
    run_cli("--db", url, "db", "add-user", "it", "--role", "admin")
    assert (tmp_path / "intake.sqlite3").stat().st_size == 0


def test_a_locked_database_is_busy_not_frozen(tmp_path: Path) -> None:
    path = tmp_path / "intake.sqlite3"
    url = populated(path)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another desk in the middle of a write
        holder.execute("UPDATE users SET display_name = display_name")
        done = run_cli("--db", url, "db", "add-user", "nisse", "--role", "reception")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_one_clear_line(done, "busy")


@contextlib.contextmanager
def read_only_mount(tmp_path: Path) -> Iterator[Path]:
    """A folder on a read-only filesystem holding a database (root on Linux: a tmpfs
    remounted read-only; elsewhere a folder without write permission)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if sys.platform.startswith("linux") and os.geteuid() == 0:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(folder)],
            capture_output=True,
        )
        if mounted.returncode != 0:
            pytest.skip("cannot mount a tmpfs here")
        try:
            populated(folder / "intake.sqlite3")
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
            yield folder
        finally:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        return
    if os.name != "posix":
        pytest.skip("no read-only folder can be made on this platform in a test")
    populated(folder / "intake.sqlite3")
    folder.chmod(0o500)
    (folder / "intake.sqlite3").chmod(0o400)
    try:
        yield folder
    finally:
        folder.chmod(0o700)


def test_a_read_only_folder_or_mount(tmp_path: Path) -> None:
    with read_only_mount(tmp_path) as folder:
        url = f"sqlite:///{folder / 'intake.sqlite3'}"
        assert_one_clear_line(
            run_cli("--db", url, "db", "add-user", "nisse", "--role", "reception"), "read-only"
        )
        new = f"sqlite:///{folder / 'new' / 'intake.sqlite3'}"
        assert_one_clear_line(run_cli("--db", new, "db", "status"), "read-only")
