"""The input line at the bottom of the chat, shaped by the question it answers.

Whatever the widget (buttons, a selection list, an autocompleting field), it produces the
canonical text the engine understands: an option key, comma-separated keys for a
multi-select, or what was typed. So the screen has one path for every answer.
"""

from __future__ import annotations

from functools import cache

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, SelectionList, Static, TextArea
from textual.widgets.option_list import Option as ListOption
from textual.widgets.selection_list import Selection

from intake.core.dialogue.api import QuestionKind, QuestionView
from intake.ui.i18n import t

# Up to this many options are buttons in a row; more become a list.
MAX_BUTTONS = 4

TYPED_KINDS = {
    QuestionKind.TEXT,
    QuestionKind.NUMBER,
    QuestionKind.PERSONAL_ID,
    QuestionKind.DATE,
    QuestionKind.MUNICIPALITY,
}
PLACEHOLDERS = {
    QuestionKind.TEXT: "type_answer",
    QuestionKind.NUMBER: "type_number",
    QuestionKind.PERSONAL_ID: "type_personal_id",
    QuestionKind.DATE: "type_date",
    QuestionKind.MUNICIPALITY: "type_municipality",
}


@cache
def municipality_names() -> tuple[str, ...]:
    from intake.core.municipalities import all_municipalities

    return tuple(sorted((m.name for m in all_municipalities()), key=len))


class MultiSelect(SelectionList[str]):
    """Space (or a digit) toggles; Enter sends the selection."""

    BINDINGS = [Binding("enter", "send", "Skicka", show=False)]  # noqa: RUF012

    class Send(Message):
        pass

    def action_send(self) -> None:
        self.post_message(self.Send())


class LongText(TextArea):
    """Enter adds a line; the screen's Ctrl+S (a priority key) sends."""


