"""One visit in progress: the dialogue engine, its draft in storage, and the case it becomes.

Both front ends (the Textual screens and plain mode) drive a visit through this class, so
they clean input the same way, save the same drafts and create the same cases. It imports
neither Textual nor SQLAlchemy.

A visit may begin before the database is open (the receptionist can greet the visitor while
SQLAlchemy loads): the session reaches storage through a `Desk`, whose repository and user
arrive when they are ready; a save waits for them on the desk's one saving thread, never on
the screen's, so nothing typed is lost and nothing is shown as saved before it is.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from intake.core.desk import Desk as Desk
from intake.core.desk import DeskClosed as DeskClosed
from intake.core.dialogue.api import (
    AnswerEvent,
    AnswerResult,
    QuestionKind,
    QuestionView,
    TranscriptLine,
)
from intake.core.textclean import clean_text, fold
from storage.api import CaseInfo, CaseKind, DraftInfo, NewCase

if TYPE_CHECKING:
    from intake.core.dialogue.engine import Engine

LEVELS: tuple[str, ...] = ("strong", "possible", "none", "not_applicable")
# Answers a widget produced (an option key) are shown only as the engine understood them.
WIDGET_KINDS = frozenset(
    {QuestionKind.TRI, QuestionKind.CHOICE, QuestionKind.MULTI, QuestionKind.INFO}
)


def understood_as(raw: str, display: str) -> str:
    """What was typed and how it was read: "solleftea → Sollefteå (2283), Västernorrlands län"."""
    if not raw or not display or fold(raw) == fold(display):
        return display or raw
    return f"{raw} → {display}"


class OutdatedDraft(Exception):
    """The draft was recorded with another version of the dialogue and cannot be replayed."""


class OverrideWithoutReason(ValueError):
    """A level override must carry a written reason."""


def clean_answer(text: str, kind: QuestionKind) -> str:
    """Input is cleaned at the boundary: nothing stored can replay terminal sequences."""
    return clean_text(text, multiline=kind is QuestionKind.LONGTEXT)


class IntakeSession:
    def __init__(self, desk: Desk, engine: Engine, *, draft_id: int | None = None) -> None:
        self.desk = desk
        self.engine = engine
        self.draft_id = draft_id
        self._saved_events: tuple[AnswerEvent, ...] = tuple(engine.events)

    # -- creation ------------------------------------------------------------------------------
    @classmethod
    def start(
        cls,
        desk: Desk,
        *,
        lang: str,
        receiving: str,
        today: dt.date | None = None,
    ) -> IntakeSession:
        from intake.core.dialogue.engine import Engine
        from intake.core.dialogue.loader import default_dialogue

        engine = Engine(
            default_dialogue(),
            lang="en" if lang == "en" else "sv",
            receiving=receiving,
            today=today,
        )
        return cls(desk, engine)

    @classmethod
    def resume(
        cls,
        desk: Desk,
        draft: DraftInfo,
        *,
        receiving: str,
        today: dt.date | None = None,
        lang: str | None = None,
    ) -> IntakeSession:
        from intake.core.dialogue.engine import Engine, StampMismatch
        from intake.core.dialogue.loader import default_dialogue

        dialogue = default_dialogue()
        events = [AnswerEvent.from_json(e) for e in draft.events]
        try:
            engine = Engine(
                dialogue,
                lang="en" if (lang or draft.language) == "en" else "sv",
                receiving=receiving,
                today=today,
                events=events,
                stamp=draft.stamp,
            )
        except StampMismatch as exc:
            raise OutdatedDraft(str(draft.id)) from exc
        return cls(desk, engine, draft_id=draft.id)

    # -- the conversation ------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return str(self.engine.lang)

    @lang.setter
    def lang(self, value: str) -> None:
        self.engine.lang = "en" if value == "en" else "sv"

    def current(self) -> QuestionView:
        return self.engine.current()

    def kind_of(self, question_id: str) -> QuestionKind | None:
        """The kind of a question on the path ("child_age#2" is a copy of "child_age")."""
        questions = self.engine.dialogue.questions
        found = questions.get(question_id) or questions.get(question_id.split("#")[0])
        return found.kind if found is not None else None

    def is_editing(self) -> bool:
        """True while the cursor is on an earlier question (after back or edit)."""
        path = self.engine.path
        return bool(path) and self.engine.current().id != path[-1]

    def shown_answer(self, line: TranscriptLine, skipped_text: str) -> str:
        """An answer as the chat shows it: what was typed and how it was understood."""
        if line.skipped:
            return skipped_text
        if self.kind_of(line.question_id) in WIDGET_KINDS:
            return line.answer
        return understood_as(line.raw, line.answer)

    def answer(self, text: str) -> AnswerResult:
        return self.engine.answer(clean_answer(text, self.engine.current().kind))

    def skip(self) -> AnswerResult:
        return self.engine.skip()

    def back(self) -> bool:
        return self.engine.back()

    def edit(self, question_id: str) -> QuestionView:
        return self.engine.edit(question_id)

    # -- storage -------------------------------------------------------------------------------
    @property
    def unsaved(self) -> bool:
        return tuple(self.engine.events) != self._saved_events

    def unsaved_count(self) -> int:
        """How many answers are not in the stored draft (changed or new since the last save)."""
        events, saved = tuple(self.engine.events), self._saved_events
        same = 0
        for mine, stored in zip(events, saved, strict=False):
            if mine != stored:
                break
            same += 1
        return max(1, len(events) - same) if events != saved else 0

    def save(self) -> int | None:
        """Commit the answer log as the draft; returns the draft id (None before any answer).

        Blocks until the desk's repository is open: call it on the desk's thread
        (`save_later`) from a screen."""
        events = tuple(self.engine.events)
        if not events and self.draft_id is None:
            return None
        repo, user = self.desk.wait()
        self.draft_id = repo.save_draft(
            user,
            self.draft_id,
            self.engine.stamp,
            self.lang,
            [event.to_json() for event in events],
        )
        self._saved_events = events
        return self.draft_id

    def save_later(self) -> Future[int | None]:
        """`save` on the desk's saving thread: in order, and off the caller's thread (the
        screen does not change the answers until the returned future is done)."""
        return self.desk.run(self.save)

    # -- the end -------------------------------------------------------------------------------
    def assessment(self) -> dict[str, Any]:
        result: dict[str, Any] = self.engine.assessment(lang=self.engine.lang).to_json_dict()
        return result

    def create_case(self, level_override: str | None = None, reason: str = "") -> CaseInfo:
        """Create the case; the draft is removed in the same transaction, not before."""
        reason = clean_text(reason)
        if level_override is not None and level_override not in LEVELS:
            raise ValueError("level_override")
        assessment = self.assessment()
        if level_override == assessment.get("level"):
            level_override = None
        if level_override is not None and not reason:
            raise OverrideWithoutReason("override_reason")
        if self.unsaved:
            self.save()
        repo, user = self.desk.wait()
        new = NewCase(
            kind=CaseKind.INTAKE,
            record=self.engine.record().to_json_dict(),
            assessment=assessment,
            transcript=[
                (ln.question_id, ln.question, ln.answer) for ln in self.engine.transcript()
            ],
            stamp=self.engine.stamp,
            language=self.lang,
            level_override=level_override,
            override_reason=reason if level_override is not None else "",
            draft_id=self.draft_id,
        )
        return repo.create_case(user, new)
