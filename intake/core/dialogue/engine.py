"""The conversation engine: a visit's answer log replayed through the dialogue's machine.

Shared by the chat screen, plain mode, training and tests; no Textual, no storage. The log of
AnswerEvents is the visit's truth. The visit is a model of the shared `transitions` machine: it
holds the state (the question it is at), the repeat group's item, and the answers the guards
read. Each answer fires `next`, then `pass_by` until a question that is asked (or the
summary); the questions stopped at are the path. Going back and changing an earlier answer
rewinds the visit to that question (the one place the state is set from outside) and walks on
from there, so it reroutes correctly: answers that fall off the path are kept but left out of
the record, and come back if the path returns to them.

Nothing is persisted inside machine callbacks (an exception in an `after` callback would leave
the machine in the new state with the log not updated). An answer is applied to a copy of the
visit's state first and committed only when the walk has succeeded; the caller stores the log.

Navigation: `back()` and `edit(id)` move a cursor to an earlier question on the path; answering
there is a `corrected` event, after which the conversation continues at the first unanswered
question of the (possibly changed) path.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from transitions import EventData

from intake.core.dialogue.answers import parse_answer
from intake.core.dialogue.api import (
    AnswerEvent,
    AnswerResult,
    DialogueStamp,
    EventKind,
    Fact,
    Lang,
    Progress,
    QuestionKind,
    QuestionView,
    TranscriptLine,
)
from intake.core.dialogue.loader import Dialogue
from intake.core.dialogue.model import SUMMARY, Question
from intake.core.dialogue.records import build_record
from intake.core.dialogue.views import display, label, question_view
from intake.core.lang import pick
from intake.core.record import IntakeRecord
from intake.core.textclean import clean_text

if TYPE_CHECKING:
    from intake.core.assessment import Assessment


class StampMismatch(Exception):
    """A draft made with another dialogue (version or content) than the one loaded."""

    def __init__(self, draft: DialogueStamp, loaded: DialogueStamp) -> None:
        super().__init__(
            f"the draft was made with dialogue {draft.dialogue_id} v{draft.version} "
            f"(sha256 {draft.sha256[:12]}), but {loaded.dialogue_id} v{loaded.version} "
            f"(sha256 {loaded.sha256[:12]}) is loaded: resume it with its own version or "
            "migrate it explicitly"
        )
        self.draft = draft
        self.loaded = loaded


class ReplayError(ValueError):
    """An event that does not fit the dialogue: an unknown question, or one not on the path."""


@dataclass(frozen=True, slots=True)
class _Answer:
    raw: str
    value: Any  # None when skipped
    skipped: bool


@dataclass(frozen=True, slots=True)
class _Step:
    key: str  # the question's id on the path: "child_age#2" inside a repeat group
    state: str
    index: int | None  # item number inside a repeat group
    items: Mapping[str, int]  # group id -> items begun so far on the path


class Visit:
    """The per-visit model added to the shared machine: its state (the question it is at),
    the item number inside a repeat group, and the answers the guards read."""

    state: str
    if TYPE_CHECKING:  # bound by `add_model`: the machine's triggers
        def next(self) -> bool: ...
        def pass_by(self) -> bool: ...

    def __init__(self, dialogue: Dialogue, answers: dict[str, _Answer], receiving: str) -> None:
        self._questions = dialogue.questions
        self._machine = dialogue.machine
        self._last = {g.id: g.last for g in dialogue.groups.values()}
        self._answers = answers
        self.context: Mapping[str, object] = {"receiving": receiving}
        self.repeat_index = 0
        self.items: dict[str, int] = {}
        # Keys of the questions on the path walked so far. Conditions see only these answers:
        # an answer set aside when the path changed must not steer the new path.
        self.on_path: set[str] = set()

    def _value(self, key: str) -> Any:
        if key not in self.on_path:
            return None
        found = self._answers.get(key)
        return None if found is None else found.value

    def answer(self, question_id: str) -> Any:
        """The value a condition sees: inside the same repeat group, this item's answer;
        from outside, the list of all items' answers."""
        question = self._questions.get(question_id)
        if question is None or question.group_id is None:
            return self._value(question_id)
        here = self._questions.get(self.state)
        if here is not None and here.group_id == question.group_id:
            return self._value(f"{question_id}#{self.repeat_index}")
        count = self.items.get(question.group_id, 0)
        values = (self._value(f"{question_id}#{i}") for i in range(1, count + 1))
        return [v for v in values if v is not None]

    def begin_item(self, event: EventData) -> None:
        """On entering a repeat group's first question: the next item after the loop ("add
        another?" = yes), the first one when coming from outside the group."""
        group_id = self._questions[self.state].group_id or ""  # set: a group's first question
        looped = event.transition is not None and event.transition.source == self._last[group_id]
        self.repeat_index = self.repeat_index + 1 if looped else 1
        self.items = {**self.items, group_id: self.repeat_index}

    def rewind(self, state: str, index: int | None, items: Mapping[str, int]) -> None:
        """Back to an earlier question to change its answer: the only time the state is set
        from outside the machine's transitions."""
        self._machine.set_state(state, model=self)
        self.repeat_index = index or 0
        self.items = dict(items)


