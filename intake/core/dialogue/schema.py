"""The shape of a dialogue file (`dialogs/*.yaml` with `id:`, `version:`, `sections:`).

It lives in the core beside the loader that uses it; the `dialogs` package holds only the data
files and the path to them.

This checks each piece on its own (types, ids, translations, condition syntax); the loader
(`intake.core.dialogue.loader`) checks how the pieces fit together (targets, reachability,
conditions on earlier answers, `maps_to` against the record) and reports `file:line`.

A file looks like this:

    id: intake
    version: "1"
    title: {sv: Mottagning, en: Reception}
    sections:
      - id: person
        title: {sv: Personen, en: The person}
        when: {...}                # optional: the whole section is asked only if this holds
        questions:
          - id: name
            kind: text             # info, text, longtext, tri, choice, multi, municipality,
                                   # date, number, personal_id
            text: {sv: "Vad heter du?", en: "What is your name?"}
            label: {sv: Namn, en: Name}      # optional: the fact's label in the side panel
            hint: {sv: ..., en: ...}         # optional
            maps_to: person.name             # a field of intake-record/1
            skippable: true                  # default true
            when: {answered: other_question} # optional: asked only if this holds
            next: [{goto: some_later_question, when: {...}}]   # optional jumps
        repeat:                    # optional, last in a section: a group asked once per item
          id: child
          when: {equals: [has_children, "yes"]}
          max: 12
          questions: [...]         # the last one is the tri "add another?" question
    summary:
      title: {sv: Sammanfattning, en: Summary}
      text: {sv: ..., en: ...}

A question with `for_each_selected: MULTI_ID` is asked once for each option chosen in that
multi-select; its id becomes `ID.OPTION_KEY` and `{option}` in its text is the option's label.
`for_options: [KEY, ...]` limits it to those options (a placement question makes no sense for
economic assistance). In its `when`, another `for_each_selected` question over the same
multi-select named by its own id means that question's answer for the same option:
`{equals: [intervention_status, ongoing]}` asks about each intervention that is ongoing.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from intake.core.bilingual import Text
from intake.core.conditions import ConditionError, parse_condition
from intake.core.dialogue.api import QuestionKind

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
SUMMARY_ID = "summary"
ANSWER_KINDS_WITH_OPTIONS = (QuestionKind.CHOICE, QuestionKind.MULTI)


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    # Filled by the loader from the YAML node's position; never written in a file.
    line: int = Field(default=0, alias="__line__")

    @model_validator(mode="before")
    @classmethod
    def _take_line(cls, data: Any) -> Any:
        line = getattr(data, "line", None)
        if isinstance(line, int) and isinstance(data, dict):
            return {**data, "__line__": line}
        return data


def _check_condition(value: Any) -> Any:
    if value is not None:
        try:
            parse_condition(value)
        except ConditionError as exc:
            raise ValueError(str(exc)) from None
    return value


class OptionSpec(_Spec):
    key: str = Field(pattern=ID_PATTERN)
    label: Text


class Branch(_Spec):
    """A jump: go to `goto` when `when` holds (always, without `when`)."""

    goto: str
    when: dict[str, Any] | None = None

    _when = field_validator("when", mode="before")(_check_condition)


class QuestionSpec(_Spec):
    id: str = Field(pattern=ID_PATTERN)
    kind: QuestionKind
    text: Text
    label: Text | None = None
    hint: Text | None = None
    options: tuple[OptionSpec, ...] = ()
    skippable: bool = True
    when: dict[str, Any] | None = None
    next: tuple[Branch, ...] = ()
    maps_to: str | None = None
    minimum: int = 0
    maximum: int = 100
    dates: Literal["past", "future", "any"] = "any"
    max_length: int | None = Field(default=None, ge=1)
    for_each_selected: str | None = None
    for_options: tuple[str, ...] = ()

    _when = field_validator("when", mode="before")(_check_condition)

    @model_validator(mode="after")
    def _kind_fits(self) -> QuestionSpec:
        if self.kind is QuestionKind.SUMMARY:
            raise ValueError("kind summary is reserved for the file's `summary:`")
        if self.kind in ANSWER_KINDS_WITH_OPTIONS and not self.options:
            raise ValueError(f"a {self.kind.value} question needs `options`")
        if self.kind not in ANSWER_KINDS_WITH_OPTIONS and self.options:
            raise ValueError(f"a {self.kind.value} question takes no `options`")
        keys = [o.key for o in self.options]
        if len(set(keys)) != len(keys):
            raise ValueError("option keys must be unique")
        if self.minimum > self.maximum:
            raise ValueError("minimum is greater than maximum")
        if self.kind is QuestionKind.INFO and (self.maps_to or not self.skippable):
            raise ValueError("an info question has no `maps_to` and is always passable")
        return self


class RepeatSpec(_Spec):
    """Questions asked once per item (a child); the last one asks whether there is another."""

    id: str = Field(pattern=ID_PATTERN)
    when: dict[str, Any] | None = None
    max: int = Field(default=12, ge=1, le=50)
    questions: tuple[QuestionSpec, ...] = Field(min_length=2)

    _when = field_validator("when", mode="before")(_check_condition)

    @model_validator(mode="after")
    def _shape(self) -> RepeatSpec:
        first, last = self.questions[0], self.questions[-1]
        if first.when is not None:
            raise ValueError("the first question of a repeat group has no `when` (use the group's)")
        if last.kind is not QuestionKind.TRI or last.when is not None:
            raise ValueError(
                "the last question of a repeat group is an unconditional tri question "
                "(\"add another?\")"
            )
        return self


class SectionSpec(_Spec):
    id: str = Field(pattern=ID_PATTERN)
    title: Text
    when: dict[str, Any] | None = None
    questions: tuple[QuestionSpec, ...] = ()
    repeat: RepeatSpec | None = None

    _when = field_validator("when", mode="before")(_check_condition)

    @model_validator(mode="after")
    def _not_empty(self) -> SectionSpec:
        if not self.questions and self.repeat is None:
            raise ValueError("a section needs questions")
        return self


class SummarySpec(_Spec):
    title: Text
    text: Text


class DialogueSpec(_Spec):
    id: str = Field(pattern=ID_PATTERN)
    version: str = Field(min_length=1)
    title: Text
    sections: tuple[SectionSpec, ...] = Field(min_length=1)
    summary: SummarySpec
