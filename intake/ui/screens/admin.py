"""An admin's screens (issues 15.1 and 18.1): the users and their roles, and retention
(gallring). The audit log has a screen of its own (`admin_audit.py`).

Admins manage users, the audit log and retention, never case content: nothing here reads a
case. Every change goes through the repository, which checks the role again, refuses to
leave the database without an admin, and audits additions, role changes, refusals and each
purge run with its parameters. What the screen says is what the repository answered: a user
is "added" only once stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Input, Label, Static

from intake.ui.i18n import t
from intake.ui.screens.base import IntakeScreen
from intake.ui.screens.case_dialogs import ChoiceDialog, ConfirmDialog, Field, FormDialog
from intake.ui.screens.casework import attempt, today_of
from intake.ui.widgets.footer import KeyFooter
from storage.api import Role

if TYPE_CHECKING:
    from storage.api import AdminRepository, CaseWork, UserInfo


def admin_repo(repo: CaseWork) -> AdminRepository:
    """The repository with the admin's tools (one implementation is every protocol)."""
    return cast("AdminRepository", repo)


class UsersScreen(IntakeScreen[None]):
    """Who may work with this database, and in which role."""

    def __init__(self) -> None:
        super().__init__()
        self.users: list[UserInfo] = []

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="admin-box"):
            yield Static(t("users_title", lang), classes="title", markup=False)
            yield Static(t("users_help", lang), markup=False)
            table: DataTable[str] = DataTable(id="users", cursor_type="row", zebra_stripes=True)
            table.add_columns(t("username", lang), t("display_name", lang), t("role", lang))
            yield table
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()

    def reload(self, select: str | None = None) -> None:
        found = attempt(self.intake_app, lambda repo, user: repo.list_users(), "list users")
        self.users = found or []
        table = self.query_one("#users", DataTable)
        table.clear()
        for user in self.users:
            role = t(f"role_{user.role.value}", self.lang)
            table.add_row(user.username, user.display_name, role, key=user.username)
        if select is not None and select in {u.username for u in self.users}:
            table.move_cursor(row=table.get_row_index(select))
        table.focus()

    def _highlighted(self) -> UserInfo | None:
        table = self.query_one("#users", DataTable)
        row = table.cursor_row
        return self.users[row] if 0 <= row < len(self.users) else None

    @on(DataTable.RowSelected, "#users")
    def _selected(self) -> None:
        self.action_change_role()

    def action_add_user(self) -> None:
        lang = self.lang
        fields = [
            Field("username", t("username", lang)),
            Field("display_name", t("display_name", lang)),
        ]
        form = FormDialog(t("add_user_title", lang), fields, today=today_of(self.intake_app))
        self.app.push_screen(form, self._add_user_with_role)

    def _add_user_with_role(self, values: dict[str, str] | None) -> None:
        if values is None:
            return
        from storage.identity import normalize_username

        try:
            username = normalize_username(values["username"])
        except ValueError as exc:
            reason = str(exc).removeprefix("username: ")
            said = t("bad_username", self.lang, reason=reason)
            self.notify(said, severity="warning", markup=False)
            return
        if username in {u.username for u in self.users}:
            said = t("user_exists", self.lang, name=username)
            self.notify(said, severity="warning", markup=False)
            return

        def chosen(role: str | None) -> None:
            if role is not None:
                self._save(username, values["display_name"], Role(role), "user_added")

        self._pick_role(username, chosen)

    def action_change_role(self) -> None:
        user = self._highlighted()
        if user is None:
            return

        def chosen(role: str | None) -> None:
            if role is not None and role != user.role.value:
                self._save(user.username, user.display_name, Role(role), "role_changed")

        self._pick_role(user.username, chosen)

    def _pick_role(self, username: str, then: Callable[[str | None], None]) -> None:
        choices = [(role.value, t(f"role_{role.value}", self.lang)) for role in Role]
        dialog = ChoiceDialog(t("role_title", self.lang, name=username), choices)
        self.app.push_screen(dialog, then)

    def _save(self, username: str, display_name: str, role: Role, said: str) -> None:
        def add(repo: CaseWork, admin: UserInfo) -> UserInfo:
            return admin_repo(repo).add_user(admin, username, display_name, role)

        saved = attempt(self.intake_app, add, "add user")
        if saved is None:  # refused (e.g. the last admin) or failed: said by `attempt`
            self.reload(select=username)
            return
        role_name = t(f"role_{saved.role.value}", self.lang)
        self.notify(t(said, self.lang, name=saved.username, role=role_name), markup=False)
        self.reload(select=saved.username)


