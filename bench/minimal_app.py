"""The reference for bench_ui.py: the smallest Textual app with a title, an input and a footer.

What intake's start-up and answer latency are compared with, measured in the same run on the
same machine, so that the comparison does not depend on how fast the machine is.
"""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.widgets import Footer, Input, Static


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Minimal Echo")
        yield Static("", id="echo")
        yield Input(id="line")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#line", Input).focus()

    @on(Input.Submitted)
    def _echo(self, event: Input.Submitted) -> None:
        self.query_one("#echo", Static).update(f"echo: {event.value}")
        event.input.clear()


if __name__ == "__main__":
    MinimalApp().run()
