"""The input line at the bottom of the chat, shaped by the question it answers.

Whatever the widget (buttons, a selection list, an autocompleting field), it produces the
canonical text the engine understands: an option key, comma-separated keys for a
multi-select, or what was typed. So the screen has one path for every answer.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Self

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, SelectionList, Static, TextArea
from textual.widgets.button import ButtonVariant
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


@cache
def municipality_suggester() -> SuggestFromList:
    return SuggestFromList(municipality_names(), case_sensitive=False)


class AnswerField(Input):
    """The typed answer. Enter sends what it holds, stamped with the question it was typed
    for, as the key arrives: Textual's own Enter is a binding, run only once the key has gone
    up to the app, after the keys typed behind it were already put into the field. Until the
    field is shown again, the keys typed after Enter are passed on (`AnswerInput.KeyAhead`)
    for the next question."""

    question_id = ""
    sent = False

    async def _on_key(self, event: events.Key) -> None:
        if not self.sent and event.key != "enter":
            return  # Input's own handler types it
        event.stop()
        event.prevent_default()
        if self.sent:
            self.post_message(AnswerInput.KeyAhead(event.key, event.character))
        else:
            self.sent = True
            self.post_message(AnswerInput.Submitted(self.value, self.question_id))


class AnswerButton(Button):
    """A button of the answer area, stamped like `AnswerField`.

    The buttons are reused from question to question, and Textual's `Button` ignores Enter
    for 0.2 s after a press (its press effect): the first Enter on the next question's
    "Fortsätt" was swallowed when it came within 0.2 s of the previous one. Here every press
    counts; a second press for a question already answered carries that question's id and
    the screen drops it (`ConversationScreen._answer_given`)."""

    class Pressed(Button.Pressed):
        def __init__(self, button: AnswerButton) -> None:
            super().__init__(button)
            self.value = button.value
            self.question_id = button.question_id

    def __init__(self, kind: str, variant: ButtonVariant = "primary") -> None:
        super().__init__("", classes=kind, variant=variant)
        self.value = ""
        self.question_id = ""

    def press(self) -> Self:
        if self.disabled or not self.display:
            return self
        self._start_active_affect()
        self.post_message(AnswerButton.Pressed(self))
        return self

    def action_press(self) -> None:
        self.press()

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":  # at once, in line with the keys after it (see AnswerField)
            event.stop()
            event.prevent_default()
            self.press()


def _button(kind: str, variant: ButtonVariant = "primary") -> AnswerButton:
    return AnswerButton(kind, variant)


class MultiSelect(SelectionList[str]):
    """Space (or a digit) toggles; Enter sends the selection."""

    BINDINGS = [Binding("enter", "send", "Skicka", show=False)]  # noqa: RUF012

    class Send(Message):
        pass

    def action_send(self) -> None:
        self.post_message(self.Send())


class ChoiceButton(AnswerButton):
    """One of the quick-reply buttons; `value` is the key of the option it stands for."""

    def __init__(self) -> None:
        super().__init__("choice", "default")


class LongText(TextArea):
    """Enter adds a line; the screen's Ctrl+S (a priority key) sends."""


