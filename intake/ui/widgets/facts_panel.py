"""The side panel: the facts collected so far, grouped by section, filled in as they come."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

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


class FactsPanel(VerticalScroll):
    can_focus = False

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = title

    def compose(self) -> ComposeResult:
        yield Static("", id="facts-body")

    def show(self, facts: Sequence[Fact]) -> None:
        self.query_one("#facts-body", Static).update(facts_content(facts))

    def set_title(self, title: str) -> None:
        self.border_title = title
