"""Plain mode over a table of storage faults, through a real terminal (a pty): each fault is
named in one clear line (the storage layer's `DatabaseFault` text, in Swedish), with no
traceback and nothing personal; a fault that stops the database being used at all ends with
exit status 2, and what was stored before the fault is still there afterwards.

A lock held by another program or a full disk is met at the sign-in (it writes an audit row):
one line, exit status 2. Met later, when an answer is saved, it leaves the visit with its
answers NOT saved: plain mode says so and exits with status 3 ("left with answers not saved",
see `intake.ui.plain`); both are accepted, the line and the kept draft are checked either way.
The same table of faults runs the command line in tests/storage/test_faults_cli.py.
"""

from __future__ import annotations

import os
import pty
import select
import sqlite3
import subprocess
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from storage.api import FAULTS as FAULT_TEXTS
from tests.small_disk import fill, small_disk
from tests.storage import test_faults_cli as cli
from tests.storage.test_faults_cli import PERSON, PERSONAL_ID, populated, read_only_mount
from tests.ui.accounts import desk_user
from tests.ui.tmux_term import intake_command, stored_drafts

pytestmark = pytest.mark.slow
_owner_only_files = cli._owner_only_files  # damaged files made owner-only, as a desk makes them


def run_plain(url: str, lines: list[str], home: Path, timeout: float = 90) -> tuple[int, str]:
    """`intake --plain` on a pty (echo off, so the output is only what intake wrote), the
    lines typed ahead; its exit status and output."""
    master, slave = pty.openpty()
    attrs = termios.tcgetattr(slave)
    attrs[3] &= ~termios.ECHO
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "TERM": "dumb",
    }
    process = subprocess.Popen(
        [intake_command(), "--plain", "--db", url],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    try:
        os.write(master, "".join(line + "\n" for line in lines).encode())
        output = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the program ended and closed the terminal
                break
            if not chunk:
                break
            output += chunk
        return process.wait(timeout=10), output.decode("utf-8", "replace").replace("\r\n", "\n")
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)


def assert_named_once(output: str, code: str) -> None:
    """The fault's own line, once; no traceback; nothing about the person on file."""
    clear = FAULT_TEXTS[code][0]
    assert sum(clear in line for line in output.splitlines()) == 1, output
    assert "Traceback" not in output and "[SQL" not in output, output
    for personal in (PERSON, PERSONAL_ID):
        assert personal not in output, output


# (make the fault, the `DatabaseFault` code whose line must show)
AT_START: list[tuple[Callable[[Path], str], str]] = [
    (cli.corrupt, "corrupt"),
    (cli.damaged_pages, "corrupt"),
    (cli.directory, "is_directory"),
    (cli.empty_file, "empty_file"),
    (cli.dropped_version, "no_revision"),
    (cli.empty_version, "no_revision"),
    (cli.newer_schema, "schema_too_new"),
    (cli.unparsable, "bad_url"),
    (cli.unknown_scheme, "bad_url"),
    (cli.pg_refusing, "unreachable"),
    (cli.pg_missing_database, "no_database"),
]


def _file_state(tmp: Path) -> bytes | None:
    path = tmp / "intake.sqlite3"
    return path.read_bytes() if path.is_file() else None


@pytest.mark.parametrize(("make", "code"), AT_START, ids=[f.__name__ for f, _ in AT_START])
def test_a_database_that_cannot_be_used_is_one_clear_line_and_status_2(
    tmp_path: Path, make: Callable[[Path], str], code: str
) -> None:
    url = make(tmp_path)
    before = _file_state(tmp_path)
    status, output = run_plain(url, ["1", "", PERSON], tmp_path / "home")
    assert status == 2, output
    assert_named_once(output, code)
    assert _file_state(tmp_path) == before  # nothing replaced, repaired or lost


def _visit_with_a_draft(tmp: Path, folder: Path) -> str:
    """A database in `folder` holding a draft (the name PERSON), written by plain mode."""
    url = populated(folder / "intake.sqlite3")
    desk_user(url, "Eva Ek")  # plain mode works as the account running the tests
    status, output = run_plain(url, ["1", "", PERSON, "/avsluta", "3"], tmp / "home")
    assert status == 0, output
    return url


DRAFT = [("greeting", ""), ("name", PERSON)]


def test_a_read_only_mount_is_one_clear_line_and_the_draft_is_kept(tmp_path: Path) -> None:
    with read_only_mount(tmp_path) as folder:
        subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True)
        url = _visit_with_a_draft(tmp_path, folder)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        status, output = run_plain(url, ["1", "", PERSON], tmp_path / "home")
        assert status == 2, output
        assert_named_once(output, "read_only")
        subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True)
        assert stored_drafts(url) == [DRAFT]


def test_a_full_disk_is_said_plainly_and_loses_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path, "3m") as folder:
        url = _visit_with_a_draft(tmp_path, folder)
        filler = fill(folder)
        status, output = run_plain(url, ["1", "", "3"], tmp_path / "home")
        assert status in (2, 3), output  # 2: cannot even open; 3: left, answers not saved
        assert_named_once(output, "disk_full")
        if status == 3:
            assert "INTE sparade" in output and "Svaren är sparade" not in output
        filler.unlink()  # space returns
        assert stored_drafts(url) == [DRAFT]
        # and the desk works again: the new visit is stored now
        status, output = run_plain(url, ["1", "", "Ida Berg", "/avsluta", "3"], tmp_path / "home")
        assert status == 0, output
        assert sorted(stored_drafts(url)) == sorted(
            [DRAFT, [("greeting", ""), ("name", "Ida Berg")]]
        )


def test_a_lock_held_by_another_program_is_said_plainly_and_loses_nothing(
    tmp_path: Path,
) -> None:
    url = _visit_with_a_draft(tmp_path, tmp_path)
    holder = sqlite3.connect(tmp_path / "intake.sqlite3", isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")  # another program in the middle of a write
        status, output = run_plain(url, ["1", "", "3"], tmp_path / "home")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert status in (2, 3), output  # 2: busy from the sign-in on; 3: left, not saved
    assert_named_once(output, "busy")
    if status == 3:
        assert "INTE sparade" in output and "Svaren är sparade" not in output
    assert stored_drafts(url) == [DRAFT]
