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


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_upgrade_add_user_and_status(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db_url, "db", "upgrade")
    assert code == 0 and f"revision {HEAD_REVISION}" in out
    code, out, _ = run(capsys, "--db", db_url, "db", "add-user", "it", "--role", "admin")
    assert (code, out) == (0, "it: admin\n")
    code, out, _ = run(capsys, "--db", db_url, "db", "users")
    assert out == "it\tadmin\tit\n"
    code, out, _ = run(capsys, "--db", db_url, "db", "status")
    assert code == 0 and "cases: 0" in out and HEAD_REVISION in out


def test_default_database_is_created_in_the_data_dir(capsys: pytest.CaptureFixture[str]) -> None:
    from intake.settings import data_dir

    code, _, _ = run(capsys, "db", "add-user", "it", "--role", "admin")
    assert code == 0
    assert (data_dir() / "intake.sqlite3").is_file()


def test_audit_and_purge_need_an_admin(
    migrated_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = Clock()
    repo = SqlRepository.open(migrated_url, clock=clock)
    anna = repo.ensure_user("anna", "Anna", Role.RECEPTION)
    sven = repo.ensure_user("sven", "Sven", Role.SOCIAL_WORKER)
    repo.ensure_user("it", "IT", Role.ADMIN)
    clock.now = dt.datetime(2019, 5, 2, 10, 30, tzinfo=dt.UTC)
    case = repo.create_case(anna, new_case())
    draft_id = repo.save_draft(anna, None, case.stamp, "sv", [{"q": 1}])
    repo.get_case(sven, case.number)  # opened: audited as a view
    repo.close_case(sven, case.number, "Avslutat")
    repo.close()

    code, out, _ = run(capsys, "--db", migrated_url, "--user", "it", "audit", "case", case.number)
    assert code == 0
    assert out.splitlines() == [
        f"2019-05-02T10:30:00Z\tanna\tcreate\t{case.number}",
        f"2019-05-02T10:30:00Z\tsven\tview\t{case.number}",
        f"2019-05-02T10:30:00Z\tsven\tupdate\t{case.number}",
    ]
    code, out, _ = run(capsys, "--db", migrated_url, "audit", "user", "anna", "--user", "it")
    assert out.splitlines() == [
        f"2019-05-02T10:30:00Z\tanna\tcreate\t{case.number}",
        "2019-05-02T10:30:00Z\tanna\tdraft_save\t-",
    ]
    code, _, err = run(capsys, "--db", migrated_url, "--user", "sven", "audit", "user", "anna")
    assert code == 2 and "not an admin" in err
    code, _, err = run(capsys, "--db", migrated_url, "audit", "user", "anna")
    assert code == 2 and "--user" in err

    base = ("--db", migrated_url, "--user", "it", "db", "purge")
    code, out, err = run(capsys, *base, "--today", "2024-12-31")
    assert (code, out) == (0, "") and "0 closed case(s)" in err
    code, out, err = run(capsys, *base, "--today", "2025-01-01")
    assert out == f"{case.number}\ndraft {draft_id}\n" and "--apply" in err
    code, out, err = run(capsys, *base, "--today", "2025-01-01", "--apply")
    assert out == f"{case.number}\ndraft {draft_id}\n"
    assert "1 closed case(s) and 1 draft(s) removed" in err
    code, out, _ = run(capsys, "--db", migrated_url, "--user", "it", "audit", "case", case.number)
    assert out.splitlines()[-1].endswith(f"\tit\tdelete\t{case.number}")
    code, _, err = run(capsys, *base, "--today", "2025-02-30")
    assert code == 2 and "--today" in err


def test_bad_role_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--db", f"sqlite:///{tmp_path}/x.db", "db", "add-user", "x", "--role", "boss"])
    assert caught.value.code == 2
