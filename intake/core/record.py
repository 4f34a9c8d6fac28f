"""The intake record (`intake-record/1`): the facts of one visit, exactly as the spec fixes them.

The keys added on 2026-11-29 (age, household, safety, origin district, ties, needs, an
intervention's `placed_here_by_origin`, status `unknown`) are all optional, so a record written
before them is still valid as it was.

Validation is strict: an unknown key, code, impossible date or negative age is an error that
names the field. Text is cleaned here, so nothing stored can replay terminal sequences.
Municipalities are accepted as a code or a name and always come out as the code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, Literal

from personnummer import personnummer as _pnr
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from intake.core.municipalities import Match, resolve
from intake.core.textclean import LONG_TEXT_MAX, SHORT_TEXT_MAX, clean_text

RECORD_SCHEMA: Literal["intake-record/1"] = "intake-record/1"

Tri = Literal["yes", "no", "unknown"]


class InterventionType(StrEnum):
    ECONOMIC_ASSISTANCE = "economic_assistance"
    HOME_CARE = "home_care"
    HOUSING_SUPPORT = "housing_support"
    SUPPORTED_HOUSING = "supported_housing"
    ADDICTION_CARE = "addiction_care"
    PLACEMENT = "placement"
    CONTACT_PERSON = "contact_person"
    FAMILY_SUPPORT = "family_support"
    SOCIAL_HOUSING_CONTRACT = "social_housing_contract"
    LSS = "lss"
    OTHER = "other"


# Whether an intervention is a care intervention (vårdinsats): IVO transfers cases of care,
# not of economic assistance alone. None: cannot be told from the code ("other").
CARE_INTERVENTION: dict[InterventionType, bool | None] = {
    InterventionType.ECONOMIC_ASSISTANCE: False,
    InterventionType.HOME_CARE: True,
    InterventionType.HOUSING_SUPPORT: True,
    InterventionType.SUPPORTED_HOUSING: True,
    InterventionType.ADDICTION_CARE: True,
    InterventionType.PLACEMENT: True,
    InterventionType.CONTACT_PERSON: True,
    InterventionType.FAMILY_SUPPORT: True,
    InterventionType.SOCIAL_HOUSING_CONTRACT: True,
    InterventionType.LSS: True,
    InterventionType.OTHER: None,
}


class InterventionStatus(StrEnum):
    ONGOING = "ongoing"
    ENDED = "ended"
    APPLIED = "applied"
    UNKNOWN = "unknown"


class MoveInitiator(StrEnum):
    SELF = "self"
    ORIGIN_MUNICIPALITY = "origin_municipality"
    LANDLORD = "landlord"
    RELATIVE = "relative"
    OTHER = "other"
    UNKNOWN = "unknown"


class HousingType(StrEnum):
    FIRST_HAND = "first_hand"
    SECOND_HAND = "second_hand"
    SUBLET = "sublet"
    TEMPORARY = "temporary"
    LODGING = "lodging"
    HOMELESS = "homeless"
    OTHER = "other"
    UNKNOWN = "unknown"


class HousingCondition(StrEnum):
    ADEQUATE = "adequate"
    INADEQUATE = "inadequate"
    HARMFUL = "harmful"
    UNKNOWN = "unknown"


# ---------------------------------------------------------------------------------------------
# Field types


def _municipality_code(value: object) -> object:
    """Accept a code or a name; return the 4-digit code, or raise with what was expected."""
    if value is None or not isinstance(value, str):
        return value
    text = clean_text(value)
    if not text:
        raise ValueError("expected a municipality: a 4-digit SCB code or a name, got an empty text")
    found = resolve(text)
    if found.municipality is not None:
        return found.municipality.code
    if found.kind is Match.AMBIGUOUS and found.suggestions:
        names = ", ".join(f"{m.name} ({m.code})" for m in found.suggestions)
        raise ValueError(f"expected one municipality; the name given could be: {names}")
    # The text is not repeated: a message must never echo what was typed (it may be a name).
    raise ValueError("expected a Swedish municipality (4-digit SCB code or name)")


MunicipalityCode = Annotated[str, BeforeValidator(_municipality_code)]


def _cleaned(limit: int, *, multiline: bool) -> Callable[[object], object]:
    """A validator for free text: control characters cleaned away (`clean_text`), at most
    `limit` characters; a value that is not text is left for pydantic to refuse."""

    def validate(value: object) -> object:
        if not isinstance(value, str):
            return value
        text = clean_text(value, multiline=multiline)
        if len(text) > limit:
            raise ValueError(f"expected at most {limit} characters, got {len(text)}")
        return text

    return validate


def _whole_number(value: object) -> object:
    """JSON's true and false are not numbers (pydantic's lax mode would read true as 1)."""
    if isinstance(value, bool):
        raise ValueError("expected a whole number, not true or false")
    return value


WHOLE_NUMBER = BeforeValidator(_whole_number)

# Dates a record may hold (issue 19 #7): a first visit under the Social Services Act in this
# century (the record is for new visits, and deadlines are counted on it), and an arrival not
# after the visit and not before 1900. Outside these, a date is a typing or conversion error.
VISIT_DATE_MIN = dt.date(2000, 1, 1)
VISIT_DATE_MAX = dt.date(2099, 12, 31)
ARRIVAL_DATE_MIN = dt.date(1900, 1, 1)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    """A date is `YYYY-MM-DD`: not a date and time, not a number (pydantic's lax mode would
    take "2026-01-01T00:00:00" and read a number as seconds since 1970)."""
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date YYYY-MM-DD, not a date and time")
    if isinstance(value, dt.date) or value is None:
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError("expected a date as YYYY-MM-DD (no time)")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError("expected a real date as YYYY-MM-DD") from None


def _visit_date_in_range(value: dt.date) -> dt.date:
    if not VISIT_DATE_MIN <= value <= VISIT_DATE_MAX:
        raise ValueError(
            f"expected a visit date from {VISIT_DATE_MIN.isoformat()} to "
            f"{VISIT_DATE_MAX.isoformat()}"
        )
    return value


def _arrival_date_in_range(value: dt.date | None) -> dt.date | None:
    if value is not None and value < ARRIVAL_DATE_MIN:
        raise ValueError(f"expected an arrival date from {ARRIVAL_DATE_MIN.isoformat()} on")
    return value


VisitDate = Annotated[dt.date, BeforeValidator(_iso_date), AfterValidator(_visit_date_in_range)]
ArrivalDate = Annotated[
    dt.date | None, BeforeValidator(_iso_date), AfterValidator(_arrival_date_in_range)
]

ShortText = Annotated[str, BeforeValidator(_cleaned(SHORT_TEXT_MAX, multiline=False))]
LongText = Annotated[str, BeforeValidator(_cleaned(LONG_TEXT_MAX, multiline=True))]


def normalize_personal_id(value: str) -> str:
    """Check a personnummer or samordningsnummer (date and check digit); return YYYYMMDD-NNNN."""
    text = clean_text(value).replace(" ", "")
    try:
        parsed = _pnr.Personnummer(text)
    except _pnr.PersonnummerException:
        raise ValueError(
            "expected a personnummer or samordningsnummer as YYYYMMDD-NNNN "
            "with a valid date and check digit"
        ) from None
    digits = str(parsed.format(True))
    return f"{digits[:8]}-{digits[8:]}"


def _personal_id(value: object) -> object:
    if isinstance(value, str):
        if not value.strip():
            return None
        return normalize_personal_id(value)
    return value


PersonalId = Annotated[str | None, BeforeValidator(_personal_id)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


# ---------------------------------------------------------------------------------------------
# The record


class Person(_Strict):
    name: ShortText = ""
    personal_id: PersonalId = None
    phone: ShortText = ""
    language: ShortText = ""
    interpreter_needed: Tri = "unknown"
    # Age in years, when there is no personal identity number to derive it from.
    age: Annotated[int, WHOLE_NUMBER, Field(ge=0, le=130)] | None = None


class Household(_Strict):
    adults: Annotated[int, WHOLE_NUMBER, Field(ge=1, le=30)] | None = None


class Safety(_Strict):
    """Whether the origin may be contacted at all: violence or threats, protected identity."""

    violence_or_threats: Tri = "unknown"
    protected_identity: Tri = "unknown"


class Intervention(_Strict):
    type: InterventionType
    status: InterventionStatus = InterventionStatus.UNKNOWN  # a missing status is unknown
    municipality: MunicipalityCode | None = None
    # The origin itself decided the intervention and placed the person here (family home, HVB,
    # special housing, LSS housing bought here): the placing municipality stays responsible.
    placed_here_by_origin: Tri = "unknown"

    @property
    def is_care(self) -> bool | None:
        return CARE_INTERVENTION[self.type]


class Move(_Strict):
    initiated_by: MoveInitiator = MoveInitiator.UNKNOWN
    tenancy_terminated_by_origin: Tri = "unknown"
    support_refused_by_origin: Tri = "unknown"
    referred_to_landlord_here: Tri = "unknown"
    move_paid_by_origin: Tri = "unknown"
    paid_after_ordinary_assessment: Tri = "unknown"
    receiving_informed_in_advance: Tri = "unknown"
    person_understood_move: Tri = "unknown"
    wants_to_return: Tri = "unknown"
    left_employment: Tri = "unknown"
    reason: LongText = ""


class Housing(_Strict):
    type: HousingType = HousingType.UNKNOWN
    landlord: ShortText = ""
    rooms: Annotated[int, WHOLE_NUMBER, Field(ge=0, le=100)] | None = None
    occupants: Annotated[int, WHOLE_NUMBER, Field(ge=0, le=100)] | None = None
    condition: HousingCondition = HousingCondition.UNKNOWN
    landlord_checked_ability_to_pay: Tri = "unknown"


class Child(_Strict):
    age: Annotated[int, WHOLE_NUMBER, Field(ge=0, le=17)]
    in_school_or_preschool: Tri = "unknown"


class Consent(_Strict):
    contact_origin: Tri = "unknown"
    home_visit: Tri = "unknown"


class Ties(_Strict):
    """The person's connection to the origin and to here: what a transfer request argues."""

    years_in_origin: Annotated[int, WHOLE_NUMBER, Field(ge=0, le=130)] | None = None
    network_in_origin: Tri = "unknown"
    work_or_studies_in_origin: Tri = "unknown"
    children_school_in_origin: Tri = "unknown"
    network_here: Tri = "unknown"


