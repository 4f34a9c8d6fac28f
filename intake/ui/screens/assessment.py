"""The assessment and the decision: level, signs with their rules, counter-indicators beside
them, the open questions a social worker must find out, next steps with their dates; an
override only with a written reason; create the case.

Every part is reachable by keyboard whatever has focus (PageUp/PageDown scroll the assessment,
Tab reaches it too), and each heading carries its count, so nothing sits below the fold
unnoticed. Enter in the reason field never creates the case: it moves to the button, and the
case is created only by the button or Ctrl+S.

The draft stays in storage until the case is saved (the repository removes it in the same
transaction), so a failure here never loses the visit.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static

from intake.core.assessment_text import could_lead_to, step_when
from intake.core.session import LEVELS, IntakeSession, OverrideWithoutReason
from intake.ui import errors
from intake.ui.i18n import t
from intake.ui.screens.base import IntakeScreen
from intake.ui.widgets.footer import KeyFooter


def _item(text: str, detail: str, detail_label: str) -> Content:
    if not detail:
        return Content.assemble("• ", text)
    return Content.assemble("• ", text, "\n  ", (f"{detail_label}: {detail}", "dim italic"))


def indicator_lines(items: list[dict[str, Any]], lang: str) -> list[Content]:
    rule = t("rule", lang)
    return [_item(str(i.get("explanation", "")), str(i.get("source", "")), rule) for i in items]


def open_question_lines(items: list[dict[str, Any]], lang: str) -> list[Content]:
    lines = []
    for q in items:
        text = str(q.get("question", ""))
        could = could_lead_to(q, lang)
        lines.append(Content.assemble("• ", text, "\n  ", (could, "dim italic")) if could
                     else Content.assemble("• ", text))  # fmt: skip
    return lines


def heading(key: str, count: int, lang: str) -> str:
    return f"{t(key, lang)} ({count})"


def step_lines(steps: list[dict[str, Any]], lang: str) -> list[Content]:
    lines = []
    for step in steps:
        head = Content.assemble(
            "• ", (str(step.get("title", "")), "bold"), f" – {step_when(step, lang)}"
        )
        basis = str(step.get("basis", ""))
        lines.append(Content.assemble(head, "\n  ", (basis, "dim italic")) if basis else head)
    return lines


class AssessmentScreen(IntakeScreen[None]):
    def __init__(self, session: IntakeSession) -> None:
        super().__init__()
        self.session = session
        self.case_number: str | None = None
        self._busy = False
        self._assessment: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        lang = self.lang
        self.session.lang = lang
        found = self.guard(self.session.assessment, "assessment")
        self._assessment = found or {}
        a = self._assessment
        level = str(a.get("level", "none"))
        urgency = str(a.get("urgency", "routine"))
        signs = a.get("indicators", [])
        counter = a.get("counter_indicators", [])
        questions = a.get("open_questions", [])
        steps = a.get("next_steps", [])
        with VerticalScroll(id="assess-scroll"):
            yield Static(t("assessment_title", lang), classes="title", markup=False)
            yield Static(
                Content(t(f"level_{level}", lang)), id="level", classes=f"level level-{level}"
            )
            yield Static(
                Content(f"{t('urgency', lang)}: {t(f'urgency_{urgency}', lang)}"),
                id="urgency",
                classes=f"urgency urgency-{urgency}",
            )
            yield Static(
                t(
                    "overview",
                    lang,
                    signs=len(signs),
                    counter=len(counter),
                    questions=len(questions),
                    steps=len(steps),
                ),
                id="overview",
                markup=False,
            )
            with Horizontal(id="assess-cols"):
                with Vertical(id="signs", classes="assess-col"):
                    yield self._heading("indicators", len(signs), "signs-heading")
                    yield from self._items(indicator_lines(signs, lang))
                with Vertical(id="counter", classes="assess-col"):
                    yield self._heading("counter_indicators", len(counter), "counter-heading")
                    yield from self._items(indicator_lines(counter, lang))
            if questions:
                yield self._heading("open_questions", len(questions), "questions-heading")
                yield from self._items(open_question_lines(questions, lang))
            yield self._heading("next_steps", len(steps), "steps-heading")
            yield from self._items(step_lines(steps, lang))
        with Vertical(id="decision"):
            yield Static("", id="assess-message", classes="validation")
            if self.case_number is not None:  # drawn again after the case, e.g. in English
                yield from self._created_widgets()
            else:
                with Horizontal(id="override-row"):
                    yield Select(
                        [(t(f"level_{x}", lang), x) for x in LEVELS if x != level],
                        prompt=t("keep_level", lang),
                        id="override-level",
                        compact=True,
                    )
                    yield Input(
                        placeholder=t("override_reason", lang),
                        id="override-reason",
                        compact=True,
                    )
                yield Button(
                    t("confirm_case", lang), id="confirm", variant="success", compact=True
                )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.call_after_refresh(self._focus_button)

    def _focus_button(self) -> None:
        for button in self.query("#confirm, #to-start").results(Button):
            button.focus()

    def language_applied(self) -> None:  # the screen was drawn again: focus its button again
        self._focus_button()

    def _heading(self, key: str, count: int, widget_id: str) -> Static:
        return Static(heading(key, count, self.lang), id=widget_id, classes="heading", markup=False)

    def action_scroll_assessment(self, pages: int) -> None:
        """PageUp/PageDown move the assessment whatever has focus (the button, the reason)."""
        scroll = self.query_one("#assess-scroll", VerticalScroll)
        if pages > 0:
            scroll.scroll_page_down(animate=False)
        else:
            scroll.scroll_page_up(animate=False)

    def _items(self, lines: list[Content]) -> ComposeResult:
        """A list as one widget, a line an item (a widget per item cost memory, not looks)."""
        if not lines:
            yield Static(t("no_items", self.lang), classes="item", markup=False)
        else:
            yield Static(Content("\n").join(lines), classes="item")

    def _message(self, text: str) -> None:
        self.query_one("#assess-message", Static).update(Content(text))

    def action_back(self) -> None:
        if self.case_number is not None:
            self.intake_app.return_to_start()
        elif not self._busy:
            self.dismiss(None)

    @on(Button.Pressed, "#to-start")
    def _to_start(self) -> None:
        self.intake_app.return_to_start()

    @on(Input.Submitted, "#override-reason")
    def _reason_entered(self) -> None:
        """Enter in the reason field is not a confirmation: it goes to the button."""
        if self._busy or self.case_number is not None:
            return
        self._message(t("confirm_with_button", self.lang))
        self.query_one("#confirm", Button).focus()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        if self._busy or self.case_number is not None:
            return
        selected = self.query_one("#override-level", Select).value
        override = selected if isinstance(selected, str) else None
        reason = self.query_one("#override-reason", Input).value
        if override is not None and not reason.strip():
            self._message(t("reason_required", self.lang))
            self.query_one("#override-reason", Input).focus()
            return
        self._busy = True
        self._message(t("creating_case", self.lang))
        self.run_worker(
            lambda: self._create(override, reason), thread=True, group="case", exit_on_error=False
        )

    def _create(self, override: str | None, reason: str) -> None:
        try:
            case = self.session.create_case(override, reason)
        except OverrideWithoutReason:
            self.app.call_from_thread(self._failed_reason)
            return
        except Exception as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._created, case.number)

    def _failed_reason(self) -> None:
        self._busy = False
        self._message(t("reason_required", self.lang))

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        error_id = errors.report(exc, "create case")
        self._message(t("case_failed", self.lang, error_id=error_id))

    def _created(self, number: str) -> None:
        self._busy = False
        self.case_number = number
        self.refresh_bindings()
        self.run_worker(self._show_created(), group="case")

    async def _show_created(self) -> None:
        """Only the decision area changes; the assessment above it stays as it was drawn."""
        decision = self.query_one("#decision", Vertical)
        await decision.remove_children("#override-row, #confirm")
        self._message("")
        await decision.mount_all(self._created_widgets())
        self.query_one("#to-start", Button).focus()

    def _created_widgets(self) -> list[Widget]:
        created = t("case_created", self.lang, number=self.case_number)
        return [
            Static(Content(created), id="created"),
            Button(t("to_start", self.lang), id="to-start", variant="primary", compact=True),
        ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Once the case exists, neither "create case" nor "back to the conversation" applies:
        # hide both (False), leaving the focused "to the start page" button.
        if action in ("confirm", "back"):
            return self.case_number is None
        return True
