"""An admin's screens, driven as an admin would (issues 15.1, 18.1): the start screen offers
Users, Audit and Retention and each leads to its screen; users are added and their roles
changed (audited), the last admin cannot be demoted; the audit log is read by day, case,
user and refusals a page at a time and saved as CSV; retention lists what would be cleared
and clears it only after a confirmation. A reception user is offered none of it."""

from __future__ import annotations

import csv
import datetime as dt
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, Log, Static

from intake.ui.app import IntakeApp
from intake.ui.screens.admin import RetentionScreen, UsersScreen
from intake.ui.screens.admin_audit import PAGE_SIZE, AuditScreen
from intake.ui.screens.case_dialogs import ChoiceDialog, ConfirmDialog, FormDialog
from intake.ui.screens.start import StartScreen
from intake.ui.widgets.menu_entry import MenuEntry
from storage.api import AuditAction, AuditQuery, PermissionDenied, Role, UserInfo
from storage.repository import SqlRepository
from tests.storage.conftest import Clock, new_case
from tests.ui.test_snapshots import SnapCompare, steady_cursor
from tests.ui.test_start_up import until


@pytest.fixture
def admin(repo: Any) -> UserInfo:
    kim: UserInfo = repo.ensure_user("kim", "Kim Karlsson", Role.ADMIN)
    return kim


@pytest.fixture
def admin_app(
    make_app: Callable[..., IntakeApp], admin: UserInfo
) -> Callable[..., IntakeApp]:
    return lambda **options: make_app(user=admin, **options)


async def _open(pilot: Pilot[Any], key: str, screen: type) -> Any:
    app: Any = pilot.app
    await until(pilot, lambda: isinstance(app.screen, StartScreen) and app.ready, "the start")
    await pilot.pause()
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, screen), screen.__name__)
    await pilot.pause()
    return app.screen


def _text(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_the_admin_start_offers_users_audit_and_retention_and_each_opens(
    admin_app: Callable[..., IntakeApp],
) -> None:
    app = admin_app()
    async with app.run_test(size=(100, 30)) as pilot:
        for key, screen in (("a", UsersScreen), ("l", AuditScreen), ("g", RetentionScreen)):
            await _open(pilot, key, screen)
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, StartScreen), "back")
        start = app.screen
        buttons = [b.id for b in start.query("#admin-entries MenuEntry").results(MenuEntry)]
        assert buttons == ["admin-users", "admin-audit", "admin-retention"]
        await pilot.click("#admin-audit")
        await until(pilot, lambda: isinstance(app.screen, AuditScreen), "the audit by click")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Användare", "Logg", "Gallring"} <= set(titles)


async def test_reception_is_offered_no_administration(
    make_app: Callable[..., IntakeApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.ready, "the start")
        await pilot.pause()
        assert not app.screen.query_one("#admin-entries").display
        await pilot.press("a", "l", "g")
        assert isinstance(app.screen, StartScreen)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert not {"Användare", "Logg", "Gallring"} & titles


async def _fill(pilot: Pilot[Any], *values: str) -> None:
    """Type into the open form's fields, one after the other, and send it."""
    form = pilot.app.screen
    assert isinstance(form, FormDialog)
    for index, value in enumerate(values):
        box = list(form.query(Input).results(Input))[index]
        box.value = value
    box.focus()
    await pilot.press("enter")
    await pilot.pause()


async def _choose(pilot: Pilot[Any], label: str) -> None:
    dialog = pilot.app.screen
    assert isinstance(dialog, ChoiceDialog)
    labels = [text for _, text in dialog.choices]
    for _ in range(labels.index(label)):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


async def test_users_are_added_and_roles_changed_and_the_last_admin_stays(
    admin_app: Callable[..., IntakeApp], repo: Any, admin: UserInfo
) -> None:
    app = admin_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open(pilot, "a", UsersScreen)
        table = screen.query_one("#users", DataTable)
        assert [table.get_row_at(i)[0] for i in range(table.row_count)] == ["anna", "kim"]

        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, FormDialog), "the form")
        await _fill(pilot, "  Lo ", "Lo Larsson")  # normalised: "lo"
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the roles")
        await _choose(pilot, "Mottagning")
        await until(pilot, lambda: repo.get_user("lo") is not None, "lo stored")
        await pilot.pause()
        assert table.row_count == 3 and table.get_row_at(table.cursor_row)[0] == "lo"

        await pilot.press("enter")  # change lo's role
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the roles")
        await _choose(pilot, "Socialsekreterare")
        await until(pilot, lambda: repo.get_user("lo").role is Role.SOCIAL_WORKER, "the role")

        table.move_cursor(row=[u.username for u in screen.users].index("kim"))
        await pilot.press("enter")  # demote the only admin: refused, said, audited
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the roles")
        await _choose(pilot, "Mottagning")
        await pilot.pause(0.2)
        assert repo.get_user("kim").role is Role.ADMIN
        assert isinstance(app.screen, UsersScreen)
    trail = [(e.action, e.detail) for e in repo.audit_entries(admin, AuditQuery(username="kim"))]
    assert (AuditAction.USER_ADD, "lo reception") in trail
    assert (AuditAction.ROLE_CHANGE, "lo reception->social_worker") in trail
    assert (AuditAction.REFUSED, "add_user: last_admin") in trail


