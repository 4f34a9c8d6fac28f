"""The shape of a training scenario (`dialogs/scenarios/*.yaml`) and reading it with `file:line`.

A scenario is a fictitious visit written down as a test case, in the shape of Rasa's
end-to-end tests and Dialogflow CX's test cases: what the visitor says, and what must have
been set at the end. It serves twice: a trainee practises on it in the app, and the headless
runner (`intake scenarios run`) checks that the dialogue and the rules still give the
expected answer.

    id: dumping_tenancy_ended
    title: {sv: "...", en: "..."}
    difficulty: medium                     # easy | medium | hard
    background: {sv: "...", en: "..."}     # for the trainer: who the visitor is, what happened
    visit_date: "2026-11-20"               # dates in replies ("för två veckor sen") count from it
    receiving: "2283"                      # the desk's municipality (default Sollefteå)
    visitor:
      interpreter: arabiska                # optional: every reply comes through an interpreter
      dont_know: {sv: "Det vet jag inte.", en: "I don't know."}
    facts:                                 # keyed by the record field a question maps to
      origin_municipality: "Stokholm"      # a reply typed as it was said
      move.initiated_by:
        says: "Handläggaren sa att jag måste flytta."   # what the visitor says in the chat
        answer: origin_municipality        # what a careful receptionist enters (default: says)
      person.personal_id: {says: "Det vill jag inte säga.", skip: true}
      interventions[].status:              # one reply per option chosen in a multi-select
        economic_assistance: "Det pågår."
      children[].age: ["7", "12"]          # one reply per item of a repeat group
      has_children: "ja"                   # a question that maps to no field: by its id
    expect:
      record: {move.initiated_by: origin_municipality, origin_municipality: "0180"}
      assessment:
        level: strong
        urgency: soon
        steps: {must: [send_official_letter], must_not: [request_case_transfer]}
        signs: {must: [origin_proposed_move]}
        counter_signs: {must_not: [self_initiated_move]}
        open_questions: {must: [consent.contact_origin]}
    teaching:
      - about: step:send_official_letter   # step:CODE, field:PATH, sign:CODE, level, urgency,
        text: {sv: "...", en: "..."}       #  rule:consent or rule:safety
        source: "Sollefteå riktlinjer 2.1"
    waits_for:                             # expectations the code does not meet yet, and why
      - {who: domain, what: "intake-assessment/2: open_questions"}

Yes/no values are quoted (`"yes"`): the safe YAML loader refuses an unquoted `yes`, with its
line. Assertions are on values and codes, never on wording.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)

import dialogs
from intake.core.dialogue.api import Lang
from intake.core.dialogue.yamlsafe import Located, YamlProblem, load_yaml
from intake.core.dialogue.yamlsafe import where as yaml_where
from intake.core.problems import FileProblems

ID = r"^[a-z][a-z0-9_]*$"
# A record path: `move.initiated_by`, `interventions[].status`; or a question id.
FACT_KEY = re.compile(r"^[a-z][a-z0-9_]*(\[\])?(\.[a-z][a-z0-9_]*)*$")
ABOUT = re.compile(r"^(level|urgency|rule:(consent|safety)|(step|sign|field):[a-z0-9_.\[\]]+)$")
Level = Literal["strong", "possible", "none", "not_applicable"]
Urgency = Literal["immediate", "soon", "routine"]
Owner = Literal["domain", "dialogue", "engine", "training"]


class ScenarioError(FileProblems):
    """A scenario file that cannot be used; `problems` are `file:line: where: what` lines."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Model):
    """A scenario text in both languages (kept here: the dialogue schema's own text model is
    moving into the core, and a scenario file must not break with it)."""

    sv: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.sv


