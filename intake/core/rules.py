"""The rule files under dialogs/rules/ (signs, steps, legal references, each municipality's
guidelines): their schemas and their loading.

Rules are data so that a municipality's lawyer can correct a weight, a text or a reference
without a code change. They are read with the same safe YAML reader as dialogues (an unquoted
`yes`, a duplicate key, an alias or a tag is refused with its line), their conditions are
written in the one condition language (conditions.py) and checked against the record's fields
and derived facts (facts.py) at load time, and every cross-reference (legal ids, policy topics,
step order) is checked too: a mistake fails loudly with `file:line`, not later in a visit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from intake.core.assessment import RulesStamp
from intake.core.bilingual import Text
from intake.core.conditions import Condition, ConditionError, check, compile_condition
from intake.core.conditions import parse_condition as _parse
from intake.core.dialogue.yamlsafe import YamlProblem, load_yaml, where
from intake.core.facts import RECORD_FIELDS, Facts, name_info, resolve
from intake.core.lang import Lang, Level, Urgency

__all__ = [
    "STEP_CODES",
    "Facts",
    "Lang",
    "Level",
    "Predicate",
    "RuleSet",
    "RulesError",
    "Urgency",
    "load_rules",
]

Predicate = Callable[[Facts], bool]

# The spec's next steps, in the spec's order (steps.yaml must list exactly these).
STEP_CODES: tuple[str, ...] = (
    "safety_assessment",
    "emergency_housing",
    "report_concern_for_child",
    "assess_care_needs",
    "ask_consent",
    "contact_origin_municipality",
    "document_experience",
    "request_justification",
    "send_official_letter",
    "remind_origin_responsibility",
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
DEFAULT_POLICY_MUNICIPALITY = "2283"  # Sollefteå: the shipped, named default guidelines
POLICY_PREFIX = "policy."


class RulesError(Exception):
    """A rule file is missing, not YAML, or does not follow its schema (`file:line: what`)."""


# ---------------------------------------------------------------------------------------------
# Schemas


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


def _condition(value: Any) -> Any:
    """Parse a condition written in the one language (a Condition passes through)."""
    if value is None or isinstance(value, Condition):
        return value
    try:
        return _parse(value)
    except ConditionError as exc:
        raise ValueError(str(exc)) from None


class _WithCondition(_Model):
    condition: Any = None

    _parse = field_validator("condition", mode="before")(_condition)


class LegalReference(_Model):
    id: str
    kind: Literal["statute", "report"]
    citation: str = Field(min_length=1)
    successor: str | None = None
    new_reference: str | None = None
    verified: bool
    checked: str = ""
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


class PolicyFile(_Model):
    """One municipality's guidelines: which section of them each policy topic cites."""

    version: str = Field(min_length=1)
    municipality: Annotated[str, Field(pattern=r"^\d{4}$")]
    name: Text
    sections: dict[str, str]


class IndicatorRule(_WithCondition):
    code: str
    kind: Literal["conduct", "circumstance"]
    weight: Annotated[int, Field(gt=0)]
    explanation: Text
    sources: tuple[str, ...] = Field(min_length=1)


class CounterRule(_WithCondition):
    code: str
    explanation: Text
    sources: tuple[str, ...] = Field(min_length=1)


class OpenQuestionRule(_Model):
    field: str
    value: str
    question: Text


class UrgencyRule(_WithCondition):
    level: Literal["immediate", "soon"]


class Levels(_Model):
    possible: Annotated[int, Field(gt=0)]
    strong: Annotated[int, Field(gt=0)]
    no_signs_when: Any = None

    _parse = field_validator("no_signs_when", mode="before")(_condition)

    @model_validator(mode="after")
    def _ordered(self) -> Levels:
        if self.strong < self.possible:
            raise ValueError("expected strong >= possible")
        return self


class IndicatorFile(_Model):
    version: str = Field(min_length=1)
    levels: Levels
    indicators: tuple[IndicatorRule, ...]
    counter_indicators: tuple[CounterRule, ...]
    open_questions: tuple[OpenQuestionRule, ...] = ()
    urgency: tuple[UrgencyRule, ...]


class Basis(Text):
    references: tuple[str, ...] = Field(min_length=1)


_AFTER = r"^one_month_after:[a-z_]+$"


