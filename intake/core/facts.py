"""What a name in a rule file means: a field of the intake record, or a fact derived from it.

Rule files (dialogs/rules/) use the one condition language (conditions.py); this module is its
resolver for records. A name is
- a field of the record by its path (`move.initiated_by`, `housing.rooms`), read as it is;
  a tri answer left `unknown` is the string "unknown", which no rule compares with, so an
  unknown answer fires nothing;
- a derived fact, computed here in code once per record because it needs more than one field
  (each is documented in `Facts`);
- `level` (the assessment's level: only steps and urgency may read it);
- `$receiving`, the `{context: receiving}` value: the receiving municipality's code.
"""

from __future__ import annotations

import copy
import typing
from collections.abc import Callable
from enum import Enum
from operator import attrgetter
from typing import Any, Literal, cast

from pydantic import BaseModel

from intake.core.conditions import NameInfo
from intake.core.lang import Level
from intake.core.record import (
    IntakeRecord,
    InterventionStatus,
    InterventionType,
    MoveInitiator,
)

# A household is crowded above this many persons per room (a simplified crowding norm: the
# record has rooms and occupants, not bedrooms).
PERSONS_PER_ROOM = 2
# Preschool is offered from age 1; a younger child out of preschool is not a sign of anything.
PRESCHOOL_AGE = 1


class Facts:
    """The record plus the derived facts the rules name, computed once per record.

    - moved_between_municipalities: an origin is known and differs from the receiving one.
    - ongoing_intervention: an intervention with status "ongoing" held by the origin (in the
      origin municipality, which is the default, and not placed here by the origin: a
      placement is the origin's responsibility here, not a case to transfer).
    - ongoing_care_intervention: as above and a care intervention (CARE_INTERVENTION is True;
      "other" is not known to be care, economic assistance is not care).
    - care_intervention_interrupted: after a move between municipalities, a care intervention
      held by the origin that is still "ongoing" there (the person has left it behind), or that
      has "ended" while the origin refused continued support in connection with the move.
    - placed_here_by_origin: an ongoing intervention that the origin itself decided and placed
      here (family home, HVB, special housing, LSS housing bought here).
    - coordinated_move: the receiving municipality was informed in advance, the move was the
      person's own initiative, and there was no payment without an ordinary means test.
    - children_present: at least one child in the household.
    - child_not_in_school: a child aged PRESCHOOL_AGE or more is not in school or preschool.
    - child_at_risk: a child in the household, and the household is homeless, the housing is
      harmful, or someone in it is exposed to violence or threats.
    - crowded: rooms and occupants known and more than PERSONS_PER_ROOM persons per room.
    - had_economic_assistance: an economic assistance intervention, any status.
    - safety_concern: violence or threats, or protected personal data ("yes", not "unknown").
    - stronger_tie_in_origin: more of the known ties point to the origin (years there >= 2,
      network, work or studies, the children's schools) than to here (network here).
    - days_since_arrival: the number of days from arrival to the visit (None when unknown).
    """

    __slots__ = (
        "care_intervention_interrupted",
        "child_at_risk",
        "child_not_in_school",
        "children_present",
        "coordinated_move",
        "crowded",
        "days_since_arrival",
        "had_economic_assistance",
        "level",
        "moved_between_municipalities",
        "ongoing_care_intervention",
        "ongoing_intervention",
        "placed_here_by_origin",
        "record",
        "safety_concern",
        "stronger_tie_in_origin",
    )

    def __init__(self, record: IntakeRecord, level: Level | None = None) -> None:
        self.record = record
        self.level = level
        moved = record.moved_between_municipalities
        origin = record.origin_municipality
        ongoing = ongoing_care = interrupted = economic = placed = False
        for item in record.interventions:
            if item.type is InterventionType.ECONOMIC_ASSISTANCE:
                economic = True
            in_origin = origin is not None and item.municipality in (origin, None)
            if not in_origin or item.municipality == record.receiving_municipality:
                continue
            care = item.is_care is True
            if item.placed_here_by_origin == "yes":
                placed = placed or item.status is InterventionStatus.ONGOING
                continue
            if item.status is InterventionStatus.ONGOING:
                ongoing = True
                ongoing_care = ongoing_care or care
                interrupted = interrupted or (care and moved)
            elif item.status is InterventionStatus.ENDED and care and moved:
                interrupted = interrupted or record.move.support_refused_by_origin == "yes"
        self.coordinated_move = _coordinated(record.move)
        self.moved_between_municipalities = moved
        self.ongoing_intervention = ongoing
        self.ongoing_care_intervention = ongoing_care
        self.care_intervention_interrupted = interrupted
        self.placed_here_by_origin = placed
        self.had_economic_assistance = economic
        children = record.children
        self.children_present = bool(children)
        self.child_not_in_school = any(
            c.age >= PRESCHOOL_AGE and c.in_school_or_preschool == "no" for c in children
        )
        housing, safety = record.housing, record.safety
        self.safety_concern = (
            safety.violence_or_threats == "yes" or safety.protected_identity == "yes"
        )
        self.child_at_risk = bool(children) and (
            housing.type == "homeless"
            or housing.condition == "harmful"
            or safety.violence_or_threats == "yes"
        )
        rooms, occupants = housing.rooms, housing.occupants
        self.crowded = (
            rooms is not None and occupants is not None and occupants > PERSONS_PER_ROOM * rooms
        )
        ties = record.ties
        there = sum(
            (
                ties.years_in_origin is not None and ties.years_in_origin >= 2,
                ties.network_in_origin == "yes",
                ties.work_or_studies_in_origin == "yes",
                ties.children_school_in_origin == "yes",
            )
        )
        self.stronger_tie_in_origin = there > (ties.network_here == "yes")
        arrival = record.arrival_date
        self.days_since_arrival = None if arrival is None else (record.visit_date - arrival).days

    def with_answer(self, path: str, value: str) -> Facts:
        """The facts had the person answered `value` at `path` (a field at most one level
        deep): what the open questions ask. Only the move's answers and the plain top-level
        answers are cheap (of the derived facts, they change only coordinated_move);
        anything else is worked out again from the changed record."""
        changed = cast(IntakeRecord, _With(self.record, path, value))
        head = path.partition(".")[0]
        if head != "move" and head not in _PLAIN_ANSWERS:
            return Facts(changed, self.level)
        other = copy.copy(self)
        other.record = changed
        other.coordinated_move = _coordinated(changed.move)
        return other


