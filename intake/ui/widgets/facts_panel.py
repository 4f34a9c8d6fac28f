"""The side panel: the facts collected so far, grouped by section, filled in as they come.

Drawn line by line (Textual's line API), like the chat: new facts after every answer only
change the lines in view, without laying out the screen again, which a `Static` growing by a
line each time did.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from intake.core.dialogue.api import Fact
from intake.ui.common import shorten


def facts_content(facts: Sequence[Fact]) -> Content:
    parts: list[Content | str | tuple[str, str]] = []
    section = None
    for fact in facts:
        if fact.section_title != section:
            section = fact.section_title
            if parts:
                parts.append("\n")
            parts.extend([(section, "bold underline"), "\n"])
        parts.extend([(f"{fact.label}: ", "dim"), shorten(fact.value, 300), "\n"])
    return Content.assemble(*parts)


class FactsPanel(ScrollView, can_focus=False):
    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = title
        self._content = Content("")
        self._lines: list[Strip] = []
        self._width = 0
        self._stale = False

    @property
    def text(self) -> str:
        """What the panel shows, as plain text."""
        return self._content.plain

    def show(self, facts: Sequence[Fact]) -> None:
        content = facts_content(facts)
        if content.is_same(self._content):
            return
        self._content = content
        self._wrap()

    def set_title(self, title: str) -> None:
        self.border_title = title

    def _wrap(self) -> None:
        self._stale = False
        self._width = self.scrollable_content_region.width
        style = self.get_visual_style()
        self._lines = [
            Strip(line.render_segments(style)).crop_extend(0, self._width, style.rich_style)
            for line in (self._content.wrap(self._width) if self._width else [])
        ]
        self.virtual_size = Size(self._width, len(self._lines))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self._wrap()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._stale = True  # colours are in the drawn lines: redraw at the next frame
        self.refresh()

    def render_line(self, y: int) -> Strip:
        if self._stale or self.scrollable_content_region.width != self._width:
            self._wrap()
        scroll_x, scroll_y = self.scroll_offset
        line = scroll_y + y
        base = self.rich_style
        if not 0 <= line < len(self._lines):
            return Strip.blank(self._width, base)
        strip = self._lines[line]
        if scroll_x == 0 and strip.cell_length == self._width:
            return Strip(strip, self._width)  # a copy, as the chat's (see ChatLog.render_line)
        return strip.crop_extend(scroll_x, scroll_x + self._width, base)
