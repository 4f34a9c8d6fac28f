"""`intake cases` from a shell on a fresh database: import, list as JSON, show, close; a
refusal is one line and exit status 3; a case closed long enough ago is cleared by purge."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from intake.oscompat import login_name
from storage.api import CaseQuery, CaseStatus, Role
from storage.repository import SqlRepository
from tests.storage.conftest import Clock, new_case

RECORD = {
    "schema": "intake-record/1",
    "receiving_municipality": "2283",
    "visit_date": "2026-11-02",
    "origin_municipality": "0180",
    # A payment without a means test is a sign only when the means test is a definite "no"
    # ("unknown" is never evidence, domain issue 14.2); with it, the level stays strong.
    "move": {"initiated_by": "origin_municipality", "move_paid_by_origin": "yes",
             "paid_after_ordinary_assessment": "no"},
    "interventions": [{"type": "home_care", "status": "ongoing", "municipality": "0180"}],
    "consent": {"contact_origin": "yes"},
}


def intake(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "INTAKE_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "intake", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def social_worker_desk(url: str) -> subprocess.CompletedProcess[str]:
    """The account running the tests, from a shell on a fresh database: its first command
    makes it the first admin; it adds another admin ("it") and reception's anna, and makes
    itself a social worker (allowed: it is no longer the last admin). The first command's
    result is returned."""
    first = intake(url, "db", "add-user", "it", "--role", "admin")
    assert first.returncode == 0, first.stderr
    assert intake(url, "db", "add-user", "anna", "--role", "reception").returncode == 0
    me = intake(url, "db", "add-user", login_name(), "--role", "social_worker")
    assert me.returncode == 0, me.stderr
    return first


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_import_list_show_and_close_from_a_shell(db_url: str, tmp_path: Path) -> None:
    """Run as the real OS account, as from a shell (`social_worker_desk`): no command names
    who acts."""
    record = tmp_path / "record.json"
    record.write_text(json.dumps(RECORD), encoding="utf-8")
    assert "first admin" in social_worker_desk(db_url).stderr

    imported = intake(db_url, "cases", "import", str(record), "--format", "json")
    assert imported.returncode == 0, imported.stderr
    number = json.loads(imported.stdout)["number"]
    assert json.loads(imported.stdout)["assessment"]["level"] == "strong"

    listed = intake(db_url, "cases", "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    page = json.loads(listed.stdout)
    assert page["total"] == 1 and page["cases"][0]["number"] == number
    assert page["cases"][0]["status"] == "new"

    shown = intake(db_url, "cases", "show", number)
    assert shown.returncode == 0 and number in shown.stdout
    assert "Kontakta" in shown.stdout  # the steps as a checklist

    early = intake(db_url, "cases", "done", number, "apply_ivo_transfer")
    assert early.returncode == 3
    assert early.stderr.strip().splitlines() == [
        "intake: En ansökan till IVO kan göras först när begäran om överflyttning har skickats."
    ]
    refused = intake(db_url, "--user", "anna", "cases", "list")  # only an admin may act as
    assert refused.returncode == 3 and len(refused.stderr.strip().splitlines()) == 1
    assert "administratör" in refused.stderr
    no_reason = intake(db_url, "cases", "close", number, "--reason", " ")
    assert no_reason.returncode == 3 and "skäl" in no_reason.stderr

    closed = intake(
        db_url, "cases", "close", number, "--reason", "Klart", "--format", "json"
    )
    assert closed.returncode == 0, closed.stderr
    assert json.loads(closed.stdout)["status"] == "closed"
    assert json.loads(closed.stdout)["closed_reason"] == "Klart"

    bad = intake(db_url, "cases", "show", "2026-9999")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_a_case_closed_long_enough_ago_is_cleared_by_purge(
    migrated_url: str, capsys: pytest.CaptureFixture[str], os_account: list[str]
) -> None:
    from intake.cli import main

    clock = Clock()
    repo: Any = SqlRepository.open(migrated_url, clock=clock)
    anna = repo.ensure_user("anna", "Anna", Role.RECEPTION)
    sven = repo.ensure_user("sven", "Sven", Role.SOCIAL_WORKER)
    repo.ensure_user("it", "IT", Role.ADMIN)
    clock.now = dt.datetime(2019, 3, 1, 12, tzinfo=dt.UTC)
    old = repo.create_case(anna, new_case())
    repo.add_note(sven, old.number, "Samtal med Farsta")
    repo.close_case(sven, old.number, "Klart")
    still_open = repo.create_case(anna, new_case())
    clock.now = dt.datetime(2026, 11, 29, 12, tzinfo=dt.UTC)
    recent = repo.create_case(anna, new_case())
    repo.close_case(sven, recent.number, "Klart")
    repo.close()

    # The admin running purge is the OS account (storage's fixture), or the PostgreSQL login.
    admin = "postgres" if migrated_url.startswith("postgresql") else "it"
    setup: Any = SqlRepository.open(migrated_url)
    setup.ensure_user(admin, "DBA", Role.ADMIN)
    setup.close()
    os_account[0] = admin
    code = main(["--db", migrated_url, "db", "purge", "--apply"])
    out = capsys.readouterr().out
    assert code == 0 and old.number in out and still_open.number not in out

    repo = SqlRepository.open(migrated_url)
    try:
        closed = CaseQuery(statuses=(CaseStatus.CLOSED,), limit=10)
        assert [c.number for c in repo.find_cases(sven, closed).rows] == [recent.number]
        assert repo.find_cases(sven, CaseQuery()).total == 1  # the open one stays
    finally:
        repo.close()
