"""The trainee's decision: the level and the next steps, before the debrief.

In practice mode the rules' own suggestion for the trainee's record is preselected, as the
real assessment screen would show it; in exam mode nothing is preselected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Button, RadioButton, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from intake.core.classifier import assess
from intake.core.dialogue.api import Lang
from intake.core.rules import load_rules
from intake.core.training.debrief import Decision, debrief
from intake.ui.training.common import TrainingScreen, banner
from intake.ui.training.texts import tr
from intake.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from intake.ui.training.visit import TrainingVisitScreen

LEVELS = ("strong", "possible", "none", "not_applicable")


def step_rules(lang: str) -> dict[str, str]:
    """Each step's legal basis, cited: the statutes a debrief point rests on (the policy
    sections come from the scenario's own teaching points)."""
    rules = load_rules()
    lang_: Lang = "en" if lang == "en" else "sv"
    out = {}
    for step, _ in rules.steps:
        cited = [rules.legal[r].cite(lang_) for r in step.basis.references if r in rules.legal]
        if cited:
            out[step.code] = "; ".join(cited)
    return out


class DecisionScreen(TrainingScreen):
    DEFAULT_CSS = TrainingScreen.DEFAULT_CSS + """
    DecisionScreen #decide-body { padding: 0 1; }
    DecisionScreen #steps { height: auto; max-height: 24; }
    DecisionScreen RadioSet { width: 100%; }
    """

    def __init__(self, visit: TrainingVisitScreen) -> None:
        super().__init__()
        self.visit = visit

    def compose(self) -> ComposeResult:
        lang = self.core_lang
        lang_ = lang
        record = self.visit.engine.record()
        suggestion = None if self.visit.exam else assess(record, lang=lang_)
        suggested_steps = {s.code for s in suggestion.next_steps} if suggestion else set()
        yield banner(lang, self.visit.exam)
        with VerticalScroll(id="decide-body"):
            yield Static(Content(tr("decide_title", lang)), classes="training-heading")
            if suggestion is not None:
                yield Static(Content(tr("suggested", lang)), id="suggested")
            yield Static(Content(tr("level", lang)))
            with RadioSet(id="level"):
                for level in LEVELS:
                    yield RadioButton(
                        Content(tr(f"level_{level}", lang)), name=level,
                        value=suggestion is not None and suggestion.level == level,
                    )
            yield Static(Content(tr("steps", lang)))
            rules = load_rules()
            yield SelectionList[str](
                *(Selection(Content(f"{step.title.get(lang_)}  ({step.code})"), step.code,
                            step.code in suggested_steps)
                  for step, _ in rules.steps),
                id="steps",
            )
            yield Button(tr("submit", lang), id="submit", variant="primary")
        yield KeyFooter()

    def decision(self) -> Decision:
        pressed = self.query_one("#level", RadioSet).pressed_button
        level = pressed.name if pressed is not None and pressed.name else ""
        steps = tuple(self.query_one("#steps", SelectionList).selected)
        return Decision(level, tuple(str(s) for s in steps))

    @on(Button.Pressed, "#submit")
    def _submit(self) -> None:
        from intake.ui.training.debrief_screen import DebriefScreen

        lang = self.core_lang
        visit = self.visit
        result = debrief(visit.scenario, visit.engine.record().to_json_dict(), self.decision(),
                         lang=lang, step_rules=step_rules(lang))
        visit.store.record(visit.trainee, "exam" if visit.exam else "practice", result)
        self.app.push_screen(DebriefScreen(visit, result))

    def action_back(self) -> None:
        self.dismiss(None)
