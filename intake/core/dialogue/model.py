"""A dialogue file after loading: questions in order, with their sections and repeat groups.

These are the machine's states. A `for_each_selected` question is already expanded into one
question per option (`intervention_status.home_care`); a repeat group's questions are one state
each, and the item number lives in the visit (`child_age#2`).
"""

from __future__ import annotations

from dataclasses import dataclass

from intake.core.bilingual import Text
from intake.core.conditions import Condition
from intake.core.dialogue.api import QuestionKind
from intake.core.dialogue.schema import QuestionSpec

SUMMARY = "summary"


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: Text
    index: int  # 0-based position in the file
    when: Condition | None
    question_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Group:
    """A repeat group: `first` starts an item, `last` asks whether another item follows."""

    id: str
    section_id: str
    when: Condition | None
    max: int
    question_ids: tuple[str, ...]

    @property
    def first(self) -> str:
        return self.question_ids[0]

    @property
    def last(self) -> str:
        return self.question_ids[-1]


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    spec: QuestionSpec
    section_id: str
    order: int  # position in the flattened file order
    when: Condition | None
    group_id: str | None = None
    option_key: str | None = None  # for_each_selected: the option this copy is about
    option_label: Text | None = None

    @property
    def kind(self) -> QuestionKind:
        return self.spec.kind

    @property
    def maps_to(self) -> str | None:
        return self.spec.maps_to

    @property
    def line(self) -> int:
        return self.spec.line