class RetentionScreen(IntakeScreen[None]):
    """What `intake db purge` would clear, then, after a confirmation, clearing it."""

    def __init__(self) -> None:
        super().__init__()
        self.listed: tuple[dt.date, int, list[str], list[int]] | None = None

    def compose(self) -> ComposeResult:
        lang = self.lang
        today = today_of(self.intake_app)
        with Vertical(id="admin-box"):
            yield Static(t("retention_title", lang), classes="title", markup=False)
            yield Static(t("retention_help", lang), markup=False)
            yield Label(t("retention_years", lang))
            yield Input("5", id="years", compact=True, type="integer", max_length=3)
            yield Label(t("retention_today", lang))
            yield Input(today.isoformat(), id="today", compact=True, max_length=10)
            yield Static("", id="retention-error", classes="validation", markup=False)
            with Horizontal(id="retention-buttons"):
                yield Button(t("retention_list", lang), id="list", variant="primary", compact=True)
                yield Button(t("retention_apply", lang), id="apply", variant="error", compact=True)
            with VerticalScroll(id="retention-due"):
                yield Static("", id="due", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#apply", Button).disabled = True
        self.query_one("#years", Input).focus()

    def _parameters(self) -> tuple[dt.date, int] | None:
        """The period and the day, bounded as `intake db purge` bounds them (the repository
        checks again); None after saying what is wrong."""
        error = self.query_one("#retention-error", Static)
        try:
            years = int(self.query_one("#years", Input).value)
        except ValueError:
            years = 0
        if years < 5:
            error.update(t("retention_bad_years", self.lang))
            return None
        try:
            day = dt.date.fromisoformat(self.query_one("#today", Input).value.strip())
        except ValueError:
            error.update(t("bad_date", self.lang))
            return None
        if day > dt.date.today():
            error.update(t("retention_future", self.lang))
            return None
        error.update("")
        return day, years

    @on(Input.Changed)
    def _changed(self) -> None:
        """Another period or day: what was listed no longer holds."""
        self.listed = None
        self.query_one("#apply", Button).disabled = True

    @on(Input.Submitted)
    @on(Button.Pressed, "#list")
    def _list(self) -> None:
        parameters = self._parameters()
        if parameters is None:
            return
        day, years = parameters
        found = self._purge(day, years, apply=False)
        if found is None:
            return
        cases, drafts = found
        self.listed = (day, years, cases, drafts)
        lines = [t("retention_due", self.lang, cases=len(cases), drafts=len(drafts))]
        lines += [f"  {number}" for number in cases]
        lines += [f"  {t('retention_draft', self.lang, id=d)}" for d in drafts]
        nothing = not cases and not drafts
        self.query_one("#due", Static).update(
            t("retention_nothing", self.lang) if nothing else "\n".join(lines)
        )
        self.query_one("#apply", Button).disabled = nothing

    @on(Button.Pressed, "#apply")
    def _apply(self) -> None:
        if self.listed is None:
            self.query_one("#retention-error", Static).update(
                t("retention_list_first", self.lang)
            )
            return
        day, years, cases, drafts = self.listed
        lines = [t("retention_confirm", self.lang, cases=len(cases), drafts=len(drafts))]
        accept = t("retention_apply", self.lang)
        dialog = ConfirmDialog(t("retention_confirm_title", self.lang), lines, accept)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._clear(day, years)

        self.app.push_screen(dialog, confirmed)

    def _purge(
        self, day: dt.date, years: int, *, apply: bool
    ) -> tuple[list[str], list[int]] | None:
        """The closed cases and drafts due (removed when `apply`), as `intake db purge`
        finds them; None when refused or failed (said by `attempt`)."""

        def purge(repo: CaseWork, admin: UserInfo) -> tuple[list[str], list[int]]:
            tools = admin_repo(repo)
            cases = tools.purge(admin, today=day, apply=apply, years=years)
            return cases, tools.purge_drafts(admin, today=day, apply=apply, years=years)

        return attempt(self.intake_app, purge, "purge" if apply else "list purge")

    def _clear(self, day: dt.date, years: int) -> None:
        done = self._purge(day, years, apply=True)
        if done is None:
            return
        cases, drafts = done
        said = t("retention_done", self.lang, cases=len(cases), drafts=len(drafts))
        self.listed = None
        self.query_one("#apply", Button).disabled = True
        self.query_one("#due", Static).update(said)
        self.notify(said, markup=False)
