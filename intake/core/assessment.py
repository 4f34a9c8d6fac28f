"""The assessment (`intake-assessment/1`): what the classifier and planner conclude from one
record, exactly in the spec's JSON shape, so the CLI, the dialogue and the case store agree."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ASSESSMENT_SCHEMA: Literal["intake-assessment/1"] = "intake-assessment/1"


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


class NextStep(_Frozen):
    code: str
    title: str
    due: dt.date | None
    basis: str


class MunicipalityRef(_Frozen):
    code: Annotated[str, Field(pattern=r"^\d{4}$")]
    name: str
    county: str


class Normalized(_Frozen):
    """What the record's municipality names resolved to (the record itself carries codes)."""

    origin_municipality: MunicipalityRef | None
    receiving_municipality: MunicipalityRef


class Assessment(_Frozen):
    schema_: Literal["intake-assessment/1"] = Field(default=ASSESSMENT_SCHEMA, alias="schema")
    level: Literal["strong", "possible", "none", "not_applicable"]
    score: Annotated[int, Field(ge=0)]
    urgency: Literal["immediate", "soon", "routine"]
    indicators: tuple[Indicator, ...]
    counter_indicators: tuple[CounterIndicator, ...]
    next_steps: tuple[NextStep, ...]
    normalized: Normalized

    def to_json_dict(self) -> dict[str, Any]:
        """The assessment as the spec's JSON object (ISO dates, `schema` key)."""
        return self.model_dump(mode="json", by_alias=True)
