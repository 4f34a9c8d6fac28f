"""The assessment (`intake-assessment/2`): what the classifier and planner conclude from one
record, exactly in the spec's JSON shape, so the CLI, the dialogue and the case store agree.

Version 2 added `open_questions` (unknown answers that could raise the level), `not_before` on
a step (the earliest day it may be taken, never a deadline) and `rules` (which rule files
produced the assessment)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

ASSESSMENT_SCHEMA: Literal["intake-assessment/2"] = "intake-assessment/2"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Indicator(_Frozen):
    """A sign of social dumping that fired: why (in words) and on which rule it rests."""

    code: str
    weight: Annotated[int, Field(gt=0)]
    explanation: str
    source: str


class CounterIndicator(_Frozen):
    """A fact that speaks against dumping, shown beside the signs so the assessment is fair."""

    code: str
    explanation: str
    source: str


class OpenQuestion(_Frozen):
    """An answer left unknown that could raise the level: what the social worker must find out."""

    field: str
    question: str
    could_raise_to: Literal["strong", "possible"]


class NextStep(_Frozen):
    """`due` is a deadline (the last day); `not_before` the earliest day. At most one is set."""

    code: str
    title: str
    due: dt.date | None
    not_before: dt.date | None = None
    basis: str

    @model_validator(mode="after")
    def _one_date(self) -> NextStep:
        if self.due is not None and self.not_before is not None:
            raise ValueError("a step has a due date or a not-before date, not both")
        return self


class RulesStamp(_Frozen):
    """Which rule files produced an assessment: their version and the sha256 of their content."""

    version: str
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class MunicipalityRef(_Frozen):
    code: Annotated[str, Field(pattern=r"^\d{4}$")]
    name: str
    county: str


class Normalized(_Frozen):
    """What the record's municipality names resolved to (the record itself carries codes)."""

    origin_municipality: MunicipalityRef | None
    receiving_municipality: MunicipalityRef


class Assessment(_Frozen):
    schema_: Literal["intake-assessment/2"] = Field(default=ASSESSMENT_SCHEMA, alias="schema")
    level: Literal["strong", "possible", "none", "not_applicable"]
    score: Annotated[int, Field(ge=0)]
    urgency: Literal["immediate", "soon", "routine"]
    indicators: tuple[Indicator, ...]
    counter_indicators: tuple[CounterIndicator, ...]
    open_questions: tuple[OpenQuestion, ...]
    next_steps: tuple[NextStep, ...]
    rules: RulesStamp
    normalized: Normalized

    def to_json_dict(self) -> dict[str, Any]:
        """The assessment as the spec's JSON object (ISO dates, `schema` key)."""
        return self.model_dump(mode="json", by_alias=True)
