"""The audit log as an admin follows it up (logguppföljning, issue 18.6): by case, by user, by
day, or the refusals; a page at a time, and the whole selection saved as CSV for the
municipality's yearly review (the same columns as `intake audit --csv`).

A year's log can hold hundreds of thousands of rows, so the screen never holds more than one
page: SQL filters, counts and pages (`AuditQuery.offset`/`limit`, `count_audit`), and the
page is drawn by Textual's `Log`, which draws only the lines in view with the line API, as
the case list and the chat do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Log, Static

from intake.exports import audit_csv
from intake.ui.i18n import t
from intake.ui.screens.admin import admin_repo
from intake.ui.screens.base import IntakeScreen
from intake.ui.screens.case_dialogs import Field, FormDialog
from intake.ui.screens.casework import attempt, today_of
from intake.ui.widgets.footer import KeyFooter
from storage.api import AuditAction, AuditQuery

if TYPE_CHECKING:
    from collections.abc import Iterator

    from storage.api import AuditEntry, CaseWork, UserInfo

PAGE_SIZE = 200
EXPORT_PAGE = 5_000  # rows read at a time while a whole selection is saved

# view: (button key, title key, the question's title key, its field's label key)
VIEWS: dict[str, tuple[str, str, str, str]] = {
    "case": ("c", "audit_by_case", "audit_case_title", "audit_case_label"),
    "user": ("u", "audit_by_user", "audit_user_title", "username"),
    "day": ("d", "audit_by_day", "audit_day_title", "audit_day_label"),
    "refusals": ("r", "audit_refusals", "audit_since_title", "audit_since_label"),
}


class AuditScreen(IntakeScreen[None]):
    def __init__(self) -> None:
        super().__init__()
        day = dt.datetime.now(dt.UTC).date()
        self.view = "day"
        self.value = day.isoformat()  # what the view is of: a case number, a username, a day
        self.audit_query = AuditQuery(day=day, limit=PAGE_SIZE)
        self.total = 0

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="admin-box"):
            yield Static(t("audit_title", lang), classes="title", markup=False)
            yield Static(t("audit_help", lang), markup=False)
            with Horizontal(id="audit-views"):
                for view, (key, title, _, _) in VIEWS.items():
                    label = f"{key.upper()} {t(title, lang)}"
                    yield Button(label, id=f"view-{view}", compact=True)
                yield Button("E CSV", id="export", compact=True)
            yield Static("", id="audit-status", markup=False)
            yield Log(id="audit-log", highlight=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show_page()

    # -- choosing what to show ---------------------------------------------------------------
    def action_choose(self, view: str) -> None:
        _, _, title, label = VIEWS[view]
        value = self.value if view == self.view else ""
        if view == "day" and not value:
            value = dt.datetime.now(dt.UTC).date().isoformat()
        required = view != "refusals"  # all refusals, or those since a day
        field = Field("value", t(label, self.lang), value, required=required, is_date=view == "day")
        form = FormDialog(t(title, self.lang), [field], today=today_of(self.intake_app))

        def entered(values: dict[str, str] | None) -> None:
            if values is not None:
                self.select(view, values["value"])

        self.app.push_screen(form, entered)

    def select(self, view: str, value: str) -> bool:
        """Show `view` of `value` from its first page; False (and a message) for a bad value."""
        query = _query(view, value.strip())
        if query is None:
            self.notify(t("bad_date", self.lang), severity="warning", markup=False)
            return False
        self.view, self.value, self.audit_query = view, value.strip(), query
        self.show_page()
        return True

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button == "export":
            self.action_export_csv()
        elif button.startswith("view-"):
            self.action_choose(button.removeprefix("view-"))

    # -- a page --------------------------------------------------------------------------------
    def show_page(self) -> None:
        query = self.audit_query

        def read(repo: CaseWork, admin: UserInfo) -> tuple[int, list[AuditEntry]]:
            tools = admin_repo(repo)
            return tools.count_audit(admin, query), tools.audit_entries(admin, query)

        found = attempt(self.intake_app, read, "read audit")
        log = self.query_one("#audit-log", Log)
        log.clear()
        if found is None:
            return
        self.total, entries = found
        log.write_lines(_screen_line(entry) for entry in entries)
        log.scroll_home(animate=False)
        what = self._what()
        status = self.query_one("#audit-status", Static)
        if not entries:
            status.update(t("audit_none", self.lang, what=what))
        else:
            first, last = query.offset + 1, query.offset + len(entries)
            status.update(
                t("audit_showing", self.lang, what=what, first=first, last=last, total=self.total)
            )
        self.refresh_bindings()

    def _what(self) -> str:
        title = t(VIEWS[self.view][1], self.lang)
        return f"{title} {self.value}".strip()

    def action_page(self, step: int) -> None:
        offset = self.audit_query.offset + step * PAGE_SIZE
        if 0 <= offset < self.total:
            self.audit_query = replace(self.audit_query, offset=offset)
            self.show_page()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "page" and parameters:
            offset = self.audit_query.offset + int(str(parameters[0])) * PAGE_SIZE
            return 0 <= offset < self.total
        if action == "export_csv":
            return self.total > 0
        return True

    # -- CSV -------------------------------------------------------------------------------------
    def action_export_csv(self) -> None:
        if self.total == 0:
            return
        field = Field("folder", t("folder_label", self.lang), str(Path.home()))
        form = FormDialog(t("csv_title", self.lang), [field], today=today_of(self.intake_app))
        self.app.push_screen(form, self._export_to)

    def _export_to(self, values: dict[str, str] | None) -> None:
        if values is None:
            return
        folder = Path(values["folder"]).expanduser()
        if not folder.is_dir():
            said = t("no_such_folder", self.lang, folder=folder)
            self.notify(said, severity="warning", markup=False)
            return
        path = folder / _file_name(self.view, self.value)
        query = self.audit_query

        def save(repo: CaseWork, admin: UserInfo) -> int:
            def pages() -> Iterator[AuditEntry]:
                offset = 0
                while True:
                    page = replace(query, offset=offset, limit=EXPORT_PAGE)
                    entries = admin_repo(repo).audit_entries(admin, page)
                    yield from entries
                    if len(entries) < EXPORT_PAGE:
                        return
                    offset += EXPORT_PAGE

            try:
                return audit_csv.save(pages(), path)
            except OSError:  # exists already, or the folder is not writable
                return -1

        count = attempt(self.intake_app, save, "export audit")
        if count is None:  # the database failed: said with an error id
            return
        if count < 0:
            said = t("cannot_write", self.lang, folder=folder)
            self.notify(said, severity="warning", markup=False)
            return
        said = t("csv_written", self.lang, count=count, path=path)
        self.notify(said, markup=False, timeout=10)


def _query(view: str, value: str) -> AuditQuery | None:
    """The audit query of a view, or None when a day cannot be read."""
    if view == "case":
        return AuditQuery(case_number=value, limit=PAGE_SIZE)
    if view == "user":
        return AuditQuery(username=value.lower(), limit=PAGE_SIZE)
    day: dt.date | None = None
    if value or view == "day":
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return None
    if view == "day":
        return AuditQuery(day=day, limit=PAGE_SIZE)
    return AuditQuery(action=AuditAction.REFUSED, since=day, limit=PAGE_SIZE)


def _screen_line(entry: AuditEntry) -> str:
    """A row in columns (the terminal's tabs would spread it past the screen)."""
    at, username, action, case, detail = audit_csv.row(entry)
    return f"{at[:16].replace('T', ' ')}  {username:<12} {action:<15} {case:<9}  {detail}"


def _file_name(view: str, value: str) -> str:
    """audit-day-2026-11-29.csv: the view and its value, made safe for a file name."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in value) or "all"
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return f"audit-{view}-{safe}-{stamp}.csv"