class StepRule(_WithCondition):
    code: str
    to_origin: Literal["consent", "anonymous"] | None = None
    towards_return: bool = False
    due: (
        Literal["same_day", "at_once"]
        | Annotated[str, Field(pattern=r"^within_days:[1-9][0-9]?$")]
        | Annotated[str, Field(pattern=_AFTER)]
        | None
    )
    not_before: Annotated[str, Field(pattern=_AFTER)] | None = None
    title: Text
    title_anonymous: Text | None = None
    basis: Basis

    @model_validator(mode="after")
    def _consistent(self) -> StepRule:
        if self.due is not None and self.not_before is not None:
            raise ValueError("a step has `due` or `not_before`, not both")
        if (self.to_origin == "anonymous") != (self.title_anonymous is not None):
            raise ValueError("`title_anonymous` goes with `to_origin: anonymous`, and only there")
        return self


class StepFile(_Model):
    version: str = Field(min_length=1)
    steps: tuple[StepRule, ...]


# ---------------------------------------------------------------------------------------------
# The loaded rule set


@dataclass(frozen=True, eq=False)
class RuleSet:
    """All files, validated and cross-checked, with conditions compiled.

    `memo` holds values derived from the rules alone (rendered texts, due dates per visit
    date, citations per municipality); they never change while the rule set lives, so the
    classifier and planner build each of them once.
    """

    levels: Levels
    no_signs_when: Predicate
    indicators: tuple[tuple[IndicatorRule, Predicate], ...]
    counter_indicators: tuple[tuple[CounterRule, Predicate], ...]
    open_questions: tuple[OpenQuestionRule, ...]
    urgency: tuple[tuple[UrgencyRule, Predicate], ...]
    steps: tuple[tuple[StepRule, Predicate], ...]
    legal: dict[str, LegalReference]
    policies: dict[str, PolicyFile]
    stamp: RulesStamp
    memo: dict[tuple[Any, ...], Any] = dc_field(default_factory=dict)

    def cite(self, ids: tuple[str, ...], lang: Lang, receiving: str = "") -> str:
        """The references `ids` as text; policy topics from the receiving municipality's own
        guidelines where it has them, otherwise (and without `receiving`) from the default
        set, named as such."""
        key = ("cite", ids, lang, receiving)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = "; ".join(self._one(i, lang, receiving) for i in ids)
        return str(found)

    def _one(self, ref: str, lang: Lang, receiving: str) -> str:
        if not ref.startswith(POLICY_PREFIX):
            return self.legal[ref].cite(lang)
        topic = ref[len(POLICY_PREFIX) :]
        own = self.policies.get(receiving)
        if own is not None and topic in own.sections:
            return f"{own.name.get(lang)} {own.sections[topic]}"
        default = self.policies[DEFAULT_POLICY_MUNICIPALITY]
        return f"{default.name.get(lang)} {default.sections[topic]}"


# ---------------------------------------------------------------------------------------------
# Reading


def _read(path: Path, model: type[_Model]) -> Any:
    """One file through the safe YAML reader and its schema; errors as `file:line: what`."""
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise RulesError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise RulesError(f"{path}: expected UTF-8 text") from None
    try:
        data = load_yaml(text, quoted_yes_no=True)
    except YamlProblem as exc:
        raise RulesError(f"{path}:{exc.line}: {exc.message}") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False, include_input=False)[0]
        line, _ = where(data, err["loc"])
        loc = ".".join(str(p) for p in err["loc"])
        msg = str(err["msg"]).removeprefix("Value error, ")
        raise RulesError(f"{path}:{line}: {loc}: {msg}") from None


def _check(cond: bool, message: str) -> None:
    if not cond:
        raise RulesError(message)


def _compile(
    condition: Condition | None, *, place: str, level: bool = False
) -> Predicate:
    """Check a rule's condition against the record and the facts, then compile it."""
    if condition is None:
        return lambda _f: True
    problems = check(condition, lambda name: name_info(name, level=level))
    _check(not problems, f"{place}: {'; '.join(problems)}")
    return compile_condition(condition, resolve)


def default_directory() -> Path:
    import dialogs

    return dialogs.path("rules")


def _policies(directories: Sequence[Path]) -> tuple[dict[str, PolicyFile], list[Path]]:
    found: dict[str, PolicyFile] = {}
    paths: list[Path] = []
    for folder in directories:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            policy: PolicyFile = _read(path, PolicyFile)
            _check(path.stem == policy.municipality,
                   f"{path}: the file is named for municipality {policy.municipality}")
            found[policy.municipality] = policy
            paths.append(path)
    return found, paths


