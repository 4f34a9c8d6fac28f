"""Textual's Footer, rebuilt only when the keys it shows change.

The stock Footer recomposes on every bindings update, and every focus change is one: in the
conversation that was most of the time from Enter to the next question (bench_ui). The keys
shown are the same from one question to the next, so compare first.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    _shown: tuple[tuple[str, str, bool], ...] | None = None

    def _signature(self, screen: Screen[Any]) -> tuple[tuple[str, str, bool], ...]:
        return tuple(
            (key, binding.description, enabled)
            for key, (_node, binding, enabled, _tooltip) in screen.active_bindings.items()
            if binding.show
        )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        signature = self._signature(screen)
        if signature == self._shown and self._bindings_ready:
            return
        self._shown = signature
        super().bindings_changed(screen)
