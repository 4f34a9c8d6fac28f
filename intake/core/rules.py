"""The rule files under dialogs/rules/ (indicators, steps, legal references): their schemas
and their loading.

Rules are data so that a municipality can correct a weight, a text or a legal reference
without a code change; the schemas check every cross-reference (field paths, derived facts,
legal ids, step order) at load time, so a mistake fails loudly with the file and field named,
not later in the middle of a visit. The condition language lives in conditions.py.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from intake.core.assessment import RulesStamp
from intake.core.conditions import DERIVED_FACTS, Condition, Facts, Level, Predicate

__all__ = [
    "DERIVED_FACTS",
    "STEP_CODES",
    "Condition",
    "Facts",
    "Lang",
    "Level",
    "Predicate",
    "RuleSet",
    "RulesError",
    "Urgency",
    "load_rules",
]

Lang = Literal["sv", "en"]
Urgency = Literal["immediate", "soon", "routine"]

# The spec's next steps, in the spec's order (steps.yaml must list exactly these).
STEP_CODES: tuple[str, ...] = (
    "contact_origin_municipality",
    "document_experience",
    "request_justification",
    "send_official_letter",
    "request_case_transfer",
    "apply_ivo_transfer",
    "home_visit",
    "advise_new_housing",
    "offer_municipal_housing",
    "assess_economic_assistance",
    "child_impact_analysis",
    "ensure_school_placement",
    "support_return",
    "ordinary_intake",
)


class RulesError(Exception):
    """A rule file is missing, not YAML, or does not follow its schema."""


# ---------------------------------------------------------------------------------------------
# The three files


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Texts(_Model):
    sv: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: Lang) -> str:
        return self.sv if lang == "sv" else self.en


class LegalReference(_Model):
    id: str
    kind: Literal["statute", "policy", "report"]
    citation: str = Field(min_length=1)
    successor: str | None = None
    new_reference: str | None = None
    verified: bool
    note: str = ""

    def cite(self, lang: Lang) -> str:
        if self.successor is None:
            return self.citation
        if self.new_reference:
            return f"{self.citation}, {'nu' if lang == 'sv' else 'now'} {self.new_reference}"
        word = "motsvarande bestämmelse i" if lang == "sv" else "corresponding provision in"
        return f"{self.citation}, {word} {self.successor}"


class LegalFile(_Model):
    version: str = Field(min_length=1)
    references: tuple[LegalReference, ...]


class IndicatorRule(_Model):
    code: str
    weight: Annotated[int, Field(gt=0)]
    condition: Condition
    explanation: Texts
    sources: tuple[str, ...] = Field(min_length=1)


class CounterRule(_Model):
    code: str
    condition: Condition
    explanation: Texts
    sources: tuple[str, ...] = Field(min_length=1)


class UrgencyRule(_Model):
    level: Literal["immediate", "soon"]
    condition: Condition


class Thresholds(_Model):
    possible: Annotated[int, Field(gt=0)]
    strong: Annotated[int, Field(gt=0)]

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.strong < self.possible:
            raise ValueError("expected strong >= possible")
        return self


class IndicatorFile(_Model):
    version: str = Field(min_length=1)
    thresholds: Thresholds
    indicators: tuple[IndicatorRule, ...]
    counter_indicators: tuple[CounterRule, ...]
    urgency: tuple[UrgencyRule, ...]


class Basis(Texts):
    references: tuple[str, ...] = Field(min_length=1)


_AFTER = r"^one_month_after:[a-z_]+$"


class StepRule(_Model):
    code: str
    condition: Condition
    due: Literal["at_once"] | Annotated[str, Field(pattern=_AFTER)] | None
    not_before: Annotated[str, Field(pattern=_AFTER)] | None = None
    title: Texts
    basis: Basis

    @model_validator(mode="after")
    def _one_date(self) -> StepRule:
        if self.due is not None and self.not_before is not None:
            raise ValueError("a step has `due` or `not_before`, not both")
        return self


class StepFile(_Model):
    version: str = Field(min_length=1)
    steps: tuple[StepRule, ...]


@dataclass(frozen=True, eq=False)
class RuleSet:
    """All three files, validated and cross-checked, with conditions compiled.

    `memo` holds values derived from the rules alone (rendered texts, due dates per visit
    date, finished assessment parts); they never change while the rule set lives, so the
    classifier and planner build each of them once.
    """

    thresholds: Thresholds
    indicators: tuple[tuple[IndicatorRule, Predicate], ...]
    counter_indicators: tuple[tuple[CounterRule, Predicate], ...]
    urgency: tuple[tuple[UrgencyRule, Predicate], ...]
    steps: tuple[tuple[StepRule, Predicate], ...]
    legal: dict[str, LegalReference]
    stamp: RulesStamp
    memo: dict[tuple[Any, ...], Any] = dc_field(default_factory=dict)

    def cite(self, ids: tuple[str, ...], lang: Lang) -> str:
        key = ("cite", ids, lang)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = "; ".join(self.legal[i].cite(lang) for i in ids)
        return str(found)


RULE_FILES = ("legal.yaml", "indicators.yaml", "steps.yaml")


def _stamp(directory: Path, versions: set[str]) -> RulesStamp:
    """The files' common version and one sha256 over their bytes, in RULE_FILES order."""
    _check(len(versions) == 1, f"{directory}: the rule files name different versions {versions}")
    digest = hashlib.sha256()
    for name in RULE_FILES:
        digest.update((directory / name).read_bytes())
    return RulesStamp(version=versions.pop(), sha256=digest.hexdigest())


