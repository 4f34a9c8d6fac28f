"""A line of the start screen's menu: what a compact Button does, at a fraction of its cost.

The start screen is the first frame the receptionist waits for. Textual's Button brings a
stylesheet for every style and variant it has, parsed and matched before that frame: about
50 million of the 1,180 million instructions to it (bench/bench_first_frame.py). A menu entry
is a Static that takes focus, is pressed by Enter or a click, can be disabled, and looks like
the compact Button it replaces (the same theme variables).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static


class MenuEntry(Static, can_focus=True):
    ALLOW_SELECT = False
    BINDINGS = [Binding("enter", "press", show=False)]  # noqa: RUF012 - Textual's own shape
    DEFAULT_CSS = """
    MenuEntry {
        width: 100%;
        height: 1;
        line-pad: 1;
        text-align: center;
        text-style: bold;
        color: $button-foreground;
        background: $surface;
        pointer: pointer;
        &:focus {
            text-style: $button-focus-text-style;
            background-tint: $foreground 5%;
        }
        &:hover {
            background: $surface-darken-1;
        }
        &:disabled {
            text-opacity: 0.6;
            pointer: not-allowed;
        }
        &.-primary {
            color: $button-color-foreground;
            background: $primary;
            &:hover { background: $primary-darken-2; }
        }
        &.-error {
            color: $button-color-foreground;
            background: $error;
            &:hover { background: $error-darken-1; }
        }
    }
    """

    class Pressed(Message):
        """The entry was chosen (Enter on it, or a click)."""

        def __init__(self, entry: MenuEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, label: str, *, id: str, variant: str = "") -> None:
        super().__init__(label, id=id, markup=False, classes=f"-{variant}" if variant else "")

    def action_press(self) -> None:
        if not self.disabled:
            self.post_message(self.Pressed(self))

    def on_click(self) -> None:
        self.action_press()
