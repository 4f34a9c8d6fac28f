"""What the engine shows to its callers (the Textual screen, plain mode, training, tests).

Every answer enters the engine as text: what the receptionist typed, or the canonical text a
widget produces (an option key, comma-separated keys for a multi-select). So plain mode, the
chat screen, scripted scenarios and tests all drive the same path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

# Defined once in intake.core.lang; re-exported because the engine's callers import it here.
from intake.core.lang import Lang as Lang

JsonValue = Any  # JSON-compatible: str, int, bool, None, list, dict


class QuestionKind(StrEnum):
    INFO = "info"  # a statement; any answer (Enter) continues
    TEXT = "text"  # one line of free text
    LONGTEXT = "longtext"  # free text that may span lines (the person's own account)
    TRI = "tri"  # yes / no / don't know
    CHOICE = "choice"  # one of `options`; by number, key or unambiguous prefix
    MULTI = "multi"  # any of `options`, as comma-separated keys or numbers; empty = none
    MUNICIPALITY = "municipality"
    DATE = "date"
    NUMBER = "number"
    PERSONAL_ID = "personal_id"
    SUMMARY = "summary"  # the end of the conversation: facts for a last check


@dataclass(frozen=True, slots=True)
class Option:
    key: str
    label: str


@dataclass(frozen=True, slots=True)
class QuestionView:
    """The current question, in the chosen language, ready to render."""

    id: str  # unique within the dialogue; for repeat groups, includes the index ("child_age#2")
    section_id: str
    section_title: str
    kind: QuestionKind
    text: str
    hint: str = ""
    options: tuple[Option, ...] = ()
    skippable: bool = True
    # For repeat groups ("child 2 of ..."): which item this question is about, 1-based.
    repeat_index: int | None = None


@dataclass(frozen=True, slots=True)
class AnswerResult:
    """The outcome of `answer(text)`: understood, or a message saying what is expected."""

    ok: bool
    value: JsonValue = None
    # How the answer was understood, for the transcript: "solleftea → Sollefteå (2283), …"
    display: str = ""
    message: str = ""  # the validation message, in the user's language, when not ok
    suggestions: tuple[str, ...] = ()  # e.g. municipality names to offer ("Menade du …?")


@dataclass(frozen=True, slots=True)
class Progress:
    section_index: int  # 1-based
    section_count: int
    section_title: str
    answered: int


@dataclass(frozen=True, slots=True)
class TranscriptLine:
    """One question and its answer on the current path, as shown in the chat."""

    question_id: str
    question: str
    answer: str  # the display form ("ja", "Sollefteå (2283)") or "" when skipped
    raw: str  # exactly what was typed (cleaned)
    skipped: bool = False


@dataclass(frozen=True, slots=True)
class Fact:
    """One collected fact for the side panel: label and value in the chosen language."""

    section_title: str
    label: str
    value: str


EventKind = Literal["answered", "corrected", "skipped"]


@dataclass(frozen=True, slots=True)
class AnswerEvent:
    """One entry of a visit's answer log. The log, replayed, is the visit's state."""

    kind: EventKind
    question_id: str
    raw: str
    value: JsonValue = None
    reason: str = ""  # for corrections: why the answer was changed (optional)
    at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def to_json(self) -> dict[str, JsonValue]:
        return {
            "kind": self.kind,
            "question_id": self.question_id,
            "raw": self.raw,
            "value": self.value,
            "reason": self.reason,
            "at": self.at.isoformat(),
        }

    @classmethod
    def from_json(cls, data: dict[str, JsonValue]) -> AnswerEvent:
        return cls(
            kind=data["kind"],
            question_id=str(data["question_id"]),
            raw=str(data.get("raw", "")),
            value=data.get("value"),
            reason=str(data.get("reason", "")),
            at=dt.datetime.fromisoformat(str(data["at"])),
        )


@dataclass(frozen=True, slots=True)
class DialogueStamp:
    """Which conversation produced a run: stored with every draft and case."""

    dialogue_id: str
    version: str
    sha256: str
