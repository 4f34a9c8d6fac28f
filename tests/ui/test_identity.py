"""Who is working (issue 18.1), as a person meets it: the app and plain mode take the OS
account, never a typed name, and offer no role; the first start on an empty database makes
the account its first admin, on screen and in the audit log; another account is refused,
naming who can add it, until an admin does; `--user` is an admin's audited support option.

The OS account is faked through the one function the app asks (`storage.identity.os_account`,
tests/conftest.py); the last test runs `intake` under a real second uid.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, RadioSet, Static

from intake.cli import main
from intake.settings import load_settings
from intake.ui.app import EXIT_REFUSED, IntakeApp
from intake.ui.plain import PlainUI
from intake.ui.screens.login import AccountRefusedScreen
from intake.ui.screens.start import StartScreen
from storage import open_admin
from storage.api import AuditAction, AuditQuery, Repository, Role
from tests.ui.driver import TODAY
from tests.ui.test_start_up import until

ROOT = Path(__file__).resolve().parents[2]


def _app(db_url: str, repo: Repository | None = None, **options: Any) -> IntakeApp:
    """The app as `intake` starts it: no user given, so it asks who is working."""
    return IntakeApp(load_settings(database_url=db_url), repo=repo, today=TODAY, **options)


def _status(app: IntakeApp) -> str:
    return str(app.screen.query_one("#start-status", Static).render())


def _audit(db_url: str, admin: str, query: AuditQuery) -> list[tuple[str, AuditAction, str]]:
    repo = open_admin(db_url)
    try:
        me = repo.get_user(admin)
        assert me is not None
        return [(e.username, e.action, e.detail) for e in repo.audit_entries(me, query)]
    finally:
        repo.close()


async def test_the_os_account_is_the_user_and_no_name_or_role_is_asked(
    db_url: str, repo: Repository, os_account: list[str]
) -> None:
    repo.ensure_user("kim", "Kim Karlsson", Role.ADMIN)
    repo.ensure_user("anna", "Anna Andersson", Role.RECEPTION)
    os_account[0] = "anna"
    app = _app(db_url, repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.user is not None, "the sign-in")
        assert app.user is not None and app.user.username == "anna"
        assert isinstance(app.screen, StartScreen)
        assert "Inloggad: Anna Andersson (Mottagning)" in _status(app)
        for screen in app.screen_stack:  # nothing to type a name into, no role to pick
            assert not screen.query(Input) and not screen.query(RadioSet)


async def test_the_first_start_makes_the_account_the_first_admin(
    db_url: str, os_account: list[str]
) -> None:
    os_account[0] = "kim"
    app = _app(db_url)
    async with app.run_test(size=(110, 34)) as pilot:
        await until(pilot, lambda: app.user is not None, "the sign-in")
        assert app.user is not None and app.user.role is Role.ADMIN
        assert "kontot kim är nu administratör" in _status(app)
        assert not app.screen.query("#new").first().display  # admins make no visits
    app.close_repository()
    trail = _audit(db_url, "kim", AuditQuery(username="kim"))
    assert [a for _, a, _ in trail] == [AuditAction.USER_ADD, AuditAction.BOOTSTRAP]
    again = _app(db_url)  # the second start: the same admin, and no first-start message
    async with again.run_test(size=(110, 34)) as pilot:
        await until(pilot, lambda: again.user is not None, "the sign-in")
        assert "administratör för den här databasen" not in _status(again)
    again.close_repository()


async def test_another_account_is_refused_until_an_admin_adds_it(
    db_url: str, repo: Any, os_account: list[str]
) -> None:
    kim = repo.ensure_user("kim", "Kim Karlsson", Role.ADMIN)
    os_account[0] = "lo"
    app = _app(db_url, repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: bool(app.screen.query("#refused-message")), "the refusal")
        assert isinstance(app.screen, AccountRefusedScreen)
        message = str(app.screen.query_one("#refused-message", Static).render())
        assert message == (
            "Kontot lo är inte användare i den här databasen. "
            "En administratör kan lägga till det: kim."
        )
        assert app.user is None and not app.intake_ready
        await pilot.press("n")  # nothing behind the refusal can be reached
        assert isinstance(app.screen, AccountRefusedScreen)
        await pilot.press("f4")  # the refusal follows the language
        await pilot.pause()
        english = str(app.screen.query_one("#refused-message", Static).render())
        assert english.startswith("the account lo is not a user") and "kim" in english
        await pilot.press("ctrl+q")
    assert app.return_code == EXIT_REFUSED == 2
    refusals = repo.audit_entries(kim, AuditQuery(action=AuditAction.REFUSED))
    assert [(e.username, e.detail) for e in refusals] == [("lo", "sign_in: unknown_account")]

    repo.add_user(kim, "lo", "Lo Larsson", Role.RECEPTION)
    admitted = _app(db_url, repo)
    async with admitted.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: admitted.user is not None, "the sign-in")
        assert "Inloggad: Lo Larsson (Mottagning)" in _status(admitted)


async def test_an_answer_typed_before_a_refusal_is_not_shown_as_saved(
    db_url: str, repo: Repository, os_account: list[str]
) -> None:
    """A visit may begin while the database opens; if the account is then refused, the
    refusal replaces it and nothing was stored or shown as stored."""
    repo.ensure_user("kim", "Kim", Role.ADMIN)
    os_account[0] = "lo"
    app = _app(db_url, repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, AccountRefusedScreen), "the refusal")
    assert app.desk.is_open is False


def _plain(db_url: str, *argv: str, lines: list[str]) -> tuple[int, list[str]]:
    feed = iter(lines)
    out: list[str] = []
    code = PlainUI(
        load_settings(database_url=db_url),
        act_as=argv[0] if argv else None,
        today=TODAY,
        read=lambda prompt: next(feed),
        write=out.append,
    ).run()
    return code, out


def test_plain_mode_takes_the_os_account_and_refuses_an_unknown_one(
    db_url: str, os_account: list[str]
) -> None:
    os_account[0] = "kim"
    code, out = _plain(db_url, lines=[])
    assert code == 0
    assert any("kontot kim är nu administratör" in line for line in out)
    assert any(line.startswith("Administration") for line in out)  # no visits for admins

    os_account[0] = "lo"
    code, out = _plain(db_url, lines=[])
    assert code == 2
    assert out[-1] == (
        "! Kontot lo är inte användare i den här databasen. "
        "En administratör kan lägga till det: kim."
    )
    assert not any("Användarnamn" in line or "Roll" in line for line in out)


def test_plain_mode_through_the_command_line_exits_2_when_refused(
    db_url: str, repo: Repository, os_account: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    repo.ensure_user("kim", "Kim", Role.ADMIN)
    os_account[0] = "lo"
    code = main(["--plain", "--db", db_url, "--lang", "en"])
    printed = capsys.readouterr()
    assert code == 2
    assert "! the account lo is not a user of this database; an admin can add it: kim" in (
        printed.out
    )
    assert "Traceback" not in printed.out + printed.err


def test_user_is_an_admins_audited_support_option_only(
    db_url: str, repo: Any, os_account: list[str]
) -> None:
    kim = repo.ensure_user("kim", "Kim", Role.ADMIN)
    repo.ensure_user("anna", "Anna Andersson", Role.RECEPTION)
    os_account[0] = "anna"  # reception may not pose as anyone
    code, out = _plain(db_url, "kim", lines=[])
    assert code == 2 and out[-1] == "! Bara en administratör kan arbeta som en annan användare."
    os_account[0] = "kim"  # an admin may, for support, and it is said and audited
    code, out = _plain(db_url, "anna", lines=["3"])
    assert code == 0
    assert "Support: kontot kim arbetar som anna (registrerat i loggen)." in out
    assert "Inloggad: Anna Andersson (Mottagning)" in out
    trail = repo.audit_entries(kim, AuditQuery(since=TODAY.replace(day=1)))
    assert ("anna", AuditAction.REFUSED, "sign_in: act_as") in [
        (e.username, e.action, e.detail) for e in trail
    ]
    assert ("kim", AuditAction.ACT_AS, "as anna") in [
        (e.username, e.action, e.detail) for e in trail
    ]


def test_the_cases_command_acts_as_the_os_account(
    db_url: str, repo: Repository, os_account: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    repo.ensure_user("kim", "Kim", Role.ADMIN)
    repo.ensure_user("sven", "Sven", Role.SOCIAL_WORKER)
    os_account[0] = "sven"
    assert main(["--db", db_url, "cases", "list", "--format", "json"]) == 0
    assert '"total": 0' in capsys.readouterr().out
    assert main(["--db", db_url, "--user", "kim", "cases", "list"]) == 3  # no posing
    assert "administratör" in capsys.readouterr().err
    os_account[0] = "okänd"
    assert main(["--db", db_url, "cases", "list"]) == 3
    assert capsys.readouterr().err.strip() == (
        "intake: Kontot okänd är inte användare i den här databasen. "
        "En administratör kan lägga till det: kim."
    )


# -- a real second account ----------------------------------------------------------------------


def _can_switch_uid() -> str:
    """Why a test under another uid cannot run here, or "" when it can."""
    if os.name != "posix" or os.geteuid() != 0:
        return "needs root, to add a throwaway account and run as it"
    missing = [tool for tool in ("useradd", "userdel", "setpriv") if shutil.which(tool) is None]
    return f"missing {', '.join(missing)}" if missing else ""


@pytest.fixture
def other_account() -> Iterator[tuple[str, int, int]]:
    """A throwaway OS account (name, uid, gid), removed afterwards."""
    import pwd

    name = f"itest{uuid.uuid4().hex[:8]}"
    subprocess.run(
        ["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
        check=True,
        capture_output=True,
    )
    try:
        entry = pwd.getpwnam(name)
        yield name, entry.pw_uid, entry.pw_gid
    finally:
        subprocess.run(["userdel", name], check=False, capture_output=True)


def _interpreter_for(uid: int, gid: int) -> list[str]:
    """A Python the other account can run, with this checkout and its packages on the path:
    this interpreter if that account may execute it, else the system's of the same version
    (extension modules are built for the version, so either loads them)."""
    candidates = [sys.executable, f"/usr/bin/python{sys.version_info[0]}.{sys.version_info[1]}"]
    for python in candidates:
        probe = subprocess.run(
            ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", python, "-c", "0"],
            capture_output=True,
        )
        if probe.returncode == 0:
            return [python]
    pytest.skip(f"no Python {sys.version_info[0]}.{sys.version_info[1]} the account may run")


@pytest.mark.slow
@pytest.mark.skipif(bool(_can_switch_uid()), reason=_can_switch_uid() or "runs")
def test_a_second_real_account_is_refused_until_an_admin_adds_it(
    other_account: tuple[str, int, int],
) -> None:
    """`intake --plain` under a real second uid, with its own HOME: the desk's database was
    set up by this (root) account, its first admin, and handed to the desk account; the desk
    account is refused (exit 2, naming the admin) until the admin adds it with `intake db
    add-user`, then signs in as itself. USER/LOGNAME are set to the admin's name on purpose:
    they must not count."""
    import pwd

    name, uid, gid = other_account
    admin = pwd.getpwuid(os.getuid()).pw_name
    desk = Path(tempfile.mkdtemp(prefix="intake-uid-"))  # 0700, reachable through /tmp
    home = desk / "home"
    home.mkdir(mode=0o700)
    url = f"sqlite:///{desk / 'db' / 'intake.sqlite3'}"
    paths = [str(ROOT), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    base_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": os.pathsep.join(dict.fromkeys(paths)),
        "PYTHONDONTWRITEBYTECODE": "1",
        "LANG": "C.UTF-8",
    }

    def as_admin(*argv: str) -> subprocess.CompletedProcess[str]:
        env = {**base_env, "HOME": str(Path.home())}
        done = subprocess.run(
            [sys.executable, "-m", "intake", "--db", url, *argv],
            capture_output=True, text=True, timeout=120, env=env, cwd=ROOT,
        )
        _hand_over(desk, uid, gid)  # the desk account owns the desk's files
        return done

    def as_desk(stdin: str) -> subprocess.CompletedProcess[str]:
        env = {**base_env, "HOME": str(home), "USER": admin, "LOGNAME": admin}
        python = _interpreter_for(uid, gid)
        return subprocess.run(
            ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups",
             *python, "-m", "intake", "--plain", "--db", url],
            input=stdin, capture_output=True, text=True, timeout=120, env=env, cwd=home,
        )

    try:
        first = as_admin("db", "users")
        assert first.returncode == 0, first.stderr
        assert f"the account {admin} is now the first admin" in first.stderr

        refused = as_desk("")
        assert refused.returncode == 2, refused.stdout + refused.stderr
        assert (
            f"! Kontot {name} är inte användare i den här databasen. "
            f"En administratör kan lägga till det: {admin}."
        ) in refused.stdout.splitlines()
        assert "Traceback" not in refused.stdout + refused.stderr

        added = as_admin("db", "add-user", name, "--role", "reception", "--name", "Desk")
        assert added.returncode == 0, added.stderr
        admitted = as_desk("3\n")  # the menu: quit
        assert admitted.returncode == 0, admitted.stdout + admitted.stderr
        assert "Inloggad: Desk (Mottagning)" in admitted.stdout

        audit = as_admin("audit", "refusals")
        assert audit.returncode == 0, audit.stderr
        assert f"{name}\trefused\t-\tsign_in: unknown_account" in audit.stdout
    finally:
        shutil.rmtree(desk, ignore_errors=True)


def _hand_over(folder: Path, uid: int, gid: int) -> None:
    for path in [folder, *folder.rglob("*")]:
        with contextlib.suppress(FileNotFoundError):
            os.chown(path, uid, gid)

