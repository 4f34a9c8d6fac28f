"""Who is working (issue 18): on a single desk the OS account, never a typed name; the first
start bootstraps it as admin; an unknown account is refused with the names of those who can
add it; only an admin may act as someone else; user names are normalised; refusals and role
changes are audited, with the database's clock; the database file is owner-only."""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.api import (
    AuditAction,
    AuditQuery,
    PermissionDenied,
    Role,
    UnknownAccountError,
    UserInfo,
)
from storage.repository import SqlRepository
from tests.storage.conftest import new_case


@pytest.fixture
def sqlite_repo(tmp_path: Path) -> Any:
    repo = SqlRepository.open(f"sqlite:///{tmp_path / 'desk' / 'intake.sqlite3'}")
    yield repo
    repo.close()


def test_the_os_account_is_the_user_and_the_first_one_is_admin(
    sqlite_repo: Any, os_account: list[str]
) -> None:
    os_account[0] = "kim"
    first = sqlite_repo.sign_in()
    assert (first.username, first.role) == ("kim", Role.ADMIN)
    assert sqlite_repo.sign_in() == first  # the second start: the same user, no new admin
    trail = sqlite_repo.audit_entries(first, AuditQuery(username="kim"))
    assert [e.action for e in trail] == [AuditAction.USER_ADD, AuditAction.BOOTSTRAP]


def test_another_account_is_refused_until_an_admin_adds_it(
    sqlite_repo: Any, os_account: list[str]
) -> None:
    os_account[0] = "kim"
    kim = sqlite_repo.sign_in()
    os_account[0] = "lo"
    with pytest.raises(UnknownAccountError) as refused:
        sqlite_repo.sign_in()
    assert "kim" in str(refused.value) and refused.value.message("sv").startswith("Kontot lo")
    sqlite_repo.add_user(kim, "lo", "Lo Larsson", Role.RECEPTION)
    assert sqlite_repo.sign_in().role is Role.RECEPTION  # the role is the admin's choice
    refusals = sqlite_repo.audit_entries(kim, AuditQuery(action=AuditAction.REFUSED))
    assert [(e.username, e.detail) for e in refusals] == [("lo", "sign_in: unknown_account")]


def test_only_an_admin_may_act_as_another_user(sqlite_repo: Any, os_account: list[str]) -> None:
    os_account[0] = "kim"
    kim = sqlite_repo.sign_in()
    sqlite_repo.add_user(kim, "lo", "Lo", Role.RECEPTION)
    assert sqlite_repo.sign_in(act_as="lo").username == "lo"
    os_account[0] = "lo"
    with pytest.raises(PermissionDenied):
        sqlite_repo.sign_in(act_as="kim")
    trail = sqlite_repo.audit_entries(kim, AuditQuery(since=dt.date.today()))
    assert [(e.username, e.action, e.detail) for e in trail][-2:] == [
        ("kim", AuditAction.ACT_AS, "as lo"),
        ("lo", AuditAction.REFUSED, "sign_in: act_as"),
    ]


def test_user_names_are_normalised_and_one_script(repo: Any, admin: UserInfo) -> None:
    assert repo.add_user(admin, "ＡＮＮＡ", "Anna", Role.RECEPTION).username == "anna"
    with pytest.raises(ValueError, match="one script"):
        repo.add_user(admin, "\u0430nna", "Fake Anna", Role.ADMIN)  # Cyrillic а
    with pytest.raises(ValueError, match="spaces"):
        repo.add_user(admin, "anna svensson", "x", Role.RECEPTION)
    assert [u.username for u in repo.list_users()] == ["anna", "it"]


def test_role_changes_and_refusals_are_audited(
    repo: Any, reception: UserInfo, worker: UserInfo, admin: UserInfo
) -> None:
    repo.add_user(admin, "anna", "Anna", Role.SOCIAL_WORKER)
    repo.add_user(admin, "anna", "Anna", Role.RECEPTION)
    other = repo.add_user(admin, "bo", "Bo", Role.RECEPTION)
    case = repo.create_case(reception, new_case())
    with pytest.raises(PermissionDenied):
        repo.get_case(other, case.number)
    with pytest.raises(PermissionDenied):
        repo.get_case(admin, case.number)
    trail = repo.audit_entries(admin, AuditQuery(username="it"))
    assert [(e.action, e.detail) for e in trail][:3] == [
        (AuditAction.ROLE_CHANGE, "anna reception->social_worker"),
        (AuditAction.ROLE_CHANGE, "anna social_worker->reception"),
        (AuditAction.USER_ADD, "bo reception"),
    ]
    refused = repo.audit_entries(admin, AuditQuery(action=AuditAction.REFUSED))
    assert [(e.username, e.case_number) for e in refused] == [
        ("bo", case.number),
        ("it", case.number),
    ]
    with pytest.raises(PermissionDenied):
        repo.audit_for_user(worker, "anna")  # refused through the repository's own check
    last = repo.audit_entries(admin, AuditQuery(action=AuditAction.REFUSED))[-1]
    assert (last.username, last.detail) == ("sven", "audit_entries: role")


