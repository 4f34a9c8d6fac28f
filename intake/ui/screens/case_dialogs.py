"""The small forms of the case screen: a date and a note, a reason, a choice, a confirmation.

Each is a modal that returns what was entered with `dismiss(...)` (None when cancelled) to the
callback the case screen gave `push_screen`; none of them touches the repository. A field that
is required says so in the user's language and keeps the focus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from intake.ui.i18n import t
from intake.ui.screens.base import IntakeModal

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 70; max-width: 100%; height: auto; max-height: 100%;
    border: round $primary; background: $surface; padding: 0 1;
}}
{name} .dialog-title {{ text-style: bold; color: $primary; margin-bottom: 1; }}
{name} .dialog-error {{ color: $error; height: auto; }}
{name} Horizontal {{ height: auto; margin-top: 1; }}
{name} Button {{ margin-right: 1; }}
{name} OptionList {{ height: auto; max-height: 12; }}
{name} VerticalScroll {{ height: auto; max-height: 14; }}
"""


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str
    value: str = ""
    required: bool = True
    is_date: bool = False


class FormDialog(IntakeModal[dict[str, str] | None]):
    """Labelled one-line fields; Enter in the last field or Save returns them by name.
    `check` may refuse the values with a message (the dialog stays open, the first field
    focused), e.g. a value that the dialogue's parser does not understand."""

    DEFAULT_CSS = DIALOG_CSS.format(name="FormDialog")

    def __init__(
        self,
        title: str,
        fields: list[Field],
        *,
        today: dt.date,
        check: Callable[[dict[str, str]], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.today = today
        self.check = check

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical():
            yield Static(self.title_text, classes="dialog-title", markup=False)
            for field in self.fields:
                yield Label(field.label, markup=False)
                yield Input(field.value, id=f"field-{field.name}", compact=True)
            yield Static("", id="dialog-error", classes="dialog-error", markup=False)
            with Horizontal():
                yield Button(t("save", lang), id="dialog-save", variant="primary", compact=True)
                yield Button(t("cancel", lang), id="dialog-cancel", compact=True)

    def _values(self) -> dict[str, str] | None:
        values: dict[str, str] = {}
        for field in self.fields:
            box = self.query_one(f"#field-{field.name}", Input)
            value = box.value.strip()
            problem = None
            if field.required and not value:
                problem = "text_required"
            elif field.is_date:
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    problem = "bad_date"
            if problem is not None:
                self.query_one("#dialog-error", Static).update(t(problem, self.lang))
                box.focus()
                return None
            values[field.name] = value
        return values

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input).results(Input))
        if event.input is inputs[-1]:
            self._save()
        else:
            inputs[inputs.index(event.input) + 1].focus()

    @on(Button.Pressed, "#dialog-save")
    def _save(self) -> None:
        values = self._values()
        if values is None:
            return
        problem = self.check(values) if self.check is not None else None
        if problem:
            self.query_one("#dialog-error", Static).update(problem)
            self.query(Input).first().focus()
            return
        self.dismiss(values)

    @on(Button.Pressed, "#dialog-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(IntakeModal[str | None]):
    """Pick one of `choices` (id, label); Enter returns the id."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ChoiceDialog")

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield OptionList(
                *[Option(Content(label), id=key) for key, label in self.choices], id="choices"
            )
            with Horizontal():
                yield Button(t("cancel", self.lang), id="dialog-cancel", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    @on(Button.Pressed, "#dialog-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(IntakeModal[bool]):
    """Lines to read, then Accept or Cancel (the default is Cancel: nothing happens by Enter
    alone before the user has moved to Accept)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ConfirmDialog")

    def __init__(self, title: str, lines: list[str], accept: str) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.accept = accept

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="dialog-title", markup=False)
            with VerticalScroll():
                yield Static(Content("\n".join(self.lines)), id="confirm-text")
            with Horizontal():
                yield Button(self.accept, id="dialog-accept", variant="primary", compact=True)
                yield Button(t("cancel", self.lang), id="dialog-cancel", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#dialog-cancel", Button).focus()

    @on(Button.Pressed, "#dialog-accept")
    def _accept(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#dialog-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