class Engine:
    def __init__(
        self,
        dialogue: Dialogue,
        *,
        lang: Lang = "sv",
        receiving: str = "2283",
        today: dt.date | None = None,
        events: Sequence[AnswerEvent] = (),
        stamp: DialogueStamp | None = None,
    ) -> None:
        if stamp is not None and stamp != dialogue.stamp:
            raise StampMismatch(stamp, dialogue.stamp)
        self.dialogue = dialogue
        self.lang: Lang = lang
        self.receiving = receiving
        self.today = today or dt.date.today()
        self._answers: dict[str, _Answer] = {}
        self._events: list[AnswerEvent] = []
        self._cursor: int | None = None
        self._visit = Visit(dialogue, self._answers, receiving)
        machine = dialogue.machine
        machine.add_model(self._visit, initial=dialogue.initial)
        # The machine is shared and holds its models; let go of this one with the engine.
        weakref.finalize(self, machine.remove_model, self._visit)
        self._path: list[_Step] = [_Step(dialogue.initial, dialogue.initial, None, {})]
        self._visit.on_path = {dialogue.initial}
        for event in events:
            self._apply(event)

    # -- state ---------------------------------------------------------------------------------

    @property
    def events(self) -> tuple[AnswerEvent, ...]:
        return tuple(self._events)

    @property
    def stamp(self) -> DialogueStamp:
        return self.dialogue.stamp

    @property
    def is_complete(self) -> bool:
        return self._path[-1].state == SUMMARY

    @property
    def visit_state(self) -> str:
        """The state of the visit in the machine: the last question of the path (where the walk
        stopped), or the summary; going back moves a cursor, not the visit."""
        return self._visit.state

    @property
    def path(self) -> tuple[str, ...]:
        """The ids of the questions on the current path, the unanswered last one included."""
        return tuple(step.key for step in self._path)

    def _current_step(self) -> _Step:
        return self._path[self._cursor if self._cursor is not None else -1]

    def _question(self, step: _Step) -> Question:
        return self.dialogue.questions[step.state]

    # -- walking -------------------------------------------------------------------------------

    def _rewind(self, step: _Step) -> None:
        self._visit.rewind(step.state, step.index, step.items)
        self._visit.on_path = {s.key for s in self._path}

    def _walk(self) -> None:
        """Extend the path from its last step through answered questions to the first
        unanswered one (or the summary). The visit is at the path's last step."""
        visit = self._visit
        questions = self.dialogue.questions
        step = self._path[-1]
        while step.state != SUMMARY and step.key in self._answers:
            self._advance()
            state = visit.state
            question = questions.get(state)
            index = visit.repeat_index if question is not None and question.group_id else None
            key = f"{state}#{index}" if index is not None else state
            step = _Step(key, state, index, dict(visit.items))
            self._path.append(step)
            visit.on_path.add(key)

    def _advance(self) -> None:
        """From an answered question to the next one asked: `next`, then `pass_by` past every
        question whose condition does not hold (`pass_by` returns False at one that is asked)."""
        visit = self._visit
        visit.next()
        passable = self.dialogue.passable
        while visit.state in passable and visit.pass_by():
            pass

    def _position(self, key: str) -> int:
        for i, step in enumerate(self._path):
            if step.key == key:
                return i
        raise ReplayError(f"question {key!r} is not on the current path")

    def _apply(self, event: AnswerEvent) -> None:
        """Apply one event; on any failure the visit is left exactly as it was."""
        position = self._position(event.question_id)
        saved_path, saved_cursor = list(self._path), self._cursor
        saved_answer = self._answers.get(event.question_id)
        try:
            self._answers[event.question_id] = _Answer(
                event.raw, None if event.kind == "skipped" else event.value, event.kind == "skipped"
            )
            if position + 1 < len(self._path):  # a correction: walk on from that question
                del self._path[position + 1 :]
                self._rewind(self._path[-1])
            self._cursor = None
            self._walk()
        except BaseException:
            self._path, self._cursor = saved_path, saved_cursor
            if saved_answer is None:
                self._answers.pop(event.question_id, None)
            else:
                self._answers[event.question_id] = saved_answer
            self._rewind(self._path[-1])
            raise
        self._events.append(event)

    # -- the conversation ----------------------------------------------------------------------

    def current(self) -> QuestionView:
        step = self._current_step()
        return question_view(self.dialogue, step.state, step.index, step.key, self.lang)

    def _record_event(self, kind: EventKind, raw: str, value: Any, reason: str) -> None:
        step = self._current_step()
        if kind != "skipped" and step.key in self._answers:
            kind = "corrected"
        self._apply(AnswerEvent(kind, step.key, raw, value, reason))

    def answer(self, text: str, *, reason: str = "") -> AnswerResult:
        """Answer the current question. Not understood: nothing changes, and the result says
        what is expected. `reason` is kept with a correction."""
        step = self._current_step()
        if step.state == SUMMARY:
            return AnswerResult(
                ok=False,
                message=pick(
                    self.lang,
                    "Samtalet är klart. Gå tillbaka för att ändra ett svar.",
                    "The conversation is complete. Go back to change an answer.",
                ),
            )
        question = self._question(step)
        result = parse_answer(question, text, self.lang, self.today)
        if not result.ok:
            return result
        raw = clean_text(text, multiline=question.kind is QuestionKind.LONGTEXT)
        self._record_event("answered", raw, result.value, reason)
        return result

    def skip(self) -> AnswerResult:
        step = self._current_step()
        if step.state == SUMMARY or not self._question(step).spec.skippable:
            return AnswerResult(
                ok=False,
                message=pick(
                    self.lang, "Den här frågan behöver ett svar.", "This question needs an answer."
                ),
            )
        self._record_event("skipped", "", None, "")
        return AnswerResult(ok=True, display="")

    def back(self) -> bool:
        position = self._cursor if self._cursor is not None else len(self._path) - 1
        if position == 0:
            return False
        self._cursor = position - 1
        return True

    def edit(self, question_id: str) -> QuestionView:
        """Go to a question on the current path to change it; a saved position is validated the
        same way (an id not on the path raises ReplayError instead of being taken silently)."""
        position = self._position(question_id)
        self._cursor = None if position == len(self._path) - 1 else position
        return self.current()

    def progress(self) -> Progress:
        step = self._current_step()
        count = len(self.dialogue.sections) + 1
        if step.state == SUMMARY:
            index, title = count, self.dialogue.summary.title.get(self.lang)
        else:
            section = self.dialogue.section_by_id[self._question(step).section_id]
            index, title = section.index + 1, section.title.get(self.lang)
        return Progress(index, count, title, len(self._path) - 1)

    def _answered_steps(self) -> list[tuple[_Step, Question, _Answer]]:
        out = []
        for step in self._path[:-1]:
            out.append((step, self._question(step), self._answers[step.key]))
        return out

    def transcript(self) -> list[TranscriptLine]:
        lines = []
        for step, question, given in self._answered_steps():
            view = question_view(self.dialogue, step.state, step.index, step.key, self.lang)
            lines.append(
                TranscriptLine(
                    question_id=step.key,
                    question=view.text,
                    answer=display(question, given.value, self.lang),
                    raw=given.raw,
                    skipped=given.skipped,
                )
            )
        return lines

    def facts(self) -> list[Fact]:
        facts = []
        groups = self.dialogue.groups
        for step, question, given in self._answered_steps():
            if question.kind is QuestionKind.INFO or given.skipped:
                continue
            if question.group_id is not None and groups[question.group_id].last == question.id:
                continue  # "more children?" is navigation, not a fact
            section = self.dialogue.section_by_id[question.section_id]
            facts.append(
                Fact(
                    section.title.get(self.lang),
                    label(question, step.index, self.lang),
                    display(question, given.value, self.lang),
                )
            )
        return facts

    def record(self) -> IntakeRecord:
        """The visit's intake-record/1 from the answers on the current path."""
        answered = [
            (question, step.index, given.value)
            for step, question, given in self._answered_steps()
            if not given.skipped
        ]
        return build_record(answered, receiving=self.receiving, today=self.today)

    def assessment(self, lang: Lang | None = None) -> Assessment:
        """The classifier's assessment of `record()`, imported late: the classifier loads its
        rule files, which plain navigation does not need."""
        from intake.core.classifier import assess

        return assess(self.record(), lang=lang or self.lang)
