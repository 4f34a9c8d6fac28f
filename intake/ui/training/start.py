"""Training's first screen: who is practising, practice or exam, the scenarios, and progress.

The progress lines are what a trainer reads: per trainee the attempts, the scenarios done, the
last score and the best exam score; below them the current trainee's attempts over time.
"""

from __future__ import annotations

import getpass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static, Switch
from textual.widgets.option_list import Option

from intake.core.training.scenario import Scenario, ScenarioError, load_scenarios
from intake.training.progress import ProgressStore
from intake.ui.training.common import BANNER_CSS, TrainingScreen, banner
from intake.ui.training.texts import tr
from intake.ui.widgets.footer import KeyFooter


class TrainingStartScreen(TrainingScreen):
    DEFAULT_CSS = BANNER_CSS + """
    TrainingStartScreen #training-top { height: auto; padding: 0 1; }
    TrainingStartScreen .training-row { height: 3; }
    TrainingStartScreen .training-row Label { padding-top: 1; }
    TrainingStartScreen #trainee { width: 40; }
    TrainingStartScreen #training-body { height: 1fr; }
    TrainingStartScreen #scenarios { width: 1fr; height: 1fr; }
    TrainingStartScreen #training-side { width: 1fr; padding: 0 1; }
    """

    def __init__(self, store: ProgressStore | None = None) -> None:
        super().__init__()
        self.store = store or ProgressStore()
        self.scenarios: list[Scenario] = []
        self.load_error = ""
        try:
            self.scenarios = load_scenarios()
        except ScenarioError as exc:
            self.load_error = exc.problems[0]

    def _trainee_default(self) -> str:
        user = self.intake_app.user
        if user is not None:
            return user.username
        try:
            return getpass.getuser()
        except (OSError, KeyError, ImportError):  # no account name to offer: the trainee types one
            return ""

    def compose(self) -> ComposeResult:
        lang = self.core_lang
        yield banner(lang)
        with Vertical(id="training-top"):
            with Horizontal(classes="training-row"):
                yield Label(tr("trainee", lang) + ": ")
                yield Input(self._trainee_default(), id="trainee")
                yield Label("  " + tr("exam_mode", lang) + " ")
                yield Switch(False, id="exam")
            yield Static(Content(self.load_error or tr("pick", lang)), id="training-hint")
        with Horizontal(id="training-body"):
            yield OptionList(*self._options(), id="scenarios")
            with VerticalScroll(id="training-side"):
                yield Static(Content(tr("progress", lang)), classes="training-heading")
                yield Static("", id="progress")
                yield Static("", id="background")
        yield KeyFooter()

    def _options(self) -> list[Option]:
        lang = self.core_lang
        return [
            Option(Content(f"[{tr(s.difficulty, lang)}] {s.title.get(lang)}"), id=s.id)
            for s in self.scenarios
        ]

    def on_mount(self) -> None:
        super().on_mount()
        self._show_progress()
        self.query_one("#scenarios", OptionList).focus()

    def on_screen_resume(self) -> None:
        self._show_progress()

    @property
    def trainee(self) -> str:
        return self.query_one("#trainee", Input).value.strip() or "?"

    @property
    def exam(self) -> bool:
        return self.query_one("#exam", Switch).value

    def _show_progress(self) -> None:
        lang = self.core_lang
        lines = []
        for s in self.store.summaries():
            best = "–" if s.best_exam is None else str(s.best_exam)
            lines.append(tr("summary_line", lang, trainee=s.trainee, attempts=s.attempts,
                            scenarios=s.scenarios, last=s.last_score, best=best))
        mine = self.store.attempts(self.trainee)
        if mine:
            lines.append("")
            titles = {s.id: s.title.get(lang) for s in self.scenarios}
            for a in mine[-10:]:
                lines.append(tr("attempt_line", lang, at=a.at.strftime("%Y-%m-%d %H:%M"),
                                scenario=titles.get(a.scenario_id, a.scenario_id),
                                mode=tr(a.mode, lang), score=a.score, mistakes=a.mistakes))
        text = "\n".join(lines) if lines else tr("no_progress", lang)
        self.query_one("#progress", Static).update(Content(text))

    @on(Input.Changed, "#trainee")
    def _trainee_changed(self) -> None:
        self._show_progress()

    @on(OptionList.OptionHighlighted, "#scenarios")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        scenario = self._scenario(event.option.id)
        text = ""
        if scenario is not None and not self.exam:
            text = f"{tr('background', self.lang)}\n{scenario.background.get(self.core_lang)}"
        self.query_one("#background", Static).update(Content(text))

    def _scenario(self, scenario_id: str | None) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    @on(OptionList.OptionSelected, "#scenarios")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        from intake.ui.training.visit import TrainingVisitScreen

        scenario = self._scenario(event.option.id)
        if scenario is not None:
            self.app.push_screen(
                TrainingVisitScreen(scenario, trainee=self.trainee, exam=self.exam,
                                    store=self.store)
            )

    def action_leave(self) -> None:
        self.dismiss(None)