class AnswerInput(Vertical):
    """Call `show(question, lang)` for each new question; listen for `Submitted`."""

    class Submitted(Message):
        """An answer, stamped with the id of the question it was given for and the key that
        gave it."""

        def __init__(self, text: str, question_id: str, key: str = "enter") -> None:
            super().__init__()
            self.text = text
            self.question_id = question_id
            self.key = key

    class KeyAhead(Message):
        """A key typed into the field after its Enter: it belongs to the next question."""

        def __init__(self, key: str, character: str | None) -> None:
            super().__init__()
            self.key = key
            self.character = character

    class RetrySave(Message):
        pass

    class ToAssessment(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.question: QuestionView | None = None
        self.lang = "sv"
        # One group of widgets per kind of input, mounted once and then shown, hidden and
        # refilled: mounting new widgets for every question cost more than the rest of
        # drawing it.
        self._field = AnswerField(classes="answer-text")
        self._choices = [ChoiceButton() for _ in range(MAX_BUTTONS)]
        self._options = OptionList(classes="answer-options")
        self._multi = MultiSelect(classes="answer-multi")
        self._long = LongText(classes="answer-long", soft_wrap=True, show_line_numbers=False)
        self._multi_send = _button("answer-send")
        self._long_send = _button("answer-send")
        self._continue = _button("answer-continue")
        self._assessment = _button("answer-assessment")
        self._retry = _button("answer-retry", "warning")
        self._layout: dict[str, Callable[[], list[Widget]]] = {
            "typed": lambda: [self._field],
            "buttons": lambda: [Horizontal(*self._choices, classes="answer-choices")],
            "list": lambda: [self._options],
            "multi": lambda: [self._multi, self._multi_send],
            "long": lambda: [self._long, self._long_send],
            "continue": lambda: [self._continue],
            "assessment": lambda: [self._assessment],
            "retry": lambda: [self._retry],
        }
        self._groups: dict[str, Vertical] = {}
        self._hint = ""

    def compose(self) -> ComposeResult:
        yield Horizontal(id="answer-suggestions")
        yield Vertical(id="answer-body")
        yield Static("", id="answer-hint")

    def on_mount(self) -> None:
        # Every group, hidden, while the person reads the welcome (once it is drawn: it does
        # not wait for them): the first question of each kind then costs no more than the
        # others.
        self.call_after_refresh(self._mount_groups)

    def _mount_groups(self) -> None:
        for name in self._layout:
            self._group(name)

    # -- building --------------------------------------------------------------------------------
    def show(
        self, question: QuestionView, lang: str, prefill: str = "", *, focus: bool = True
    ) -> None:
        """Set the input up for `question`; `prefill` puts an earlier answer back in a field."""
        self.question = question
        self.lang = lang
        suggestions = self.query_one("#answer-suggestions", Horizontal)
        if suggestions.children:
            suggestions.remove_children()
        name, takes_focus, hint = self._configure(question, lang, prefill)
        self._stamp(question.id)
        self._group(name)
        self._show_group(name)
        self._set_hint(hint)
        if focus and takes_focus is not None:
            takes_focus.focus()  # at once: keys typed as soon as the question shows land here

    def _stamp(self, question_id: str) -> None:
        self._field.question_id = question_id
        self._field.sent = False
        for button in (*self._choices, self._continue, self._multi_send, self._long_send):
            button.question_id = question_id

    def _group(self, name: str) -> Vertical:
        """The container of group `name`, mounted (hidden) the first time."""
        group = self._groups.get(name)
        if group is None:
            group = Vertical(*self._layout[name](), classes=f"answer-group group-{name}")
            group.display = False
            self._groups[name] = group
            self.query_one("#answer-body", Vertical).mount(group)
        return group

    def _show_group(self, name: str) -> None:
        for key, group in self._groups.items():
            group.display = key == name

    def _set_hint(self, hint: str) -> None:
        if hint != self._hint:
            self._hint = hint
            self.query_one("#answer-hint", Static).update(Content(hint))

    def _configure(
        self, q: QuestionView, lang: str, prefill: str
    ) -> tuple[str, Widget | None, str]:
        """Fill the widgets for `q`'s kind; return their group, what takes focus, and a hint."""
        kind = q.kind
        if kind is QuestionKind.INFO:
            self._continue.label = t("continue", lang)
            return "continue", self._continue, ""
        if kind is QuestionKind.SUMMARY:
            self._assessment.label = t("to_assessment", lang)
            return "assessment", self._assessment, ""
        if kind in TYPED_KINDS:
            field = self._field
            field.placeholder = t(PLACEHOLDERS[kind], lang)
            field.suggester = (
                municipality_suggester() if kind is QuestionKind.MUNICIPALITY else None
            )
            field.value = prefill
            return "typed", field, ""
        if kind is QuestionKind.LONGTEXT:
            self._long.text = prefill
            self._long_send.label = t("send", lang)
            return "long", self._long, t("longtext_hint", lang)
        if kind is QuestionKind.MULTI:
            self._multi.clear_options()
            self._multi.add_options(
                [Selection(Content(f"{n}  {o.label}"), o.key) for n, o in enumerate(q.options, 1)]
            )
            self._multi.highlighted = 0 if q.options else None
            self._multi_send.label = t("done", lang)
            return "multi", self._multi, t("multi_hint", lang)
        # TRI and CHOICE: buttons for a few options, a numbered list for more.
        if len(q.options) <= MAX_BUTTONS:
            for n, button in enumerate(self._choices):
                if n < len(q.options):
                    option = q.options[n]
                    button.label = Content(f"{n + 1} {option.label}")
                    button.value = option.key
                button.display = n < len(q.options)
            return "buttons", self._choices[0] if q.options else None, ""
        self._options.clear_options()
        self._options.add_options(
            [ListOption(Content(f"{n}  {o.label}"), id=o.key) for n, o in enumerate(q.options, 1)]
        )
        self._options.highlighted = 0 if q.options else None
        return "list", self._options, ""

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
            self.post_message(self.Submitted(q.options[number - 1].key, q.id, str(number)))
            return True
        return False

    def replay(self, key: str, character: str | None) -> str | None:
        """A key typed ahead and held while an answer was stored, taken as the widgets shown
        now would take it (the first button and the first list entry have focus): the
        answer it gives, or None when it only edits (or does nothing here)."""
        q = self.question
        if q is None:
            return None
        kind = q.kind
        if key == "ctrl+s" or (key == "enter" and kind is not QuestionKind.LONGTEXT):
            return self._held_answer(q)
        if character and character.isdigit() and self.accepts_digits():
            if kind is QuestionKind.MULTI:
                self.choose(int(character))
                return None
            number = int(character)
            return q.options[number - 1].key if 1 <= number <= len(q.options) else None
        field = self._field if kind in TYPED_KINDS else None
        if field is not None and character and character.isprintable():
            field.insert_text_at_cursor(character)
        elif field is not None and key == "backspace":
            field.action_delete_left()
        elif kind is QuestionKind.LONGTEXT and (key == "enter" or character):
            self._long.insert("\n" if key == "enter" else character or "")
        return None

    def _held_answer(self, q: QuestionView) -> str | None:
        kind = q.kind
        if kind in TYPED_KINDS:
            return self._field.value
        if kind is QuestionKind.INFO:
            return ""
        if kind is QuestionKind.LONGTEXT:
            return self._long.text
        if kind is QuestionKind.MULTI:
            order = [o.key for o in q.options]
            return ",".join(sorted(self._multi.selected, key=order.index))
        if kind in (QuestionKind.TRI, QuestionKind.CHOICE) and q.options:
            if len(q.options) <= MAX_BUTTONS:
                return self._choices[0].value
            option = self._options.highlighted_option
            return option.id if option is not None else None
        return None

    def accepts_digits(self) -> bool:
        q = self.question
        return q is not None and q.kind in (
            QuestionKind.TRI,
            QuestionKind.CHOICE,
            QuestionKind.MULTI,
        )

    def send(self, question_id: str | None = None) -> None:
        """Ctrl+S or a Send button: submit what the current widget holds (for `question_id`,
        the question a button was pressed for; by default the one shown)."""
        q = self.question
        if q is None:
            return
        stamp = q.id if question_id is None else question_id
        if q.kind is QuestionKind.MULTI:
            keys = self._multi.selected
            order = [o.key for o in q.options]
            self.post_message(self.Submitted(",".join(sorted(keys, key=order.index)), stamp))
        elif q.kind is QuestionKind.LONGTEXT:
            self.post_message(self.Submitted(self._long.text, stamp))
        elif q.kind in TYPED_KINDS:
            self.post_message(self.Submitted(self._field.value, stamp))
        elif q.kind is QuestionKind.INFO:
            self.post_message(self.Submitted("", stamp))
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

    def reopen(self) -> None:
        """The answer was refused: the field takes keys again."""
        self._field.sent = False

    def show_retry(self) -> None:
        """Only the retry button: no answer can be given until the last one is stored."""
        self.question = None
        self._retry.label = t("retry_save", self.lang)
        self._group("retry")
        self._show_group("retry")
        self.call_after_refresh(self._retry.focus)

    def focus_field(self) -> None:
        for group in self._groups.values():
            if group.display:
                for widget in group.query("*"):
                    if widget.focusable and widget.display:
                        widget.focus()
                        return

    def current_text(self) -> str:
        """What is typed in the field now (kept across a validation message)."""
        kind = self.question.kind if self.question else None
        if kind in TYPED_KINDS:
            return self._field.value
        if kind is QuestionKind.LONGTEXT:
            return self._long.text
        return ""

    @on(MultiSelect.Send)
    def _send_from_widget(self, event: Message) -> None:
        event.stop()
        self.send()

    @on(OptionList.OptionSelected, ".answer-options")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        q = self.question
        if q is not None and event.option.id in {o.key for o in q.options}:
            self.post_message(self.Submitted(event.option.id, q.id))

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button
        stamp = event.question_id if isinstance(event, AnswerButton.Pressed) else None
        if button.has_class("answer-retry"):
            self.post_message(self.RetrySave())
        elif button.has_class("answer-assessment"):
            self.post_message(self.ToAssessment())
        elif button.has_class("answer-send") or button.has_class("answer-continue"):
            self.send(stamp)
        elif isinstance(event, AnswerButton.Pressed) and event.value:
            self.post_message(self.Submitted(event.value, event.question_id))
        elif button.has_class("suggestion") and button.name and self.question is not None:
            self.post_message(self.Submitted(button.name, self.question.id))