class AnswerInput(Vertical):
    """Call `show(question, lang)` for each new question; listen for `Submitted`."""

    class Submitted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class RetrySave(Message):
        pass

    class ToAssessment(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.question: QuestionView | None = None
        self.lang = "sv"

    def compose(self) -> ComposeResult:
        yield Horizontal(id="answer-suggestions")
        yield Vertical(id="answer-body")
        yield Static("", id="answer-hint")

    # -- building --------------------------------------------------------------------------------
    def show(self, question: QuestionView, lang: str, prefill: str = "") -> None:
        """Rebuild for `question`; `prefill` puts an earlier answer back in a typed field."""
        previous, self.question = self.question, question
        self.lang = lang
        body = self.query_one("#answer-body", Vertical)
        suggestions = self.query_one("#answer-suggestions", Horizontal)
        if suggestions.children:
            suggestions.remove_children()
        if previous is not None and self._reuse_field(previous, question, prefill):
            return
        body.remove_children()
        widgets, focus, hint = self._widgets_for(question, lang)
        if prefill and isinstance(focus, Input):
            focus.value = prefill
        elif prefill and isinstance(focus, LongText):
            focus.text = prefill
        body.mount_all(widgets)
        self.query_one("#answer-hint", Static).update(Content(hint))
        if focus is not None:
            focus.focus()  # at once: keys typed as soon as the question shows must land here

    def _reuse_field(self, previous: QuestionView, question: QuestionView, prefill: str) -> bool:
        """From one typed question to the next, keep the field: most answers are typed, and
        building a new Input costs more than the rest of drawing the next question."""
        if previous.kind not in TYPED_KINDS or question.kind not in TYPED_KINDS:
            return False
        if (previous.kind is QuestionKind.MUNICIPALITY) != (
            question.kind is QuestionKind.MUNICIPALITY
        ):
            return False  # the municipality field carries its suggester
        fields = list(self.query_one("#answer-body", Vertical).query(".answer-text").results(Input))
        if len(fields) != 1:
            return False
        field = fields[0]
        field.placeholder = t(PLACEHOLDERS[question.kind], self.lang)
        field.value = prefill
        if not field.has_focus:
            field.focus()
        return True

    def _widgets_for(self, q: QuestionView, lang: str) -> tuple[list[Widget], Widget | None, str]:
        kind = q.kind
        if kind is QuestionKind.INFO:
            button = Button(t("continue", lang), classes="answer-continue", variant="primary")
            return [button], button, ""
        if kind is QuestionKind.SUMMARY:
            button = Button(
                t("to_assessment", lang), classes="answer-assessment", variant="primary"
            )
            return [button], button, ""
        if kind in TYPED_KINDS:
            suggester = None
            if kind is QuestionKind.MUNICIPALITY:
                suggester = SuggestFromList(municipality_names(), case_sensitive=False)
            field = Input(
                placeholder=t(PLACEHOLDERS[kind], lang), classes="answer-text", suggester=suggester
            )
            return [field], field, ""
        if kind is QuestionKind.LONGTEXT:
            area = LongText(classes="answer-long", soft_wrap=True, show_line_numbers=False)
            send = Button(t("send", lang), classes="answer-send", variant="primary")
            return [area, send], area, t("longtext_hint", lang)
        if kind is QuestionKind.MULTI:
            selections = [
                Selection(Content(f"{n}  {o.label}"), o.key) for n, o in enumerate(q.options, 1)
            ]
            multi = MultiSelect(*selections, classes="answer-multi")
            send = Button(t("done", lang), classes="answer-send", variant="primary")
            return [multi, send], multi, t("multi_hint", lang)
        # TRI and CHOICE: buttons for a few options, a numbered list for more.
        if len(q.options) <= MAX_BUTTONS:
            row = Horizontal(
                *[
                    Button(Content(f"{n} {o.label}"), name=o.key, classes="choice")
                    for n, o in enumerate(q.options, 1)
                ],
                classes="answer-choices",
            )
            first = row.children[0] if row.children else None
            return [row], first, ""
        options = OptionList(
            *[ListOption(Content(f"{n}  {o.label}"), id=o.key) for n, o in enumerate(q.options, 1)],
            classes="answer-options",
        )
        return [options], options, ""

    # -- what the user does ----------------------------------------------------------------------
    def choose(self, number: int) -> bool:
        """A digit key: pick (or, in a multi-select, toggle) option `number`."""
        q = self.question
        if q is None or not 1 <= number <= len(q.options):
            return False
        if q.kind is QuestionKind.MULTI:
            multi = self.query_one(".answer-multi", MultiSelect)
            multi.toggle(q.options[number - 1].key)
            multi.highlighted = number - 1
            return True
        if q.kind in (QuestionKind.TRI, QuestionKind.CHOICE):
            self.post_message(self.Submitted(q.options[number - 1].key))
            return True
        return False

    def accepts_digits(self) -> bool:
        q = self.question
        return q is not None and q.kind in (
            QuestionKind.TRI,
            QuestionKind.CHOICE,
            QuestionKind.MULTI,
        )

    def send(self) -> None:
        """Ctrl+S or a Send button: submit what the current widget holds."""
        q = self.question
        if q is None:
            return
        if q.kind is QuestionKind.MULTI:
            keys = self.query_one(".answer-multi", MultiSelect).selected
            order = [o.key for o in q.options]
            self.post_message(self.Submitted(",".join(sorted(keys, key=order.index))))
        elif q.kind is QuestionKind.LONGTEXT:
            self.post_message(self.Submitted(self.query_one(".answer-long", LongText).text))
        elif q.kind in TYPED_KINDS:
            self.post_message(self.Submitted(self.query_one(".answer-text", Input).value))
        elif q.kind is QuestionKind.INFO:
            self.post_message(self.Submitted(""))
        elif q.kind is QuestionKind.SUMMARY:
            self.post_message(self.ToAssessment())

    def show_suggestions(self, suggestions: tuple[str, ...]) -> None:
        row = self.query_one("#answer-suggestions", Horizontal)
        row.remove_children()
        if suggestions:
            row.mount(Static(t("did_you_mean", self.lang), classes="suggest-label", markup=False))
            row.mount_all(
                [
                    Button(Content(s), name=s, classes="suggestion", compact=True)
                    for s in suggestions[:5]
                ]
            )

    def show_retry(self) -> None:
        body = self.query_one("#answer-body", Vertical)
        body.remove_children()
        button = Button(t("retry_save", self.lang), classes="answer-retry", variant="warning")
        body.mount(button)
        self.call_after_refresh(button.focus)

    def focus_field(self) -> None:
        for widget in self.query_one("#answer-body", Vertical).query("*"):
            if widget.focusable:
                widget.focus()
                return

    def current_text(self) -> str:
        """What is typed in the field now (kept across a validation message)."""
        for field in self.query(".answer-text").results(Input):
            return field.value
        for area in self.query(".answer-long").results(LongText):
            return area.text
        return ""

    @on(Input.Submitted, ".answer-text")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    @on(MultiSelect.Send)
    def _send_from_widget(self, event: Message) -> None:
        event.stop()
        self.send()

    @on(OptionList.OptionSelected, ".answer-options")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Submitted(event.option.id))

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button
        if button.has_class("answer-retry"):
            self.post_message(self.RetrySave())
        elif button.has_class("answer-assessment"):
            self.post_message(self.ToAssessment())
        elif button.has_class("answer-send") or button.has_class("answer-continue"):
            self.send()
        elif (button.has_class("choice") or button.has_class("suggestion")) and button.name:
            self.post_message(self.Submitted(button.name))
