"""`intake db` and `intake audit` on the command line, as IT staff use them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from intake.cli import main
from storage.api import Role
from storage.db import HEAD_REVISION
from storage.repository import SqlRepository
from tests.storage.conftest import Clock, new_case


def login(url: str) -> str:
    """Who the repository sees as working: on PostgreSQL the test server's login."""
    return "postgres" if url.startswith("postgresql") else "it"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_upgrade_add_user_and_status(
    db_url: str, capsys: pytest.CaptureFixture[str], os_account: list[str]
) -> None:
    code, out, _ = run(capsys, "--db", db_url, "db", "upgrade")
    assert code == 0 and f"revision {HEAD_REVISION}" in out
    os_account[0] = login(db_url)
    if db_url.startswith("postgresql"):  # no bootstrap on a shared database: the DBA adds
        repo = SqlRepository.open(db_url)
        repo.ensure_user(login(db_url), "IT", Role.ADMIN)
        repo.close()
    code, out, _ = run(capsys, "--db", db_url, "db", "add-user", "Sven", "--role", "social_worker")
    assert (code, out) == (0, "sven: social_worker\n")
    code, out, _ = run(capsys, "--db", db_url, "db", "users")
    assert out.splitlines()[-1] == "sven\tsocial_worker\tSven"
    code, out, _ = run(capsys, "--db", db_url, "db", "status")
    assert code == 0 and "cases: 0" in out and HEAD_REVISION in out


def test_the_first_command_on_an_empty_database_makes_the_account_admin(
    capsys: pytest.CaptureFixture[str], os_account: list[str]
) -> None:
    from intake.settings import data_dir

    os_account[0] = "it-anna"
    code, out, _ = run(capsys, "db", "add-user", "sven", "--role", "social_worker")
    assert code == 0
    assert (data_dir() / "intake.sqlite3").is_file()
    code, out, _ = run(capsys, "db", "users")
    assert out.splitlines() == ["it-anna\tadmin\tit-anna", "sven\tsocial_worker\tsven"]
    code, out, _ = run(capsys, "audit", "user", "it-anna")
    actions = [line.split("\t")[2] for line in out.splitlines()]
    assert actions == ["user_add", "bootstrap", "user_add"]
    os_account[0] = "sven"  # not an admin: refused, and the refusal is on file
    code, _, err = run(capsys, "db", "add-user", "bo", "--role", "admin")
    assert code == 2 and "sven is not an admin" in err
    os_account[0] = "okänd"
    code, _, err = run(capsys, "db", "users")
    assert code == 2 and "not a user of this database" in err and "it-anna" in err
    os_account[0] = "it-anna"
    code, out, _ = run(capsys, "audit", "refusals", "--csv")
    assert out.splitlines()[0] == "at,username,action,case_number,detail"
    assert [line.split(",")[1:] for line in out.splitlines()[1:]] == [
        ["okänd", "refused", "-", "sign_in: unknown_account"],
    ]


def test_audit_and_purge_need_an_admin(
    migrated_url: str, capsys: pytest.CaptureFixture[str], os_account: list[str]
) -> None:
    clock = Clock()
    repo = SqlRepository.open(migrated_url, clock=clock)
    anna = repo.ensure_user("anna", "Anna", Role.RECEPTION)
    sven = repo.ensure_user("sven", "Sven", Role.SOCIAL_WORKER)
    admin = login(migrated_url)
    repo.ensure_user(admin, "IT", Role.ADMIN)
    repo.ensure_user("it", "IT", Role.ADMIN)
    clock.now = dt.datetime(2019, 5, 2, 10, 30, tzinfo=dt.UTC)
    case = repo.create_case(anna, new_case())
    draft_id = repo.save_draft(anna, None, case.stamp, "sv", [{"q": 1}])
    repo.get_case(sven, case.number)  # opened: audited as a view
    repo.close_case(sven, case.number, "Avslutat")
    repo.close()
    today = dt.datetime.now(dt.UTC).date().isoformat()  # audit times: the database's clock

    os_account[0] = admin
    code, out, _ = run(capsys, "--db", migrated_url, "audit", "case", case.number)
    assert code == 0
    assert [line.split("\t")[1:] for line in out.splitlines()] == [
        ["anna", "create", case.number],
        ["sven", "view", case.number],
        ["sven", "update", case.number],
    ]
    assert all(line.startswith(today) for line in out.splitlines())
    code, out, _ = run(capsys, "--db", migrated_url, "audit", "day", today)
    assert "\tanna\tdraft_save\t-" in out
    if not migrated_url.startswith("postgresql"):  # there, the login is who works
        os_account[0] = "sven"
        code, _, err = run(capsys, "--db", migrated_url, "audit", "user", "anna")
        assert code == 2 and "not an admin" in err
        code, _, err = run(capsys, "--db", migrated_url, "--user", "it", "audit", "user", "anna")
        assert code == 2 and "Only an admin can work as another user" in err
    os_account[0] = admin
    base = ("--db", migrated_url, "db", "purge")
    code, out, err = run(capsys, *base, "--today", "2024-12-31")
    assert (code, out) == (0, "") and "0 closed case(s)" in err
    code, out, err = run(capsys, *base, "--today", "2025-01-01")
    assert out == f"{case.number}\ndraft {draft_id}\n" and "--apply" in err
    code, out, err = run(capsys, *base, "--today", "2025-01-01", "--apply")
    assert out == f"{case.number}\ndraft {draft_id}\n"
    assert "1 closed case(s) and 1 draft(s) removed" in err
    code, out, _ = run(capsys, "--db", migrated_url, "audit", "case", case.number)
    assert out.splitlines()[-1].split("\t")[1:] == [admin, "delete", case.number]
    code, out, _ = run(capsys, "--db", migrated_url, "audit", "user", admin)
    purges = [line.split("\t")[4] for line in out.splitlines() if "\tpurge\t" in line]
    assert purges[-1] == "drafts: years=5 today=2025-01-01 apply=yes found=1"
    code, _, err = run(capsys, *base, "--today", "2025-02-30")
    assert code == 2 and "--today" in err
    code, _, err = run(capsys, *base, "--years", "0", "--apply")
    assert code == 2 and "--years: at least 5" in err
    code, _, err = run(capsys, *base, "--today", "2099-01-01", "--apply")
    assert code == 2 and "--today: not after today" in err


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # PostgreSQL: the login works
def test_an_admin_acting_as_another_user_is_audited(
    migrated_url: str, capsys: pytest.CaptureFixture[str], os_account: list[str]
) -> None:
    admin = login(migrated_url)
    repo = SqlRepository.open(migrated_url)
    repo.ensure_user(admin, "IT", Role.ADMIN)
    repo.ensure_user("it2", "IT 2", Role.ADMIN)
    repo.close()
    os_account[0] = admin
    code, _, _ = run(capsys, "--db", migrated_url, "--user", "it2", "audit", "user", "x")
    assert code == 0
    code, out, _ = run(capsys, "--db", migrated_url, "audit", "user", admin)
    assert out.splitlines()[-1].split("\t")[2:] == ["act_as", "-", "as it2"]


def test_bad_role_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--db", f"sqlite:///{tmp_path}/x.db", "db", "add-user", "x", "--role", "boss"])
    assert caught.value.code == 2