# Top-level answers that no derived fact reads.
_PLAIN_ANSWERS = frozenset({"establishment_period_ended", "registered_here"})


def _coordinated(move: Any) -> bool:
    return bool(
        move.receiving_informed_in_advance == "yes"
        and move.initiated_by == MoveInitiator.SELF
        and not (move.move_paid_by_origin == "yes" and move.paid_after_ordinary_assessment != "yes")
    )


class _With:
    """A record read as if one field (a path at most one level deep) held another value. A
    read-only view, much cheaper than copying the record, and the rules only read."""

    __slots__ = ("_inner", "_name", "_value")

    def __init__(self, inner: object, path: str, value: object) -> None:
        head, _, tail = path.partition(".")
        self._inner = inner
        self._name = head
        self._value = _With(getattr(inner, head), tail, value) if tail else value

    def __getattr__(self, name: str) -> Any:
        if name == self._name:
            return self._value
        return getattr(self._inner, name)


FLAGS: frozenset[str] = frozenset(
    name for name in Facts.__slots__ if name not in ("record", "level", "days_since_arrival")
)
NUMBERS: frozenset[str] = frozenset({"days_since_arrival"})


# ---------------------------------------------------------------------------------------------
# The record's fields, for the checker


def _base(annotation: Any) -> Any:
    """int for Annotated[int, ...], the annotation itself otherwise."""
    if typing.get_origin(annotation) is typing.Annotated:
        return typing.get_args(annotation)[0]
    return annotation


def _record_fields() -> dict[str, NameInfo]:
    """Every scalar field path of the record, with its values where they are a closed set."""
    out: dict[str, NameInfo] = {}

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, info in model.model_fields.items():
            key = info.alias or name
            ann: Any = info.annotation
            path = f"{prefix}{key}"
            args = [_base(a) for a in typing.get_args(ann) if a is not type(None)]
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                walk(ann, f"{path}.")
            elif isinstance(ann, type) and issubclass(ann, Enum):
                out[path] = NameInfo(frozenset(str(m.value) for m in ann))
            elif typing.get_origin(ann) is Literal:
                out[path] = NameInfo(frozenset(str(a) for a in typing.get_args(ann)))
            elif typing.get_origin(ann) is tuple:
                out[path] = NameInfo(list=True)
            elif _base(ann) is int or int in args:
                out[path] = NameInfo(number=True)
            else:
                out[path] = NameInfo()

    walk(IntakeRecord, "")
    return out


RECORD_FIELDS: dict[str, NameInfo] = _record_fields()
_LEVELS = NameInfo(frozenset(typing.get_args(Level)))


def name_info(name: str, *, level: bool = False) -> NameInfo | None:
    """What `name` may hold in a rule (None: unknown name). `level` only where allowed."""
    if name in FLAGS:
        return NameInfo(flag=True)
    if name in NUMBERS:
        return NameInfo(number=True)
    if name == "level":
        return _LEVELS if level else None
    if name == "$receiving":
        return NameInfo()
    return RECORD_FIELDS.get(name)


def resolve(name: str) -> Callable[[Facts], Any]:
    """How to read `name` from a record's Facts (the resolver compile_condition takes)."""
    if name in FLAGS or name in NUMBERS or name == "level":
        return attrgetter(name)
    if name == "$receiving":
        return attrgetter("record.receiving_municipality")
    if name not in RECORD_FIELDS:
        raise KeyError(name)
    return attrgetter(f"record.{'schema_' if name == 'schema' else name}")
