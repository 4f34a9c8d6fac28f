"""The case list: filters, search and sort over every case the user may see, Enter opens one.

The screen turns its filters into a `CaseQuery`; the repository (SQL) filters, sorts, counts
and pages; the table draws the lines in view (`intake/ui/widgets/case_table.py`). A query runs
in a thread, and only the newest one's answer is shown, so typing in the search field never
waits for the database.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Checkbox, Input, Select, Static

from intake.ui.i18n import t
from intake.ui.screens.base import IntakeScreen, KeyTable
from intake.ui.screens.casework import case_repo, refusal_text, today_of
from intake.ui.widgets.case_table import COLUMNS, CaseTable, Fetch
from intake.ui.widgets.footer import KeyFooter
from storage.api import CasePage, CaseQuery, CaseStatus

LEVELS = ("strong", "possible", "none", "not_applicable")
URGENCIES = ("immediate", "soon", "routine")
FLAGS = ("mine", "unassigned", "overdue", "open_questions")


class CaseListScreen(IntakeScreen[None]):
    DEFAULT_CSS = """
    CaseListScreen #case-filters, CaseListScreen #case-flags { height: 1; }
    CaseListScreen #case-search { width: 1fr; }
    CaseListScreen Select { width: 22; }
    CaseListScreen Checkbox { margin-right: 2; }
    CaseListScreen #case-list-title { text-style: bold; color: $primary; }
    CaseListScreen #case-list-status { color: $text-muted; height: 1; }
    """
    KEYS: ClassVar[KeyTable] = (
        ("escape", "back", "back", True),
        ("slash", "search", "k_search", True),
        ("f5", "next_sort", "k_sort", True),
        ("f7", "reverse", "k_reverse", True),
        ("f8", "flag('mine')", "k_mine", True),
        ("f9", "flag('overdue')", "k_overdue", True),
        ("f10", "flag('unassigned')", "k_unassigned", True),
    )

    def __init__(self, query: CaseQuery | None = None) -> None:
        super().__init__()
        self.case_query = query or CaseQuery()

    def compose(self) -> ComposeResult:
        lang, query = self.lang, self.case_query
        yield Static(t("cases_title", lang), id="case-list-title", markup=False)
        with Horizontal(id="case-filters"):
            yield Input(
                query.text,
                placeholder=t("search_placeholder", lang),
                id="case-search",
                compact=True,
            )
            yield self._select(
                "status",
                [(t(f"status_{s.value}", lang), s.value) for s in CaseStatus],
                "any_status",
                query.statuses[0].value if query.statuses else None,
            )
            yield self._select(
                "level", [(t(f"lvl_{v}", lang), v) for v in LEVELS], "any_level", query.level
            )
            yield self._select(
                "urgency",
                [(t(f"urg_{v}", lang), v) for v in URGENCIES],
                "any_urgency",
                query.urgency,
            )
        with Horizontal(id="case-flags"):
            for flag in FLAGS:
                yield Checkbox(
                    t(f"f_{flag}", lang),
                    bool(getattr(query, flag)),
                    id=f"flag-{flag}",
                    compact=True,
                )
        yield CaseTable(lang=lang, today=today_of(self.intake_app), id="case-table")
        yield Static("", id="case-list-status", markup=False)
        yield KeyFooter()

    def _select(
        self, name: str, options: list[tuple[str, str]], blank_key: str, value: str | None
    ) -> Select[str]:
        select: Select[str] = Select(
            options,
            prompt=t(blank_key, self.lang),
            id=f"filter-{name}",
            compact=True,
            value=value if value is not None else Select.NULL,
        )
        return select

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(CaseTable).focus()
        self.run_query()

    # -- the query -------------------------------------------------------------------------------
    def set_query(self, **changes: object) -> None:
        self.case_query = dataclasses.replace(self.case_query, offset=0, **changes)  # type: ignore[arg-type]
        self.run_query()

    @work(thread=True, exclusive=True, group="case-query", exit_on_error=False)
    def run_query(self) -> None:
        app = self.intake_app
        pair = case_repo(app)
        if pair is None:
            return
        repo, user = pair
        query = dataclasses.replace(self.case_query, today=today_of(app))
        try:
            first = repo.find_cases(user, query)
        except Exception as exc:
            text = refusal_text(exc, self.lang)
            if text is None:
                app.call_from_thread(app.show_error, exc, "list cases")
            else:
                app.call_from_thread(self._refused, text)
            return

        def fetch(offset: int, limit: int) -> CasePage:
            return repo.find_cases(user, dataclasses.replace(query, offset=offset, limit=limit))

        app.call_from_thread(self._show, query, fetch, first)

    def _refused(self, text: str) -> None:
        self.notify(text, severity="warning", markup=False, timeout=10)
        self.query_one("#case-list-status", Static).update(text)

    def _show(self, query: CaseQuery, fetch: Fetch, first: CasePage) -> None:
        self.query_one(CaseTable).show(fetch, first, query.sort, query.descending)
        self._update_status(first.total)

    def _update_status(self, total: int) -> None:
        lang = self.lang
        title = next(c.title_key for c in COLUMNS if c.sort is self.case_query.sort)
        direction = t("descending" if self.case_query.descending else "ascending", lang)
        text = t("list_count_all", lang, total=f"{total:,}".replace(",", " "))
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

    @on(Select.Changed)
    def _filter(self, event: Select.Changed) -> None:
        name = (event.select.id or "").removeprefix("filter-")
        value = None if event.value is Select.NULL else str(event.value)
        if name == "status":
            self.set_query(statuses=(CaseStatus(value),) if value else ())
        elif name in ("level", "urgency"):
            self.set_query(**{name: value})

    @on(Checkbox.Changed)
    def _flag(self, event: Checkbox.Changed) -> None:
        name = (event.checkbox.id or "").removeprefix("flag-")
        if name in FLAGS and getattr(self.case_query, name) != event.value:
            changes: dict[str, object] = {name: event.value}
            if name == "mine" and event.value:
                changes["unassigned"] = False
                self.query_one("#flag-unassigned", Checkbox).value = False
            if name == "unassigned" and event.value:
                changes["mine"] = False
                self.query_one("#flag-mine", Checkbox).value = False
            self.set_query(**changes)

    def action_flag(self, name: str) -> None:
        box = self.query_one(f"#flag-{name}", Checkbox)
        box.value = not box.value

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

    def apply_language(self, lang: str) -> None:
        super().apply_language(lang)
        self.call_after_refresh(self.run_query)