def _stamp(versions: set[str], paths: Sequence[Path]) -> RulesStamp:
    """The files' common version and one sha256 over their bytes, in a fixed order."""
    _check(len(versions) == 1, f"the rule files name different versions {sorted(versions)}")
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return RulesStamp(version=versions.pop(), sha256=digest.hexdigest())


@cache
def user_policies() -> Path:
    """Where a municipality keeps its own guidelines without touching the shipped files:
    `policies/` in the app's configuration folder (beside config.json)."""
    from intake.settings import config_dir

    return config_dir() / "policies"


def load_rules(directory: Path | None = None, extra_policies: Path | None = None) -> RuleSet:
    """Load, validate and compile the rule files (cached: each folder is read once).
    `extra_policies`: a folder of municipalities' own guidelines beside the shipped ones (by
    default the configuration folder's `policies/`, when there is one)."""
    return _load_rules(directory, extra_policies or user_policies())


@cache
def _load_rules(directory: Path | None, extra_policies: Path) -> RuleSet:
    where_ = directory or default_directory()
    files = {name: where_ / f"{name}.yaml" for name in ("legal", "indicators", "steps")}
    legal_file: LegalFile = _read(files["legal"], LegalFile)
    ind: IndicatorFile = _read(files["indicators"], IndicatorFile)
    steps: StepFile = _read(files["steps"], StepFile)
    policy_dirs = [where_ / "policies", *([extra_policies] if extra_policies else [])]
    policies, policy_paths = _policies(policy_dirs)
    _check(DEFAULT_POLICY_MUNICIPALITY in policies,
           f"{where_}/policies: the default guidelines "
           f"({DEFAULT_POLICY_MUNICIPALITY}.yaml) are missing")
    default_topics = set(policies[DEFAULT_POLICY_MUNICIPALITY].sections)
    legal = {r.id: r for r in legal_file.references}
    _check(len(legal) == len(legal_file.references), f"{files['legal']}: duplicate id")

    def refs_ok(ids: tuple[str, ...], place: str) -> None:
        bad = [
            i for i in ids
            if (i[len(POLICY_PREFIX):] not in default_topics if i.startswith(POLICY_PREFIX)
                else i not in legal)
        ]
        _check(not bad, f"{place}: unknown reference(s) {bad}")

    ind_path, step_path = files["indicators"], files["steps"]
    codes = [r.code for r in ind.indicators] + [r.code for r in ind.counter_indicators]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    _check(not dupes, f"{ind_path}: duplicate code(s) {dupes}")
    indicators = []
    for rule in ind.indicators:
        place = f"{ind_path}: indicator {rule.code}"
        refs_ok(rule.sources, place)
        indicators.append((rule, _compile(rule.condition, place=place)))
    counters = []
    for counter in ind.counter_indicators:
        place = f"{ind_path}: counter-indicator {counter.code}"
        refs_ok(counter.sources, place)
        counters.append((counter, _compile(counter.condition, place=place)))
    for question in ind.open_questions:
        info = RECORD_FIELDS.get(question.field)
        _check(info is not None and info.values is not None and question.value in info.values,
               f"{ind_path}: open question {question.field}: not a field with the value "
               f"{question.value!r}")
    urgency = [
        (u, _compile(u.condition, place=f"{ind_path}: urgency {u.level}", level=True))
        for u in ind.urgency
    ]
    step_codes = tuple(s.code for s in steps.steps)
    _check(step_codes == STEP_CODES,
           f"{step_path}: expected exactly the spec's steps in order: {list(STEP_CODES)}")
    compiled_steps = []
    for i, step in enumerate(steps.steps):
        place = f"{step_path}: step {step.code}"
        refs_ok(step.basis.references, place)
        for when in (step.due, step.not_before):
            if when and when.startswith("one_month_after:"):
                ref = when.split(":", 1)[1]
                _check(ref in step_codes[:i], f"{place}: {ref!r} is not an earlier step")
        compiled_steps.append((step, _compile(step.condition, place=place, level=True)))
    return RuleSet(
        levels=ind.levels,
        no_signs_when=_compile(ind.levels.no_signs_when, place=f"{ind_path}: levels"),
        indicators=tuple(indicators),
        counter_indicators=tuple(counters),
        open_questions=ind.open_questions,
        urgency=tuple(urgency),
        steps=tuple(compiled_steps),
        legal=legal,
        policies=policies,
        stamp=_stamp(
            {legal_file.version, ind.version, steps.version,
             *(p.version for p in policies.values())},
            [*files.values(), *policy_paths],
        ),
    )