class Needs(_Strict):
    unmet_care_need: Tri = "unknown"


class IntakeRecord(_Strict):
    """One visit's facts. Build with `IntakeRecord.parse(data, receiving=..., today=...)`."""

    schema_: Literal["intake-record/1"] = Field(default=RECORD_SCHEMA, alias="schema")
    receiving_municipality: MunicipalityCode
    visit_date: VisitDate
    person: Person = Person()
    household: Household = Household()
    safety: Safety = Safety()
    origin_municipality: MunicipalityCode | None = None
    origin_district: ShortText = ""
    arrival_date: ArrivalDate = None
    registered_here: Tri = "unknown"
    interventions: tuple[Intervention, ...] = ()
    establishment_period_ended: Tri = "unknown"
    move: Move = Move()
    housing: Housing = Housing()
    children: tuple[Child, ...] = ()
    consent: Consent = Consent()
    ties: Ties = Ties()
    needs: Needs = Needs()
    notes: LongText = ""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _arrival_not_after_the_visit(self) -> IntakeRecord:
        if self.arrival_date is not None and self.arrival_date > self.visit_date:
            raise ValueError("arrival_date: expected a date not after the visit date")
        return self

    @model_validator(mode="after")
    def _interventions_default_to_origin(self) -> IntakeRecord:
        if self.origin_municipality and any(i.municipality is None for i in self.interventions):
            fixed = tuple(
                i
                if i.municipality
                else i.model_copy(update={"municipality": self.origin_municipality})
                for i in self.interventions
            )
            object.__setattr__(self, "interventions", fixed)
        return self

    @classmethod
    def parse(
        cls, data: dict[str, Any], *, receiving: str, today: dt.date | None = None
    ) -> IntakeRecord:
        """Validate `data`, filling the spec's defaults (configured municipality, today)."""
        filled = dict(data)
        if filled.get("receiving_municipality") is None:
            filled["receiving_municipality"] = receiving
        if filled.get("visit_date") is None:
            filled["visit_date"] = (today or dt.date.today()).isoformat()
        return cls.model_validate(filled)

    def to_json_dict(self) -> dict[str, Any]:
        """The record as the spec's JSON object (codes, ISO dates, `schema` key)."""
        return self.model_dump(mode="json", by_alias=True)

    # Derived facts the classifier and planner share.
    @property
    def moved_between_municipalities(self) -> bool:
        return (
            self.origin_municipality is not None
            and self.origin_municipality != self.receiving_municipality
        )

    @property
    def ongoing_interventions(self) -> tuple[Intervention, ...]:
        return tuple(i for i in self.interventions if i.status is InterventionStatus.ONGOING)


def describe_validation_error(exc: Exception) -> str:
    """One line naming the first failing field and what was expected; no input values echoed
    beyond what the message itself quotes (which never includes personal identifiers)."""
    if not isinstance(exc, ValidationError):
        return str(exc)
    err = exc.errors(include_url=False, include_input=False)[0]
    loc = ".".join(str(part) for part in err["loc"]).replace("schema_", "schema")
    kind = err["type"]
    if kind == "extra_forbidden":
        return f"{loc}: unknown key (not part of intake-record/1)"
    if kind == "missing":
        return f"{loc}: required field is missing"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    return f"{loc}: {msg}" if loc else msg  # a check across fields names its field itself