def _many_rows(db_url: str, count: int) -> None:
    """`count` audit rows today, written by the one writer of the log (storage.audit)."""
    from storage import audit
    from storage.db import make_engine

    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            for n in range(count):
                audit.write(conn, f"u{n % 7}", AuditAction.LIST, None, f"page {n}")
    finally:
        engine.dispose()


async def test_the_audit_log_is_paged_and_saved_as_csv(
    admin_app: Callable[..., IntakeApp], db_url: str, repo: Any, admin: UserInfo,
    tmp_path: Path,
) -> None:
    _many_rows(db_url, 2 * PAGE_SIZE + 50)
    total = repo.count_audit(admin, AuditQuery(day=dt.datetime.now(dt.UTC).date()))
    app = admin_app()
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await _open(pilot, "l", AuditScreen)
        log = screen.query_one("#audit-log", Log)
        status = _text(screen, "#audit-status")
        assert f"rad 1–{PAGE_SIZE} av {total}" in status
        assert log.line_count == PAGE_SIZE  # one page held, drawn by the line API
        await pilot.press("n")
        assert f"rad {PAGE_SIZE + 1}–{2 * PAGE_SIZE} av {total}" in _text(screen, "#audit-status")
        await pilot.press("n", "n")  # the last page; there is none after it
        assert f"rad {2 * PAGE_SIZE + 1}–{total} av {total}" in _text(screen, "#audit-status")
        await pilot.press("p")
        assert f"rad {PAGE_SIZE + 1}–" in _text(screen, "#audit-status")

        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, FormDialog), "the folder")
        await _fill(pilot, str(tmp_path))
        await until(pilot, lambda: bool(list(tmp_path.glob("audit-day-*.csv"))), "the file")
        (saved,) = tmp_path.glob("audit-day-*.csv")
        rows = list(csv.reader(saved.open(encoding="utf-8")))
        assert rows[0] == ["at", "username", "action", "case_number", "detail"]
        assert len(rows) == total + 1  # the whole day, not the page
        if os.name == "posix":
            assert stat.S_IMODE(saved.stat().st_mode) == 0o600

        await pilot.press("u")  # by user
        await until(pilot, lambda: isinstance(app.screen, FormDialog), "the user form")
        await _fill(pilot, "u3")
        assert "Användare u3: rad 1–" in _text(screen, "#audit-status")
        assert log.lines and all(line.split()[2] == "u3" for line in log.lines)

        await pilot.press("d")  # a day without rows
        await until(pilot, lambda: isinstance(app.screen, FormDialog), "the day form")
        await _fill(pilot, "2020-01-01")
        assert _text(screen, "#audit-status") == "Dag 2020-01-01: inga rader."
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, FormDialog), "the day form")
        await _fill(pilot, "igår")  # not a date: said, the form stays
        assert isinstance(app.screen, FormDialog)


