"""The debrief: score, each mistake with what was expected, the rule and the teaching point,
then what was right. In exam mode the result can be written out for printing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from intake.core.training.debrief import Debrief, Point, point_title
from intake.ui.training.common import TrainingScreen, banner
from intake.ui.training.texts import tr
from intake.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from intake.ui.training.visit import TrainingVisitScreen


class DebriefScreen(TrainingScreen):
    DEFAULT_CSS = TrainingScreen.DEFAULT_CSS + """
    DebriefScreen #debrief-body { padding: 0 1; }
    DebriefScreen .point { margin-bottom: 1; }
    DebriefScreen .point.-wrong { color: $error; }
    """

    def __init__(self, visit: TrainingVisitScreen, result: Debrief) -> None:
        super().__init__()
        self.visit = visit
        self.result = result

    def _point(self, point: Point) -> Static:
        lang = self.core_lang
        lines = [point_title(point, lang)]
        if not point.ok:
            lines.append(tr("expected_given", lang, expected=point.expected, given=point.given))
            lines.append(tr("rule", lang, rule=point.rule))
            lines.extend(point.teaching)
        return Static(Content("\n".join(lines)), classes="point" + ("" if point.ok else " -wrong"))

    def compose(self) -> ComposeResult:
        lang = self.core_lang
        scenario = self.visit.scenario
        yield banner(lang, self.visit.exam)
        with VerticalScroll(id="debrief-body"):
            yield Static(Content(tr("debrief_title", lang, title=scenario.title.get(lang))),
                         classes="training-heading")
            yield Static(Content(tr("score", lang, score=self.result.score)), id="score")
            if self.result.mistakes:
                yield Static(Content(tr("mistakes", lang)), classes="training-heading")
                for point in self.result.mistakes:
                    yield self._point(point)
            yield Static(Content(tr("right", lang)), classes="training-heading")
            for point in self.result.points:
                if point.ok:
                    yield self._point(point)
            with Horizontal():
                if self.visit.exam:
                    yield Button(tr("print", lang), id="print")
                yield Button(tr("to_scenarios", lang), id="to-scenarios", variant="primary")
        yield KeyFooter()

    @on(Button.Pressed, "#print")
    def _print(self) -> None:
        from intake.training.report import write_exam

        lang = self.core_lang
        folder = self.visit.store.path.parent / "training-results"
        try:
            path = write_exam(folder, self.visit.scenario, self.result, self.visit.trainee,
                              lang)
        except OSError as exc:
            self.notify(tr("print_failed", lang, error=exc.strerror or "error"),
                        severity="error", markup=False)
            return
        self.notify(tr("printed", lang, path=str(path)), markup=False, timeout=20)

    @on(Button.Pressed, "#to-scenarios")
    def action_to_scenarios(self) -> None:
        from intake.ui.training.start import TrainingStartScreen

        while len(self.app.screen_stack) > 1 and not isinstance(
            self.app.screen, TrainingStartScreen
        ):
            self.app.pop_screen()
