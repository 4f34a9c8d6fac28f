"""One case, as the social worker who takes it needs it: the steps first (a checklist with due
and "tidigast" dates), then the facts, the assessment with its open questions, the
conversation, the journal, the history and the letters, one tab each, all by keyboard.

Every change goes through the repository, which enforces roles and the workflow and audits
it; the screen offers only the actions the user's role and the case's state allow (a
receptionist reads her own case, nothing more), and shows the case as the repository
returned it after each change.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from intake.core.workflow import ENDED
from intake.ui import case_text
from intake.ui.i18n import t
from intake.ui.screens.base import IntakeScreen
from intake.ui.screens.case_dialogs import ChoiceDialog, ConfirmDialog, Field, FormDialog
from intake.ui.screens.case_exports import EXPORT_ACTIONS, CaseExportActions
from intake.ui.screens.casework import (
    OTHER_FIELD,
    attempt,
    fact_choices,
    fact_fields,
    fact_problem,
    today_of,
)
from intake.ui.widgets.footer import KeyFooter
from storage.api import CaseInfo, CaseWork, Reassessment, Role, TaskInfo, UserInfo

if TYPE_CHECKING:
    from intake.core.corrections import CorrectableFact

# Actions that change the case: offered to social workers on an open case only.
CHANGES = frozenset(
    {"done", "not_applicable", "note", "assign", "answer", "correct", "close", "annul"}
)
TEXT_TABS = ("facts", "assessment", "transcript", "notes", "history", "letters")


class CaseScreen(CaseExportActions, IntakeScreen[None]):
    DEFAULT_CSS = """
    CaseScreen #case-head { height: auto; padding: 0 1; }
    CaseScreen #case-title { text-style: bold; color: $primary; }
    CaseScreen TabbedContent { height: 1fr; }
    CaseScreen TabPane { padding: 0 1; }
    CaseScreen OptionList { height: auto; max-height: 100%; }
    CaseScreen #questions { margin-top: 1; }
    """

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number
        self.case: CaseInfo | None = None

    def compose(self) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(id="case-head"):
            yield Static(t("case_title", lang, number=self.number), id="case-title", markup=False)
            yield Static("", id="case-line", markup=False)
        with TabbedContent(initial="tab-steps"):
            with TabPane(t("tab_steps", lang), id="tab-steps"):
                yield OptionList(id="steps")
            with TabPane(t("tab_facts", lang), id="tab-facts"):
                yield VerticalScroll(Static("", id="text-facts", markup=False))
            with TabPane(t("tab_assessment", lang), id="tab-assessment"):
                yield VerticalScroll(Static("", id="text-assessment", markup=False))
                yield OptionList(id="questions")
            with TabPane(t("tab_transcript", lang), id="tab-transcript"):
                yield VerticalScroll(Static("", id="text-transcript", markup=False))
            with TabPane(t("tab_notes", lang), id="tab-notes"):
                yield VerticalScroll(Static("", id="text-notes", markup=False))
            with TabPane(t("tab_history", lang), id="tab-history"):
                yield VerticalScroll(Static("", id="text-history", markup=False))
            with TabPane(t("tab_letters", lang), id="tab-letters"):
                yield VerticalScroll(Static("", id="text-letters", markup=False))
        yield KeyFooter()

    def on_mount(self) -> None:
        super().on_mount()
        case = attempt(self.intake_app, lambda repo, user: repo.get_case(user, self.number), "case")
        if case is None:
            self.dismiss(None)
            return
        self._show(case)
        self.query_one("#steps", OptionList).focus()

    # -- drawing -------------------------------------------------------------------------------
    def _show(self, case: CaseInfo) -> None:
        self.case = case
        lang = self.lang
        today = None if case.status in ENDED else today_of(self.intake_app)
        line = case_text.headline(case, lang)
        if case.closed_reason:
            line += "\n" + t("closed_because", lang, reason=case.closed_reason)
        self.query_one("#case-line", Static).update(Content(line))
        steps = self.query_one("#steps", OptionList)
        highlighted = steps.highlighted
        steps.clear_options()
        steps.add_options(
            Option(Content(case_text.task_line(task, lang, today)), id=str(task.id))
            for task in case.tasks
        )
        if case.tasks:
            steps.highlighted = min(highlighted or 0, len(case.tasks) - 1)
        texts = {
            "facts": case_text.fact_lines(case, lang),
            "assessment": case_text.assessment_lines(case.assessment, lang),
            "transcript": case_text.transcript_lines(case),
            "notes": case_text.note_lines(case, lang),
            "history": case_text.history_lines(case, lang),
            "letters": case_text.letter_lines(case, lang),
        }
        for name in TEXT_TABS:
            self.query_one(f"#text-{name}", Static).update(Content("\n".join(texts[name])))
        questions = self.query_one("#questions", OptionList)
        questions.clear_options()
        questions.add_options(
            Option(Content("? " + case_text.question_line(q, lang)), id=str(q.get("field")))
            for q in case.open_questions
        )
        questions.display = bool(case.open_questions)
        self.refresh_bindings()

    # -- what may be done -------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in EXPORT_ACTIONS:
            return self.export_allowed(action)
        if action not in CHANGES:
            return True
        case, user = self.case, self.intake_app.user
        if case is None or user is None or user.role is not Role.SOCIAL_WORKER:
            return False  # reception reads its own cases; nothing to offer
        if case.status in ENDED:
            return False
        if action in ("done", "not_applicable"):
            task = self._selected_task()
            return True if task is not None and task.is_open else None
        if action == "answer":
            return True if case.open_questions else None
        return True

    def _selected_task(self) -> TaskInfo | None:
        if self.case is None:
            return None
        steps = self.query_one("#steps", OptionList)
        if steps.highlighted is None or steps.highlighted >= len(self.case.tasks):
            return None
        return self.case.tasks[steps.highlighted]

    @on(OptionList.OptionHighlighted, "#steps")
    def _moved(self) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#steps")
    def _step_chosen(self) -> None:
        if self.check_action("done", ()):
            self.action_done()

    @on(OptionList.OptionSelected, "#questions")
    def _question_chosen(self, event: OptionList.OptionSelected) -> None:
        if self.check_action("answer", ()):
            self._answer(str(event.option.id))

    def _changed(self, case: CaseInfo | None) -> None:
        if case is not None:
            self._show(case)
            self.notify(t("saved", self.lang), markup=False, timeout=3)

    # -- actions ---------------------------------------------------------------------------------
    def action_back(self) -> None:
        self.dismiss(None)

    def action_done(self) -> None:
        task = self._selected_task()
        if task is None:
            return
        today = today_of(self.intake_app)
        fields = [
            Field("on", t("date_label", self.lang), today.isoformat(), is_date=True),
            Field("note", t("note_label", self.lang), required=False),
        ]
        title = t("mark_done_title", self.lang, title=task.title)

        def save(values: dict[str, str] | None) -> None:
            if values is None:
                return
            import datetime as dt

            on = dt.date.fromisoformat(values["on"])
            self._changed(
                attempt(
                    self.intake_app,
                    lambda repo, user: repo.complete_task(
                        user, self.number, task.id, values["note"], done_on=on
                    ),
                    "complete task",
                )
            )

        self.app.push_screen(FormDialog(title, fields, today=today), save)

    def action_not_applicable(self) -> None:
        task = self._selected_task()
        if task is None:
            return
        title = t("not_applicable_title", self.lang, title=task.title)
        self._ask_and_change(
            title,
            "task not applicable",
            lambda repo, user, reason: repo.mark_task_not_applicable(
                user, self.number, task.id, reason
            ),
        )

    def action_note(self) -> None:
        self._ask_and_change(
            t("new_note_title", self.lang),
            "add note",
            lambda repo, user, text: repo.add_note(user, self.number, text),
            label="note_label",
        )

    def action_close(self) -> None:
        self._ask_and_change(
            t("close_title", self.lang),
            "close case",
            lambda repo, user, reason: repo.close_case(user, self.number, reason),
        )

    def action_annul(self) -> None:
        self._ask_and_change(
            t("annul_title", self.lang),
            "annul case",
            lambda repo, user, reason: repo.annul_case(user, self.number, reason),
        )

    def _ask_and_change(
        self,
        title: str,
        where: str,
        change: Callable[[CaseWork, UserInfo, str], CaseInfo],
        label: str = "reason_label",
    ) -> None:
        """Ask for a text (a reason, a note), then make the change with it and show the case."""

        def save(text: str) -> None:
            self._changed(
                attempt(self.intake_app, lambda repo, user: change(repo, user, text), where)
            )

        self._ask_reason(title, save, label=label)

    def _ask_reason(self, title: str, then: Any, label: str = "reason_label") -> None:
        fields = [Field("text", t(label, self.lang))]

        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                then(values["text"])

        dialog = FormDialog(title, fields, today=today_of(self.intake_app))
        self.app.push_screen(dialog, done)

    def action_assign(self) -> None:
        app = self.intake_app
        users = attempt(app, lambda repo, user: repo.list_users(), "list users") or []
        me = app.user.username if app.user else ""
        choices = [(me, t("assign_me", self.lang))] if me else []
        choices += [
            (u.username, f"{u.display_name} ({u.username})")
            for u in users
            if u.role is Role.SOCIAL_WORKER and u.username != me
        ]
        choices.append(("", t("unassign", self.lang)))

        def save(choice: str | None) -> None:
            if choice is None:
                return
            self._changed(
                attempt(
                    app,
                    lambda repo, user: repo.assign_case(user, self.number, choice or None),
                    "assign case",
                )
            )

        self.app.push_screen(ChoiceDialog(t("assign_title", self.lang), choices), save)

    def action_answer(self) -> None:
        if self.case is None or not self.case.open_questions:
            return
        questions = self.query_one("#questions", OptionList)
        index = questions.highlighted or 0
        self._answer(str(self.case.open_questions[index].get("field")))

    def _answer(self, field: str) -> None:
        lang = self.lang
        choices = [("yes", t("answer_yes", lang)), ("no", t("answer_no", lang))]
        question = next(
            (q for q in (self.case.open_questions if self.case else []) if q.get("field") == field),
            {"field": field},
        )

        def chosen(value: str | None) -> None:
            if value is not None:
                self._ask_reason(
                    t("answer_title", lang), lambda reason: self._preview(field, value, reason)
                )

        title = f"{t('answer_title', lang)}: {case_text.question_line(question, lang)}"
        self.app.push_screen(ChoiceDialog(title, choices), chosen)

    def action_correct(self) -> None:
        """Correct a fact: picked from the case's facts (the question's label and the current
        value), then typed as at reception and read by the same parser, with a reason."""
        from intake.core.corrections import correctable_facts

        case = self.case
        if case is None:
            return
        facts = self.guard(lambda: correctable_facts(case.record, self.app_lang), "facts")
        if facts is None:
            return
        by_path = {fact.path: fact for fact in facts}

        def picked(path: str | None) -> None:
            if path == OTHER_FIELD:
                self._correct_field()
            elif path is not None:
                self._correct_fact(by_path[path])

        dialog = ChoiceDialog(t("correct_pick", self.lang), fact_choices(facts, self.lang))
        self.app.push_screen(dialog, picked)

    def _correct_fact(self, fact: CorrectableFact) -> None:
        from intake.core.corrections import parse_correction

        lang, today = self.app_lang, today_of(self.intake_app)

        def chosen(values: dict[str, str] | None) -> None:
            if values is not None:
                value = parse_correction(fact, values["value"], lang, today).value
                self._preview(fact.path, value, values["reason"])

        title = f"{t('correct_title', lang)}: {fact.label}"
        check = fact_problem(fact, lang, today)
        dialog = FormDialog(title, fact_fields(fact, lang), today=today, check=check)
        self.app.push_screen(dialog, chosen)

    def _correct_field(self) -> None:
        """Any field by its dotted name, the value read as JSON when it is JSON (a list of
        children, a number), else as text: for what the list of facts does not hold."""
        lang = self.lang
        fields = [
            Field("field", t("correct_field", lang)),
            Field("value", t("correct_value", lang)),
            Field("reason", t("reason_label", lang)),
        ]

        def chosen(values: dict[str, str] | None) -> None:
            if values is None:
                return
            try:
                value: Any = json.loads(values["value"])
            except ValueError:
                value = values["value"]
            self._preview(values["field"], value, values["reason"])

        dialog = FormDialog(t("correct_title", lang), fields, today=today_of(self.intake_app))
        self.app.push_screen(dialog, chosen)

    def _preview(self, field: str, value: Any, reason: str) -> None:
        from intake.core.reassess import reassess

        case, lang = self.case, self.lang
        if case is None:
            return
        try:
            outcome = reassess(case.record, case.assessment, field, value, lang=self.app_lang)
        except ValueError:  # pydantic's ValidationError: the value does not fit the field
            self.notify(t("correct_invalid", lang), severity="warning", markup=False)
            return
        except Exception as exc:
            self.intake_app.show_error(exc, "reassess")
            return
        lines = [
            t(
                "reassess_preview",
                lang,
                level=t(f"level_{outcome.level}", lang),
                urgency=t(f"urgency_{outcome.urgency}", lang),
            ),
            "",
        ]
        if outcome.added:
            lines += [t("steps_added", lang), *[f"+ {s}" for s in outcome.added], ""]
        if outcome.removed:
            lines += [t("steps_removed", lang), *[f"– {s}" for s in outcome.removed]]
        if not outcome.added and not outcome.removed:
            lines.append(t("no_step_changes", lang))
        change = Reassessment(outcome.record, outcome.assessment, [field], reason)

        def accept(ok: bool | None) -> None:
            if not ok:
                return
            updated = attempt(
                self.intake_app,
                lambda repo, user: repo.reassess_case(user, self.number, case.version, change),
                "reassess case",
            )
            if updated is not None:
                self._show(updated)
                self.notify(t("reassessed", lang), markup=False, timeout=4)

        dialog = ConfirmDialog(t("answer_title", lang), lines, t("accept", lang))
        self.app.push_screen(dialog, accept)

    @property
    def app_lang(self) -> Any:
        return "en" if self.lang == "en" else "sv"

    def language_applied(self) -> None:
        if self.case is not None:
            self._show(self.case)
