"""The key line at the bottom of every screen: one widget drawing one line, as the chat does.

Textual's Footer is a container of one widget per key, composed again whenever the screen's
bindings change; on the start screen that was about a quarter of the time from the end of the
imports to the first frame (bench/bench_ui.py, "first screen"). This line is drawn from the
screen's active bindings and redrawn only when the keys it shows change. A click on a key
presses it, as Footer's keys do; a disabled key is dimmed and rings the bell.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class _Key(NamedTuple):
    key: str
    display: str
    description: str
    enabled: bool


class KeyFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description"}  # noqa: RUF012
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: tuple[_Key, ...] = ()
        self._palette: _Key | None = None
        self._spans: list[tuple[int, int, _Key]] = []  # cells each key takes, for clicks
        self._pending = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        # Read the keys once the change is done, as Footer does: a screen's `check_action` may
        # look at widgets that a recompose has not mounted yet.
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._read_keys)

    def _read_keys(self) -> None:
        self._pending = False
        if not self.is_attached:  # recomposed away meanwhile
            return
        screen = self.screen
        keys: list[_Key] = []
        palette: _Key | None = None
        actions: set[str] = set()  # one key an action, the first bound, as Footer shows them
        for key, (_node, binding, enabled, _tooltip) in screen.active_bindings.items():
            shown = _Key(key, self.app.get_key_display(binding), binding.description, enabled)
            if key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                palette = shown
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)
                keys.append(shown)
        if (tuple(keys), palette) != (self._keys, self._palette):
            self._keys, self._palette = tuple(keys), palette
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer-key--key")
        text_style = self.get_component_rich_style("footer-key--description")
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for shown in self._keys:
            self._add(line, shown, key_style, text_style)
        palette = self._palette
        if palette is not None:  # at the right edge, after a thin rule, as Footer draws it
            start = self.size.width - cell_len(f"▏{palette.display} {palette.description} ")
            if start > line.cell_len:
                line.append(" " * (start - line.cell_len))
                line.append("▏", Style(dim=True))
                self._add(line, palette, key_style, text_style, pad_key=False)
        return line

    def _add(
        self, line: Text, shown: _Key, key_style: Style, text_style: Style, *, pad_key: bool = True
    ) -> None:
        start = line.cell_len
        dim = Style(dim=not shown.enabled)
        line.append(f" {shown.display} " if pad_key else f"{shown.display} ", key_style + dim)
        if shown.description:
            line.append(f"{shown.description} ", text_style + dim)
        self._spans.append((start, line.cell_len, shown))

    def on_click(self, event: events.Click) -> None:
        for start, end, shown in self._spans:
            if start <= event.x < end:
                if shown.enabled:
                    self.app.simulate_key(shown.key)
                else:
                    self.app.bell()
                return
