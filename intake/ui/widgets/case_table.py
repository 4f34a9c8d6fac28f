"""The case list, drawn line by line and fed page by page.

Textual's DataTable builds a row object for every row it holds; at 100,000 cases that is tens
of seconds before the first frame and far more memory than a desk has to spare. This widget
holds only the pages in view (and a few around them), asks for a missing page in a thread
(`fetch(offset, limit)`, which is `Repository.find_cases` with the screen's query), draws
"loading" rows until it arrives, and draws each visible line with Textual's line API, as the
chat does (`intake/ui/widgets/chat.py`). Filtering, sorting and counting are SQL's work.

Guarded by `bench/bench_cases.py` (first rows drawn, a filter or sort change, a page scrolled,
peak memory).
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from intake.ui.i18n import t
from storage.api import CasePage, CaseSort, CaseSummary

PAGE_SIZE = 100
KEPT_PAGES = 12  # pages kept in memory around the view

Fetch = Callable[[int, int], CasePage]


@dataclass(frozen=True, slots=True)
class Column:
    sort: CaseSort
    title_key: str
    width: int  # 0: takes the room left
    min_screen: int = 0  # shown only when the table is at least this wide


COLUMNS: tuple[Column, ...] = (
    Column(CaseSort.NUMBER, "col_number", 9),
    Column(CaseSort.CREATED, "col_created", 10, min_screen=96),
    Column(CaseSort.ORIGIN, "col_origin", 0),
    Column(CaseSort.LEVEL, "col_level", 11),
    Column(CaseSort.URGENCY, "col_urgency", 10),
    Column(CaseSort.STATUS, "col_status", 14),
    Column(CaseSort.ASSIGNEE, "col_assignee", 9, min_screen=72),
    Column(CaseSort.NEXT_DUE, "col_next_due", 10),
)
ORIGIN_MIN = 8


def origin_label(summary: CaseSummary) -> str:
    from intake.core.municipalities import by_code

    if summary.origin_code is None:
        return "–"
    known = by_code(summary.origin_code)
    name = known.name if known else summary.origin_code
    return f"{name}/{summary.origin_district}" if summary.origin_district else name


def cell_text(column: CaseSort, row: CaseSummary, lang: str) -> str:
    if column is CaseSort.NUMBER:
        return row.number
    if column is CaseSort.CREATED:
        return row.created_at.astimezone().date().isoformat()
    if column is CaseSort.ORIGIN:
        return origin_label(row)
    if column is CaseSort.LEVEL:
        return t(f"lvl_{row.level}", lang)
    if column is CaseSort.URGENCY:
        return t(f"urg_{row.urgency}", lang)
    if column is CaseSort.STATUS:
        return t(f"status_{row.status.value}", lang)
    if column is CaseSort.ASSIGNEE:
        return row.assignee or "–"
    return row.next_due.isoformat() if row.next_due else ""


def _fit(text: str, width: int) -> str:
    return text[: width - 1] + "…" if len(text) > width else text.ljust(width)


class CaseTable(ScrollView, can_focus=True):
    """Rows of `CaseSummary`; Enter (or a click) posts `Opened` with the case number."""

    DEFAULT_CSS = """
    CaseTable { height: 1fr; }
    CaseTable > .case-table--header { text-style: bold; background: $panel; }
    CaseTable > .case-table--cursor { background: $accent 40%; }
    CaseTable > .case-table--overdue { color: $error; }
    CaseTable > .case-table--immediate { color: $warning; text-style: bold; }
    CaseTable > .case-table--loading { color: $text-muted; }
    CaseTable:focus > .case-table--cursor { background: $accent; color: $text; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "case-table--header",
        "case-table--cursor",
        "case-table--overdue",
        "case-table--immediate",
        "case-table--loading",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "edge(0)", show=False),
        Binding("end", "edge(1)", show=False),
        Binding("enter", "open", show=False),
    ]

    cursor: reactive[int] = reactive(0, layout=False)

    class Opened(Message):
        def __init__(self, number: str) -> None:
            super().__init__()
            self.number = number

    class HeaderClicked(Message):
        def __init__(self, sort: CaseSort) -> None:
            super().__init__()
            self.sort = sort

    def __init__(self, *, lang: str, today: dt.date, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.today = today
        self.total = 0  # rows known to exist: the count, or the first page's until counted
        self.counted = True
        self.sort = CaseSort.CREATED
        self.descending = True
        self._fetch: Fetch | None = None
        self.generation = 0  # the query shown; an answer for an older one is dropped
        self._pages: OrderedDict[int, list[CaseSummary]] = OrderedDict()
        self._pending: set[int] = set()
        self._styles: dict[str, RichStyle] = {}
        self._texts: dict[tuple[int, str, int], str] = {}
        self._layout_for: tuple[int, list[tuple[Column, int]]] = (-1, [])

    # -- feeding -----------------------------------------------------------------------------
    def show(self, fetch: Fetch, first: CasePage, sort: CaseSort, descending: bool) -> None:
        """A new query: its first page is given (fetched by the caller), the rest on demand;
        an uncounted total (None) comes later through `set_total`."""
        self.generation += 1
        self._fetch = fetch
        self.sort, self.descending = sort, descending
        self.counted = first.total is not None
        self.total = len(first.rows) if first.total is None else first.total
        self._pages.clear()
        self._pending.clear()
        self._texts.clear()
        self._pages[0] = first.rows
        self.virtual_size = Size(self.size.width, self.total + 1)
        self.set_reactive(CaseTable.cursor, 0)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def set_total(self, generation: int, total: int) -> bool:
        """The count of the query shown as `generation` (False: a newer query is shown)."""
        if generation != self.generation:
            return False
        self.total, self.counted = total, True
        self.virtual_size = Size(self.size.width, total + 1)
        self.refresh()
        return True

    def row(self, index: int) -> CaseSummary | None:
        """The row at `index` if its page is in memory (None while it loads)."""
        page = self._pages.get(index // PAGE_SIZE)
        if page is None:
            return None
        offset = index % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    @property
    def current(self) -> CaseSummary | None:
        return self.row(self.cursor) if self.total else None

    def _want(self, page: int) -> None:
        if page in self._pages or page in self._pending or self._fetch is None:
            return
        self._pending.add(page)
        fetch, generation = self._fetch, self.generation

        def load() -> None:
            result = fetch(page * PAGE_SIZE, PAGE_SIZE)
            self.app.call_from_thread(self._loaded, generation, page, result.rows)

        self.run_worker(load, thread=True, group="case-pages", exit_on_error=False)

    def _loaded(self, generation: int, page: int, rows: list[CaseSummary]) -> None:
        if generation != self.generation:
            return  # an answer to an older query
        self._pending.discard(page)
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)
        self.refresh()

    # -- moving --------------------------------------------------------------------------------
    @property
    def _rows_in_view(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def watch_cursor(self, cursor: int) -> None:
        top = round(self.scroll_y)
        if cursor < top:
            self.scroll_to(y=cursor, animate=False, immediate=True)
        elif cursor >= top + self._rows_in_view:
            self.scroll_to(y=cursor - self._rows_in_view + 1, animate=False, immediate=True)
        self.refresh()

    def _go(self, index: int) -> None:
        self.cursor = max(0, min(index, self.total - 1)) if self.total else 0

    def action_move(self, step: int) -> None:
        self._go(self.cursor + step)

    def action_page(self, step: int) -> None:
        self._go(self.cursor + step * self._rows_in_view)

    def action_edge(self, end: int) -> None:
        self._go(self.total - 1 if end else 0)

    def action_open(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Opened(row.number))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            column = self._column_at(offset.x + round(self.scroll_x))
            if column is not None:
                self.post_message(self.HeaderClicked(column))
            return
        index = round(self.scroll_y) + offset.y - 1
        if 0 <= index < self.total:
            self.cursor = index
            if event.chain >= 2:
                self.action_open()

    # -- drawing -------------------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()  # a theme change: look the component classes up again
        self.refresh()

    def _style(self, name: str) -> RichStyle:
        """A component class's style, looked up once per theme (each lookup walks the CSS)."""
        style = self._styles.get(name)
        if style is None:
            base = self.rich_style
            style = base if name == "base" else base + self.get_component_rich_style(name)
            self._styles[name] = style
        return style

    def _layout(self, width: int) -> list[tuple[Column, int]]:
        if self._layout_for[0] != width:
            shown = [c for c in COLUMNS if width >= c.min_screen]
            fixed = sum(c.width for c in shown) + len(shown) - 1
            flexible = max(ORIGIN_MIN, width - fixed)
            self._layout_for = (width, [(c, c.width or flexible) for c in shown])
        return self._layout_for[1]

    def _column_at(self, x: int) -> CaseSort | None:
        start = 0
        for column, width in self._layout(self.scrollable_content_region.width):
            if start <= x < start + width:
                return column.sort
            start += width + 1
        return None

    def _line(self, cells: list[str], layout: list[tuple[Column, int]]) -> str:
        return " ".join(_fit(text, width) for text, (_, width) in zip(cells, layout, strict=True))

    def _row_text(self, index: int, row: CaseSummary, layout: list[tuple[Column, int]]) -> str:
        key = (index, row.number, self.scrollable_content_region.width)
        text = self._texts.get(key)
        if text is None:
            text = self._line([cell_text(c.sort, row, self.lang) for c, _ in layout], layout)
            if len(self._texts) > 4 * PAGE_SIZE:
                self._texts.clear()
            self._texts[key] = text
        return text

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        layout = self._layout(width)
        if y == 0:
            titles = []
            for column, _ in layout:
                title = t(column.title_key, self.lang)
                if column.sort is self.sort:
                    title += "▼" if self.descending else "▲"
                titles.append(title)
            style = self._style("case-table--header")
            return Strip([Segment(self._line(titles, layout), style)]).crop_extend(0, width, style)
        index = round(self.scroll_y) + y - 1
        if not 0 <= index < self.total:
            return Strip.blank(width, self._style("base"))
        self._want(index // PAGE_SIZE)
        row = self.row(index)
        if row is None:
            name = "case-table--loading"
            text = _fit(t("loading_rows", self.lang), width)
        else:
            name = "base"
            if row.overdue(self.today):
                name = "case-table--overdue"
            elif row.urgency == "immediate":
                name = "case-table--immediate"
            text = self._row_text(index, row, layout)
        style = self._style(name)
        if index == self.cursor:
            style = style + self._style("case-table--cursor")
        return Strip([Segment(text, style)]).crop_extend(0, width, style)