class Reply(_Model):
    """What the visitor says when asked, and what the receptionist enters for it."""

    says: str = Field(min_length=1, max_length=2000)
    says_en: str | None = None
    answer: str | None = Field(default=None, max_length=2000)
    skip: bool = False  # the receptionist skips the question (the reply cannot be recorded)

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, data: Any) -> Any:
        plain = isinstance(data, str | int) and not isinstance(data, bool)
        return {"says": data} if plain else data

    @field_validator("says", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    def spoken(self, lang: Lang) -> str:
        return self.says_en if lang == "en" and self.says_en else self.says

    @property
    def entered(self) -> str | None:
        """The text given to the engine: what a receptionist types for this reply, or None
        when the question is skipped."""
        if self.skip:
            return None
        return self.answer if self.answer is not None else self.says


def _fact_form(value: Any) -> str:
    """A mapping with a reply's own keys is one reply; any other mapping is one reply per
    option (`interventions[].status: {home_care: ...}`), so a misspelt key is an error."""
    if isinstance(value, list):
        return "items"
    if isinstance(value, dict) and not ({"says", "answer", "skip", "says_en"} & set(value)):
        return "options"
    return "reply"


FactValue = Annotated[
    Annotated[Reply, Tag("reply")]
    | Annotated[list[Reply], Tag("items")]
    | Annotated[dict[str, Reply], Tag("options")],
    Discriminator(_fact_form),
]


class Visitor(_Model):
    interpreter: str | None = None  # the visitor's language; replies come through an interpreter
    dont_know: Text = Text(sv="Det vet jag inte.", en="I don't know.")


class Codes(_Model):
    """Codes that must, and must not, appear."""

    must: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _disjoint(self) -> Codes:
        both = set(self.must) & set(self.must_not)
        if both:
            raise ValueError(f"both must and must_not: {', '.join(sorted(both))}")
        return self


class ExpectedAssessment(_Model):
    level: Level | None = None  # None: the scenario asserts no level (e.g. a placement)
    urgency: Urgency | None = None
    steps: Codes = Codes()
    signs: Codes = Codes()
    counter_signs: Codes = Codes()
    open_questions: Codes = Codes()  # by record field


V = TypeVar("V")


def _keyed_by(what: str) -> AfterValidator:
    """A mapping whose keys are record paths (or question ids): any other key is named."""

    def check(value: dict[str, V]) -> dict[str, V]:
        bad = [k for k in value if not FACT_KEY.match(k)]
        if bad:
            raise ValueError(f"not a {what}: {', '.join(bad)}")
        return value

    return AfterValidator(check)


class Expected(_Model):
    record: Annotated[dict[str, Any], _keyed_by("record path")] = Field(default_factory=dict)
    assessment: ExpectedAssessment


class TeachingPoint(_Model):
    about: Annotated[str, Field(pattern=ABOUT.pattern)]
    text: Text
    source: str = Field(min_length=1)


class Waiting(_Model):
    who: Owner
    what: str = Field(min_length=1)


class Scenario(_Model):
    id: Annotated[str, Field(pattern=ID)]
    title: Text
    difficulty: Literal["easy", "medium", "hard"]
    background: Text
    visit_date: dt.date
    receiving: Annotated[str, Field(pattern=r"^\d{4}$")] = "2283"
    visitor: Visitor = Visitor()
    facts: Annotated[dict[str, FactValue], _keyed_by("record path or question id")]
    expect: Expected
    teaching: tuple[TeachingPoint, ...] = Field(min_length=1)
    waits_for: tuple[Waiting, ...] = ()
    path: str = ""  # filled by the loader; never written in a file

    def teaching_for(self, about: str) -> tuple[TeachingPoint, ...]:
        return tuple(t for t in self.teaching if t.about == about)


# ---------------------------------------------------------------------------------------------
# Reading


def _problems(path: Path, data: Any, exc: ValidationError) -> list[str]:
    out = []
    for error in exc.errors(include_url=False, include_input=False):
        where = ".".join(str(p) for p in error["loc"] if not str(p).startswith("function-")) or "-"
        message = str(error["msg"]).removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown key"
        out.append((yaml_where(data, error["loc"])[0] or 1, f"{where}: {message}"))
    return [f"{path}:{line}: {text}" for line, text in sorted(set(out))]


_YES_NO = frozenset({"yes", "no", "y", "n", "on", "off"})


def _unquoted_yes_no(text: str) -> YamlProblem | None:
    """The first plain (unquoted) yes/no/on/off scalar: YAML 1.1 reads it as a boolean, so a
    scenario must quote it ("yes") to mean the tri answer."""
    loader = yaml.SafeLoader(text)
    try:
        stack = [loader.get_single_node()]
    finally:
        loader.dispose()
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if node.style is None and node.value.lower() in _YES_NO:
                return YamlProblem(
                    node.start_mark.line + 1, f"quote {node.value!r} (write \"{node.value}\")"
                )
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend((value, key))
    return None


def parse_scenario(text_bytes: bytes, path: Path) -> Scenario:
    try:
        text = text_bytes.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError([f"{path}:1: -: the file is not UTF-8 text"]) from None
    try:
        data = load_yaml(text)
        unquoted = _unquoted_yes_no(text)
        if unquoted is not None:
            raise unquoted
    except YamlProblem as exc:
        raise ScenarioError([f"{path}:{exc.line}: -: {exc.message}"]) from None
    if not isinstance(data, Located):
        raise ScenarioError([f"{path}:1: -: expected a mapping with id, title, facts, expect"])
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(_problems(path, data, exc)) from None
    return scenario.model_copy(update={"path": str(path)})


def load_scenario(path: Path | str) -> Scenario:
    where = Path(path)
    try:
        content = where.read_bytes()
    except OSError as exc:
        raise ScenarioError([f"{where}:0: -: cannot read the file ({exc.strerror})"]) from None
    return parse_scenario(content, where)


def default_directory() -> Path:
    return dialogs.path("scenarios")


def scenario_files(paths: Iterable[Path | str] = ()) -> list[Path]:
    """The scenario files named (a folder means every `*.yaml` in it), or all shipped ones."""
    named = [Path(p) for p in paths] or [default_directory()]
    files: list[Path] = []
    for item in named:
        files.extend(sorted(item.glob("*.yaml")) if item.is_dir() else [item])
    return files


def load_scenarios(paths: Iterable[Path | str] = ()) -> list[Scenario]:
    """Every scenario, or one ScenarioError listing the problems of all broken files."""
    scenarios: list[Scenario] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for file in scenario_files(paths):
        try:
            scenario = load_scenario(file)
        except ScenarioError as exc:
            problems.extend(exc.problems)
            continue
        if scenario.id in seen:
            problems.append(f"{file}:1: id: {scenario.id!r} is also used by {seen[scenario.id]}")
        seen[scenario.id] = str(file)
        scenarios.append(scenario)
    if problems:
        raise ScenarioError(problems)
    return scenarios
