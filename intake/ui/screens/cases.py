"""The case list: filters, search and sort over every case the user may see, Enter opens one.

The screen turns its filters into a `CaseQuery`; the repository (SQL) filters, sorts, counts
and pages; the table draws the lines in view (`intake/ui/widgets/case_table.py`). A query runs
in a thread, and only the newest one's answer is shown, so typing in the search field never
waits for the database.
"""

from __future__ import annotations

import dataclasses

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from intake.ui.i18n import t
from intake.ui.screens.base import IntakeScreen
from intake.ui.screens.casework import case_repo, refusal_text, today_of
from intake.ui.widgets.case_table import COLUMNS, CaseTable, Fetch
from intake.ui.widgets.footer import KeyFooter
from storage.api import CasePage, CaseQuery, CaseStatus

LEVELS = ("strong", "possible", "none", "not_applicable")
URGENCIES = ("immediate", "soon", "routine")
FLAGS = ("mine", "unassigned", "overdue", "open_questions")


class CaseListScreen(IntakeScreen[None]):
    DEFAULT_CSS = """
    CaseListScreen #case-search { width: 1fr; }
    CaseListScreen #case-list-title { text-style: bold; color: $primary; }
    CaseListScreen #case-filters { height: 1; background: $panel; }
    CaseListScreen #case-filter-keys { height: 1; color: $text-muted; }
    CaseListScreen #case-list-status { color: $text-muted; height: 1; }
    """

    def __init__(self, query: CaseQuery | None = None) -> None:
        super().__init__()
        self.case_query = query or CaseQuery()

    def compose(self) -> ComposeResult:
        lang, query = self.lang, self.case_query
        yield Static(t("cases_title", lang), id="case-list-title", markup=False)
        yield Input(
            query.text, placeholder=t("search_placeholder", lang), id="case-search", compact=True
        )
        yield Static("", id="case-filters", markup=False)
        yield Static(t("filter_keys", lang), id="case-filter-keys", markup=False)
        yield CaseTable(lang=lang, today=today_of(self.intake_app), id="case-table")
        yield Static("", id="case-list-status", markup=False)
        yield KeyFooter()

    def filter_text(self) -> str:
        """The filters in force, as one line: what the list shows is always said."""
        lang, query = self.lang, self.case_query
        status = (
            ", ".join(t(f"status_{s.value}", lang) for s in query.statuses)
            if query.statuses
            else t("any_status", lang)
        )
        parts = [
            status,
            t(f"lvl_{query.level}", lang) if query.level else t("any_level", lang),
            t(f"urg_{query.urgency}", lang) if query.urgency else t("any_urgency", lang),
        ]
        parts += [("☑ " if getattr(query, flag) else "☐ ") + t(f"f_{flag}", lang) for flag in FLAGS]
        return " · ".join(parts)

    def on_mount(self) -> None:
        super().on_mount()
        self._show_filters()
        self.query_one(CaseTable).focus()
        self.run_query()

    # -- the query -------------------------------------------------------------------------------
    def set_query(self, **changes: object) -> None:
        self.case_query = dataclasses.replace(self.case_query, offset=0, **changes)  # type: ignore[arg-type]
        self._show_filters()
        self.run_query()

    def _show_filters(self) -> None:
        self.query_one("#case-filters", Static).update(self.filter_text(), layout=False)

    @work(thread=True, exclusive=True, group="case-query", exit_on_error=False)
    def run_query(self) -> None:
        """The first page is drawn as soon as it is read; the total, which can cost more than
        the page over many cases, is counted after it (`CaseQuery.count`)."""
        app = self.intake_app
        pair = case_repo(app)
        if pair is None:
            return
        repo, user = pair
        query = dataclasses.replace(self.case_query, today=today_of(app), count=False)
        worker = get_current_worker()
        try:
            first = repo.find_cases(user, query)
            if worker.is_cancelled:
                return  # a newer query has started: its rows are the ones to show

            def fetch(offset: int, limit: int) -> CasePage:
                return repo.find_cases(user, dataclasses.replace(query, offset=offset, limit=limit))

            generation = app.call_from_thread(self._show, query, fetch, first)
            if first.total is None and not worker.is_cancelled:
                total = repo.count_cases(user, query)
                app.call_from_thread(self._counted, generation, total)
        except Exception as exc:
            text = refusal_text(exc, self.lang)
            if text is None:
                app.call_from_thread(app.show_error, exc, "list cases")
            else:
                app.call_from_thread(self._refused, text)

    def _refused(self, text: str) -> None:
        self.notify(text, severity="warning", markup=False, timeout=10)
        self.query_one("#case-list-status", Static).update(text)

    def _show(self, query: CaseQuery, fetch: Fetch, first: CasePage) -> int:
        table = self.query_one(CaseTable)
        table.show(fetch, first, query.sort, query.descending)
        self._update_status(table)
        return table.generation

    def _counted(self, generation: int, total: int) -> None:
        table = self.query_one(CaseTable)
        if table.set_total(generation, total):
            self._update_status(table)

    def _update_status(self, table: CaseTable) -> None:
        lang = self.lang
        title = next(c.title_key for c in COLUMNS if c.sort is self.case_query.sort)
        direction = t("descending" if self.case_query.descending else "ascending", lang)
        total = f"{table.total:,}".replace(",", " ") + ("" if table.counted else "+")
        text = t("list_count_all", lang, total=total)
        text += " · " + t("sorted_by", lang, column=t(title, lang).lower(), direction=direction)
        # one line of fixed size: no layout pass for a new count
        self.query_one("#case-list-status", Static).update(text, layout=False)

    # -- filters -------------------------------------------------------------------------------
    @on(Input.Changed, "#case-search")
    def _search(self, event: Input.Changed) -> None:
        self.set_query(text=event.value.strip())

    @on(Input.Submitted, "#case-search")
    def _search_done(self) -> None:
        self.query_one(CaseTable).focus()

    def action_cycle(self, name: str) -> None:
        """The next value of a filter with several values (none, then each in turn)."""
        query = self.case_query
        if name == "status":
            values: list[str | None] = [None, *(s.value for s in CaseStatus)]
            now = query.statuses[0].value if query.statuses else None
            after = values[(values.index(now) + 1) % len(values)]
            self.set_query(statuses=(CaseStatus(after),) if after else ())
            return
        options = LEVELS if name == "level" else URGENCIES
        values = [None, *options]
        now = getattr(query, name)
        self.set_query(**{name: values[(values.index(now) + 1) % len(values)]})

    def action_flag(self, name: str) -> None:
        value = not getattr(self.case_query, name)
        changes: dict[str, object] = {name: value}
        if value and name in ("mine", "unassigned"):  # the two exclude each other
            changes["unassigned" if name == "mine" else "mine"] = False
        self.set_query(**changes)

    def action_search(self) -> None:
        self.query_one("#case-search", Input).focus()

    def action_next_sort(self) -> None:
        order = [c.sort for c in COLUMNS]
        self.set_query(sort=order[(order.index(self.case_query.sort) + 1) % len(order)])

    def action_reverse(self) -> None:
        self.set_query(descending=not self.case_query.descending)

    @on(CaseTable.HeaderClicked)
    def _sort_by(self, event: CaseTable.HeaderClicked) -> None:
        if event.sort is self.case_query.sort:
            self.action_reverse()
        else:
            self.set_query(sort=event.sort)

    @on(CaseTable.Opened)
    def _open(self, event: CaseTable.Opened) -> None:
        from intake.ui.screens.case import CaseScreen

        self.app.push_screen(CaseScreen(event.number), self._back_from_case)

    def _back_from_case(self, _result: object) -> None:
        self.run_query()  # the case may have changed its status, assignee or dates

    def action_back(self) -> None:
        self.dismiss(None)

    def language_applied(self) -> None:
        self.run_query()
