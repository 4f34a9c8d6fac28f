"""The condition language of the rule files, and the derived facts it can name.

Conditions are data (a few nested dicts in YAML), never Python: a field compared with a value,
a derived fact, an arrival window, a level, and all/any/not. Derived facts are computed here in
code, once per record, because they need more than one field (e.g. "an ongoing care
intervention in the origin"); each is documented in `Facts`. Conditions are checked against
the record's real fields and values at load time and compiled once into plain closures.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from enum import Enum
from operator import attrgetter
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from intake.core.record import (
    IntakeRecord,
    InterventionStatus,
    InterventionType,
    MoveInitiator,
)

Level = Literal["strong", "possible", "none", "not_applicable"]

# A household is crowded above this many persons per room (a simplified crowding norm: the
# record has rooms and occupants, not bedrooms).
PERSONS_PER_ROOM = 2
# Preschool is offered from age 1; a younger child out of preschool is not a sign of anything.
PRESCHOOL_AGE = 1


# ---------------------------------------------------------------------------------------------
# Derived facts: computed in code, named in conditions. Each says what it means and why.


class Facts:
    """The record plus the derived facts the rules need, computed once per record.

    - moved_between_municipalities: an origin is known and differs from the receiving one.
    - ongoing_intervention: an intervention with status "ongoing" in the origin municipality
      (interventions default to the origin; one in the receiving municipality does not count).
    - ongoing_care_intervention: as above and a care intervention (CARE_INTERVENTION is True;
      "other" is unknown and does not count, economic assistance is not care).
    - care_intervention_interrupted: after a move between municipalities, a care intervention
      in the origin that is still "ongoing" there (the person has left it behind), or that has
      "ended" while the origin refused continued support in connection with the move.
    - coordinated_move: the receiving municipality was informed in advance, the move was the
      person's own initiative, and there was no payment without an ordinary means test.
    - children_present: at least one child in the household.
    - child_not_in_school: a child aged PRESCHOOL_AGE or more is not in school or preschool.
    - crowded: rooms and occupants known and more than PERSONS_PER_ROOM persons per room.
    - had_economic_assistance: an economic assistance intervention, any status (had or applied).
    """

    __slots__ = ("flags", "level", "record")

    def __init__(self, record: IntakeRecord, level: Level | None = None) -> None:
        self.record = record
        self.level = level
        moved = record.moved_between_municipalities
        origin = record.origin_municipality
        ongoing = ongoing_care = interrupted = economic = False
        for item in record.interventions:
            if item.type is InterventionType.ECONOMIC_ASSISTANCE:
                economic = True
            in_origin = origin is not None and item.municipality in (origin, None)
            if not in_origin or item.municipality == record.receiving_municipality:
                continue
            care = item.is_care is True
            if item.status is InterventionStatus.ONGOING:
                ongoing = True
                ongoing_care = ongoing_care or care
                interrupted = interrupted or (care and moved)
            elif item.status is InterventionStatus.ENDED and care and moved:
                interrupted = interrupted or record.move.support_refused_by_origin == "yes"
        move = record.move
        coordinated = (
            move.receiving_informed_in_advance == "yes"
            and move.initiated_by is MoveInitiator.SELF
            and not (
                move.move_paid_by_origin == "yes" and move.paid_after_ordinary_assessment != "yes"
            )
        )
        rooms, occupants = record.housing.rooms, record.housing.occupants
        self.flags: dict[str, bool] = {
            "moved_between_municipalities": moved,
            "ongoing_intervention": ongoing,
            "ongoing_care_intervention": ongoing_care,
            "care_intervention_interrupted": interrupted,
            "coordinated_move": coordinated,
            "children_present": bool(record.children),
            "child_not_in_school": any(
                c.age >= PRESCHOOL_AGE and c.in_school_or_preschool == "no" for c in record.children
            ),
            "crowded": rooms is not None
            and occupants is not None
            and occupants > PERSONS_PER_ROOM * rooms,
            "had_economic_assistance": economic,
        }

    def days_since_arrival(self) -> int | None:
        arrival = self.record.arrival_date
        return None if arrival is None else (self.record.visit_date - arrival).days


DERIVED_FACTS: frozenset[str] = frozenset(
    (
        "moved_between_municipalities",
        "ongoing_intervention",
        "ongoing_care_intervention",
        "care_intervention_interrupted",
        "coordinated_move",
        "children_present",
        "child_not_in_school",
        "crowded",
        "had_economic_assistance",
    )
)

Predicate = Callable[[Facts], bool]


# ---------------------------------------------------------------------------------------------
# Conditions


def _scalar_fields() -> dict[str, set[str] | None]:
    """Every scalar field path of the record, with its allowed values where they are a closed
    set (None: any value of the field's type, e.g. rooms)."""
    out: dict[str, set[str] | None] = {}

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, info in model.model_fields.items():
            key = info.alias or name
            ann = info.annotation
            path = f"{prefix}{key}"
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                walk(ann, f"{path}.")
            elif isinstance(ann, type) and issubclass(ann, Enum):
                out[path] = {str(m.value) for m in ann}
            elif typing.get_origin(ann) is Literal:
                out[path] = {str(a) for a in typing.get_args(ann)}
            elif typing.get_origin(ann) is not tuple:
                out[path] = None

    walk(IntakeRecord, "")
    return out


_FIELDS = _scalar_fields()

Scalar = str | int | bool


class Condition(BaseModel):
    """One node of a condition; exactly one form per node (see indicators.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    field: str | None = None
    equals: Scalar | None = None
    in_: tuple[Scalar, ...] | None = Field(default=None, alias="in")
    fact: str | None = None
    arrived_within_days: Annotated[int, Field(ge=0)] | None = None
    arrived_more_than_days: Annotated[int, Field(ge=0)] | None = None
    level: tuple[Literal["strong", "possible", "none", "not_applicable"], ...] | None = None
    all: tuple[Condition, ...] | None = None
    any: tuple[Condition, ...] | None = None
    not_: Condition | None = Field(default=None, alias="not")

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        forms = [
            name
            for name in ("field", "fact", "arrived_within_days", "arrived_more_than_days",
                         "level", "all", "any", "not_")
            if getattr(self, name) is not None
        ]
        if len(forms) != 1:
            raise ValueError(
                "expected exactly one of field, fact, arrived_within_days, "
                f"arrived_more_than_days, level, all, any, not; got {forms or 'none'}"
            )
        if self.field is not None:
            if self.field not in _FIELDS:
                raise ValueError(f"unknown record field {self.field!r}")
            if (self.equals is None) == (self.in_ is None):
                raise ValueError(f"field {self.field!r}: expected exactly one of equals, in")
            allowed = _FIELDS[self.field]
            values = [self.equals] if self.in_ is None else list(self.in_)
            if allowed is not None:
                bad = [v for v in values if str(v) not in allowed]
                if bad:
                    raise ValueError(
                        f"field {self.field!r}: {bad} not among {sorted(allowed)}"
                    )
        elif self.equals is not None or self.in_ is not None:
            raise ValueError("equals/in belong with field")
        if self.fact is not None and self.fact not in DERIVED_FACTS:
            raise ValueError(f"unknown fact {self.fact!r}; known: {sorted(DERIVED_FACTS)}")
        return self

    def uses_level(self) -> bool:
        children = [*(self.all or ()), *(self.any or ()), *([self.not_] if self.not_ else [])]
        return self.level is not None or any(c.uses_level() for c in children)

    def compile(self) -> Predicate:
        """A closure that evaluates this condition; built once, called per record."""
        if self.field is not None:
            get = attrgetter("schema_" if self.field == "schema" else self.field)
            if self.in_ is None:
                wanted_one = self.equals
                return lambda f: bool(get(f.record) == wanted_one)
            wanted = frozenset(self.in_)
            return lambda f: get(f.record) in wanted
        if self.fact is not None:
            name = self.fact
            return lambda f: f.flags[name]
        if self.arrived_within_days is not None:
            limit = self.arrived_within_days

            def within(f: Facts) -> bool:
                days = f.days_since_arrival()
                return days is not None and 0 <= days <= limit

            return within
        if self.arrived_more_than_days is not None:
            floor = self.arrived_more_than_days

            def more_than(f: Facts) -> bool:
                days = f.days_since_arrival()
                return days is not None and days > floor

            return more_than
        if self.level is not None:
            levels = frozenset(self.level)
            return lambda f: f.level in levels
        if self.not_ is not None:
            inner = self.not_.compile()
            return lambda f: not inner(f)
        parts_ = tuple(c.compile() for c in (self.all if self.all is not None else self.any or ()))
        if len(parts_) == 1:
            return parts_[0]
        if self.all is not None:
            if len(parts_) == 2:
                first, second = parts_
                return lambda f: first(f) and second(f)
            return lambda f: all(p(f) for p in parts_)
        if len(parts_) == 2:
            first, second = parts_
            return lambda f: first(f) or second(f)
        return lambda f: any(p(f) for p in parts_)
