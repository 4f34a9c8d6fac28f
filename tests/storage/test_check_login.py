"""Unlocking a desk on a shared database: the typed password opens a new connection as the
session's login (`storage.check_login`), issue 18.3.

The shared test server accepts every local connection without a password (pg_hba `trust`
for the unix socket and 127.0.0.1), so no password can be checked there: a wrong one gets in
just as well. On such a server `check_login` says "not_asked" rather than "ok", and the
lock asks the OS password instead (tests/core/test_credentials.py). The password itself is
checked against a private PostgreSQL started by the test with `scram-sha-256` on a unix
socket of its own (root only, to run it as the `postgres` account; it fails, not skips,
when INTAKE_REQUIRE_POSTGRES=1 and the server binaries are missing).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import psycopg
import pytest

from intake.credentials import DatabasePassword, Verdict, verify
from storage import check_login
from storage.api import DatabaseFault
from tests.storage.conftest import _exec_pg, pg_base_url, require_pg

PASSWORD = "lösen för låsning"  # noqa: S105 - a throwaway role's, made by the test
PORT = 5499  # names the socket file only: the private server listens on no TCP port


def _pg_bin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else None


def _unavailable(reason: str) -> None:
    if os.environ.get("INTAKE_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"{reason}, and INTAKE_REQUIRE_POSTGRES=1")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def password_server() -> Iterator[str]:
    """The socket folder of a throwaway PostgreSQL that checks passwords (scram-sha-256)."""
    bindir = _pg_bin()
    if bindir is None:
        _unavailable("the PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    if os.geteuid() != 0:
        _unavailable("a private PostgreSQL server is started as the postgres account: needs root")
    try:
        owner = pwd.getpwnam("postgres")
    except KeyError:
        _unavailable("no postgres account to run a private server as")
    folder = tempfile.mkdtemp(prefix="intake-pg-")
    os.chown(folder, owner.pw_uid, owner.pw_gid)
    data, pwfile = f"{folder}/data", f"{folder}/pw"
    with open(pwfile, "w", encoding="utf-8") as handle:
        handle.write("superlösen\n")
    os.chown(pwfile, owner.pw_uid, owner.pw_gid)

    def as_postgres(*command: str) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *command],
            check=True,
            capture_output=True,
            cwd=folder,
        )

    try:
        as_postgres(
            f"{bindir}/initdb",
            "-D",
            data,
            "-U",
            "postgres",
            "--auth=scram-sha-256",
            f"--pwfile={pwfile}",
            "--no-sync",
        )
        options = f"-k {folder} -p {PORT} -c listen_addresses=''"
        as_postgres(
            f"{bindir}/pg_ctl", "-D", data, "-o", options, "-w", "-l", f"{folder}/log", "start"
        )
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        _unavailable(f"the private PostgreSQL did not start: {exc.stderr.decode()[-300:]}")
    try:
        with psycopg.connect(
            host=folder,
            port=PORT,
            user="postgres",
            dbname="postgres",
            autocommit=True,
            password="superlösen",  # noqa: S106 - the private server's, made above
        ) as conn:
            conn.execute(f"CREATE ROLE lockuser LOGIN PASSWORD '{PASSWORD}'")
        yield folder
    finally:
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                f"{bindir}/pg_ctl",
                "-D",
                data,
                "-m",
                "fast",
                "-w",
                "stop",
            ],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def _url(folder: str, user: str = "lockuser") -> str:
    return f"postgresql+psycopg://{user}@/postgres?host={quote(folder)}&port={PORT}"


def test_the_database_password_unlocks(password_server: str) -> None:
    url = _url(password_server)
    assert check_login(url, PASSWORD) == "ok"
    assert check_login(url, "fel lösen") == "wrong"
    assert check_login(url, "") == "wrong"
    assert check_login(_url(password_server, "nobody"), PASSWORD) == "wrong"
    # The password in the configured URL is replaced by the typed one, never used.
    with_stored = url.replace("lockuser@", f"lockuser:{quote(PASSWORD)}@")
    assert check_login(with_stored, "fel") == "wrong"


def test_the_lock_checks_the_database_login(password_server: str) -> None:
    class NoOs:
        account = "desk"

        def check(self, secret: str) -> bool:
            raise AssertionError("the database asked for the password: no OS check")

    checker = DatabasePassword("lockuser", _url(password_server), NoOs())
    slept: list[float] = []
    assert verify(checker, "fel", sleep=slept.append) is Verdict.WRONG
    assert verify(checker, PASSWORD, sleep=slept.append) is Verdict.OK
    assert len(slept) == 1


def test_a_server_that_is_down_is_unavailable_not_wrong(password_server: str) -> None:
    url = f"postgresql+psycopg://lockuser@/postgres?host={quote(password_server)}&port=5498"
    with pytest.raises(DatabaseFault):
        check_login(url, PASSWORD)
    checker = DatabasePassword("lockuser", url, DatabasePassword("x", url, None))  # type: ignore[arg-type]
    assert verify(checker, PASSWORD, sleep=lambda s: None) is Verdict.UNAVAILABLE


def test_a_trusting_server_proves_nothing() -> None:
    """pg_hba `trust` on the shared test server: a wrong password gets in as well, so the
    check says "not_asked" and the lock asks the operating system instead."""
    require_pg()
    role = f"lock_{uuid.uuid4().hex[:8]}"
    _exec_pg(f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'")
    try:
        base = pg_base_url().replace("postgres@", f"{role}@", 1)
        assert check_login(base, "ganska fel") == "not_asked"
        assert check_login(base, PASSWORD) == "not_asked"
    finally:
        _exec_pg(f"DROP ROLE {role}")
    assert check_login("sqlite:///x.sqlite3", "x") == "not_asked"