def test_only_the_repository_writes_audit_rows_for_what_a_user_did(
    repo: Any, reception: UserInfo, worker: UserInfo, admin: UserInfo
) -> None:
    case = repo.create_case(reception, new_case())
    other = repo.add_user(admin, "bo", "Bo", Role.RECEPTION)
    for action in (AuditAction.VIEW, AuditAction.DELETE, AuditAction.CREATE):
        with pytest.raises(PermissionDenied):
            repo.record_audit(worker, action, case.number)
    with pytest.raises(PermissionDenied):  # an export of a case bo may not open
        repo.record_audit(other, AuditAction.EXPORT, case.number)
    with pytest.raises(PermissionDenied):
        repo.record_audit(admin, AuditAction.PRINT, case.number)
    repo.record_audit(worker, AuditAction.PRINT, case.number)
    repo.record_audit(other, AuditAction.EXPORT, None)  # a screen, no case
    trail = repo.audit_for_case(admin, case.number)
    # each refusal is on the case's trail too, saying what was refused (tests/storage/
    # test_refusals.py), but no row says it was done
    assert [(e.username, e.action) for e in trail if e.action is not AuditAction.REFUSED] == [
        ("anna", AuditAction.CREATE),
        ("sven", AuditAction.PRINT),
    ]
    assert [(e.username, e.detail) for e in trail if e.action is AuditAction.REFUSED] == [
        ("sven", "record_audit: audit_action"),
        ("sven", "record_audit: audit_action"),
        ("sven", "record_audit: audit_action"),
        ("bo", "record_audit: reception_others_cases"),
        ("it", "record_audit: admin_no_content"),
    ]


def test_audit_time_is_the_database_clock(
    repo: Any, clock: Any, reception: UserInfo, admin: UserInfo
) -> None:
    clock.now = dt.datetime(2001, 1, 1, tzinfo=dt.UTC)  # the app's clock cannot date a row
    case = repo.create_case(reception, new_case())
    (created,) = repo.audit_for_case(admin, case.number)
    assert abs(created.at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


@pytest.mark.skipif(os.name != "posix", reason="file modes: POSIX only (Windows: ACLs)")
def test_the_database_file_and_folder_are_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "desk"
    SqlRepository.open(f"sqlite:///{folder / 'intake.sqlite3'}").close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "intake.sqlite3").stat().st_mode) == 0o600


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /etc/passwd")
def test_the_os_account_comes_from_the_system_not_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib
    import pwd

    import storage.identity

    real = importlib.reload(storage.identity)  # undo the suite's fake
    monkeypatch.setenv("USER", "someone_else")
    monkeypatch.setenv("LOGNAME", "someone_else")
    assert real.os_account() == pwd.getpwuid(os.getuid()).pw_name


def test_the_last_admin_cannot_be_made_anything_else(repo: Any, admin: UserInfo) -> None:
    """Someone must always be able to add users and read the log: demoting the only admin is
    refused (and audited); once there is another admin it is allowed (and audited)."""
    with pytest.raises(PermissionDenied) as refused:
        repo.add_user(admin, admin.username, "IT", Role.RECEPTION)
    assert refused.value.code == "last_admin"
    assert refused.value.message("sv").startswith("Databasen måste ha minst en administratör")
    assert repo.get_user(admin.username).role is Role.ADMIN
    other = repo.add_user(admin, "it2", "IT 2", Role.ADMIN)
    repo.add_user(other, admin.username, "IT", Role.RECEPTION)
    trail = [(e.username, e.action, e.detail) for e in repo.audit_entries(other, AuditQuery())]
    assert (admin.username, AuditAction.REFUSED, "add_user: last_admin") in trail
    assert ("it2", AuditAction.ROLE_CHANGE, f"{admin.username} admin->reception") in trail


def test_the_audit_log_is_read_a_page_at_a_time(repo: Any, admin: UserInfo) -> None:
    for n in range(7):
        repo.add_user(admin, f"user{n}", f"User {n}", Role.RECEPTION)
    query = AuditQuery(action=AuditAction.USER_ADD, limit=3)
    assert repo.count_audit(admin, query) == 8  # the admin's own addition, then seven
    pages = [repo.audit_entries(admin, replace(query, offset=o)) for o in (0, 3, 6)]
    assert [len(page) for page in pages] == [3, 3, 2]
    details = [e.detail for page in pages for e in page]
    assert details == [e.detail for e in repo.audit_entries(admin, replace(query, limit=100))]
    with pytest.raises(PermissionDenied):  # admins only, like the entries themselves
        repo.count_audit(repo.ensure_user("sven", "Sven", Role.SOCIAL_WORKER), query)


@given(st.text(max_size=12))
@settings(max_examples=400, deadline=None)
def test_the_script_test_is_confusable_homoglyphs_own(text: str) -> None:
    """storage.identity reads the library's script table itself (its modules import urllib for
    a download); the verdict is the library's `is_mixed_script`, character for character."""
    from confusable_homoglyphs import categories, confusables

    from storage.identity import scripts

    assert scripts(text) == categories.unique_aliases(text) - {"COMMON"}
    assert (len(scripts(text)) > 1) == confusables.is_mixed_script(text)


def test_mixed_scripts_are_refused_and_one_script_is_not() -> None:
    from storage.identity import normalize_username

    assert normalize_username("Anna.Berg-2") == "anna.berg-2"
    assert normalize_username("ирина") == "ирина"  # Cyrillic alone is one script
    with pytest.raises(ValueError, match="one script"):
        normalize_username("\u0430nna")  # a Cyrillic а among Latin letters