def _read(directory: Path, name: str, model: type[_Model]) -> Any:
    path = directory / name
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except OSError as exc:
        raise RulesError(f"{path}: cannot read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise RulesError(f"{path}: not valid YAML ({exc})") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise RulesError(f"{path}: {loc}: {err['msg']}") from None


def _check(cond: bool, message: str) -> None:
    if not cond:
        raise RulesError(message)


def default_directory() -> Path:
    import dialogs

    return dialogs.path("rules")


@cache
def load_rules(directory: Path | None = None) -> RuleSet:
    """Load, validate and compile the rule files (cached: each directory is read once)."""
    where = directory or default_directory()
    legal_file: LegalFile = _read(where, "legal.yaml", LegalFile)
    ind: IndicatorFile = _read(where, "indicators.yaml", IndicatorFile)
    steps: StepFile = _read(where, "steps.yaml", StepFile)
    legal = {r.id: r for r in legal_file.references}
    _check(len(legal) == len(legal_file.references), f"{where}/legal.yaml: duplicate id")
    rules: list[IndicatorRule | CounterRule] = [*ind.indicators, *ind.counter_indicators]
    codes = [r.code for r in rules]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    _check(not dupes, f"{where}/indicators.yaml: duplicate code(s) {dupes}")
    for rule in rules:
        missing = [s for s in rule.sources if s not in legal]
        _check(not missing, f"{where}/indicators.yaml: {rule.code}: unknown source(s) {missing}")
        _check(not rule.condition.uses_level(),
               f"{where}/indicators.yaml: {rule.code}: a sign cannot depend on the level")
    for u in ind.urgency:
        _check(not u.condition.uses_level(), f"{where}/indicators.yaml: urgency uses the level")
    step_codes = tuple(s.code for s in steps.steps)
    _check(step_codes == STEP_CODES,
           f"{where}/steps.yaml: expected exactly the spec's steps in order: {list(STEP_CODES)}")
    for i, step in enumerate(steps.steps):
        missing = [s for s in step.basis.references if s not in legal]
        _check(not missing, f"{where}/steps.yaml: {step.code}: unknown reference(s) {missing}")
        for when in (step.due, step.not_before):
            if when and when.startswith("one_month_after:"):
                ref = when.split(":", 1)[1]
                _check(ref in step_codes[:i],
                       f"{where}/steps.yaml: {step.code}: {ref!r} is not an earlier step")
    return RuleSet(
        thresholds=ind.thresholds,
        indicators=tuple((r, r.condition.compile()) for r in ind.indicators),
        counter_indicators=tuple((r, r.condition.compile()) for r in ind.counter_indicators),
        urgency=tuple((r, r.condition.compile()) for r in ind.urgency),
        steps=tuple((s, s.condition.compile()) for s in steps.steps),
        legal=legal,
        stamp=_stamp(where, {legal_file.version, ind.version, steps.version}),
    )