async def test_the_audit_log_by_case_and_refusals(
    admin_app: Callable[..., IntakeApp], repo: Any, user: UserInfo, admin: UserInfo
) -> None:
    case = repo.create_case(user, new_case())
    with pytest.raises(PermissionDenied):  # reception may not open others' cases: audited
        repo.get_case(repo.ensure_user("eva", "Eva", Role.RECEPTION), case.number)
    app = admin_app()
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await _open(pilot, "l", AuditScreen)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, FormDialog), "the case form")
        await _fill(pilot, case.number)
        lines = list(screen.query_one("#audit-log", Log).lines)
        assert any(line.split()[2:5] == ["anna", "create", case.number] for line in lines)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, FormDialog), "the since form")
        await _fill(pilot, "")  # all refusals
        lines = list(screen.query_one("#audit-log", Log).lines)
        assert lines and all(line.split()[3] == "refused" for line in lines)
        assert any(line.split()[2] == "eva" for line in lines)


async def _type(pilot: Pilot[Any], field: str, text: str) -> None:
    """Clear the field, type `text` and press Enter, as a person would."""
    box = pilot.app.screen.query_one(field, Input)
    box.focus()
    box.clear()
    await pilot.press(*text, "enter")
    await pilot.pause()


def _old_closed_case(db_url: str) -> str:
    clock = Clock()
    repo: Any = SqlRepository.open(db_url, clock=clock)
    try:
        anna = repo.ensure_user("anna", "Anna", Role.RECEPTION)
        sven = repo.ensure_user("sven", "Sven", Role.SOCIAL_WORKER)
        clock.now = dt.datetime(2019, 3, 1, 12, tzinfo=dt.UTC)
        old = repo.create_case(anna, new_case())
        repo.close_case(sven, old.number, "Klart")
        return str(old.number)
    finally:
        repo.close()


async def test_retention_lists_then_clears_after_a_confirmation(
    admin_app: Callable[..., IntakeApp], db_url: str, repo: Any, admin: UserInfo
) -> None:
    number = _old_closed_case(db_url)
    app = admin_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await _open(pilot, "g", RetentionScreen)
        apply = screen.query_one("#apply", Button)
        assert apply.disabled  # nothing listed yet
        await _type(pilot, "#years", "3")
        assert "minst 5 år" in _text(screen, "#retention-error")
        await _type(pilot, "#years", "5")
        await _type(pilot, "#today", "2999-01-01")
        assert "inte vara senare än i dag" in _text(screen, "#retention-error")
        await _type(pilot, "#today", dt.date.today().isoformat())
        assert number in _text(screen, "#due") and not apply.disabled
        assert repo.find_cases(repo.get_user("sven"), _closed()).total == 1  # listed, not removed

        await pilot.click("#apply")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the confirmation")
        await pilot.press("escape")  # cancelled: nothing removed
        await pilot.pause()
        assert repo.find_cases(repo.get_user("sven"), _closed()).total == 1
        await pilot.click("#apply")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the confirmation")
        await pilot.click("#dialog-accept")
        await until(pilot, lambda: "Gallrat: 1 ärenden" in _text(screen, "#due"), "cleared")
    assert repo.find_cases(repo.get_user("sven"), _closed()).total == 0
    purges = repo.audit_entries(admin, AuditQuery(action=AuditAction.PURGE))
    assert ["apply=yes" in e.detail for e in purges].count(True) == 2  # cases, drafts


def _closed() -> Any:
    from storage.api import CaseQuery, CaseStatus

    return CaseQuery(statuses=(CaseStatus.CLOSED,))


def test_snapshot_users_screen(
    snap_compare: SnapCompare, admin_app: Callable[..., IntakeApp], repo: Any
) -> None:
    repo.ensure_user("sven", "Sven Svensson", Role.SOCIAL_WORKER)

    async def run_before(pilot: Pilot[Any]) -> None:
        await _open(pilot, "a", UsersScreen)
        steady_cursor(pilot)
        await pilot.pause()

    assert snap_compare(admin_app(), terminal_size=(80, 24), run_before=run_before)

