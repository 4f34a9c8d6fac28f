"""Reading, checking and compiling a dialogue file; the result is cached by path and content.

A file is refused as a whole with every problem found, each as `file:line: id: what is wrong`,
so that a broken edit never reaches a visitor half-working.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from transitions import Machine

import dialogs
from intake.core.conditions import AllOf, Condition, Contains, parse_condition
from intake.core.dialogue.api import DialogueStamp, QuestionKind
from intake.core.dialogue.checks import (
    Problem,
    check_condition,
    check_gotos,
    check_maps_to,
    check_reachability,
)
from intake.core.dialogue.machine import Edge, build_machine, mermaid, plan_edges
from intake.core.dialogue.model import SUMMARY, Group, Question, Section
from intake.core.dialogue.schema import SUMMARY_ID, DialogueSpec, QuestionSpec
from intake.core.dialogue.yamlsafe import YamlProblem, load_yaml, where
from intake.core.problems import FileProblems
from intake.core.textclean import shown

if SUMMARY != SUMMARY_ID:  # pragma: no cover - two names for one reserved id
    raise ImportError("schema.SUMMARY_ID and the engine's summary state differ")


class DialogueError(FileProblems):
    """A dialogue file that cannot be used; `problems` are `file:line: id: what is wrong`."""


class Dialogue:
    """A checked dialogue with its shared state machine. Build with `load_dialogue`."""

    def __init__(
        self,
        *,
        path: Path,
        spec: DialogueSpec,
        stamp: DialogueStamp,
        sections: tuple[Section, ...],
        groups: dict[str, Group],
        questions: tuple[Question, ...],
        edges: tuple[Edge, ...],
    ) -> None:
        self.path = path
        self.spec = spec
        self.id, self.version, self.title, self.summary = (
            spec.id, spec.version, spec.title, spec.summary
        )
        self.stamp = stamp
        self.sections = sections
        self.groups = groups
        self.questions = {q.id: q for q in questions}
        self.ordered = questions
        self.edges = edges
        self.question_ids = tuple(q.id for q in questions)
        self.initial = questions[0].id
        self.section_by_id = {s.id: s for s in sections}
        # The questions that can be passed by (they have `pass_by` transitions).
        self.passable = frozenset(e.source for e in edges if e.kind == "pass")
        self.machine: Machine = build_machine(self.question_ids, groups, edges, self.initial)

    def has_state(self, name: str) -> bool:
        return name == SUMMARY or name in self.questions

    def mermaid(self) -> str:
        labels = [(q.id, f"{q.id}: {q.kind.value}") for q in self.ordered]
        labels.append((SUMMARY, SUMMARY))
        return mermaid(f"{self.id} v{self.version}", labels, self.edges, self.initial)


# ---------------------------------------------------------------------------------------------
# Reading


_where = where  # the line and nearest id of a pydantic error, shared with the rule files


def _describe(error: Any) -> str:
    loc = [str(p) for p in error["loc"] if isinstance(p, str)]
    kind = error["type"]
    if kind == "missing" and loc and loc[-1] in ("sv", "en"):
        owner = loc[-2] if len(loc) > 1 else "text"
        return f"missing translation ({loc[-1]}) in {owner}"
    if kind == "missing":
        return f"{loc[-1] if loc else 'value'} is required"
    if kind == "extra_forbidden":
        return f"unknown key {loc[-1]!r}" if loc else "unknown key"
    msg = str(error["msg"]).removeprefix("Value error, ")
    last = error["loc"][-1] if error["loc"] else None
    field = last if isinstance(last, str) else ""  # an item's own check names no field
    return f"{field}: {msg}" if field else msg


def _spec_problems(data: Any, exc: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    errors = exc.errors(include_url=False, include_input=False)
    # A failing item also makes its list "too short"; the item's own error is the useful one.
    specific = [e for e in errors if e["type"] != "too_short"]
    for error in specific or errors:
        line, ident = _where(data, error["loc"])
        problems.append(Problem(line, ident, _describe(error)))
    return problems


# ---------------------------------------------------------------------------------------------
# Compiling


def _cond(raw: dict[str, Any] | None) -> Condition | None:
    return None if raw is None else parse_condition(raw)


def _same_option(raw: Any, siblings: set[str], key: str) -> Any:
    """A for_each question's condition (file data) with every sibling named by its own id
    (`intervention_status`) turned into the copy for option `key` (`intervention_status.lss`)."""
    if not isinstance(raw, dict) or len(raw) != 1:
        return raw
    ((form, body),) = raw.items()

    def name(value: Any) -> Any:
        return f"{value}.{key}" if isinstance(value, str) and value in siblings else value

    if form == "answered":
        return {form: name(body)}
    if form == "not":
        return {form: _same_option(body, siblings, key)}
    if form in ("any", "all") and isinstance(body, list):
        return {form: [_same_option(part, siblings, key) for part in body]}
    if isinstance(body, list) and body:
        return {form: [name(body[0]), *body[1:]]}
    return raw


class _Builder:
    def __init__(self, spec: DialogueSpec) -> None:
        self.spec = spec
        self.problems: list[Problem] = []
        self.questions: list[Question] = []
        self.by_id: dict[str, Question] = {}
        self.sections: list[Section] = []
        self.groups: dict[str, Group] = {}
        self.gotos: dict[str, list[tuple[str, Condition | None]]] = {}
        self.for_each: dict[str, set[str]] = {}  # multi-select id -> its for_each question ids

    def _add(self, question: Question) -> None:
        if question.id in self.by_id or question.id == SUMMARY:
            self.problems.append(Problem(question.line, question.id, "duplicate question id"))
            return
        self.by_id[question.id] = question
        self.questions.append(question)

    def _expand(self, spec: QuestionSpec, section_id: str, group_id: str | None) -> None:
        own = _cond(spec.when)
        if spec.for_each_selected is None:
            self._add(Question(spec.id, spec, section_id, len(self.questions), own, group_id))
        else:
            source = self.by_id.get(spec.for_each_selected)
            if source is None or source.kind is not QuestionKind.MULTI:
                self.problems.append(
                    Problem(
                        spec.line,
                        spec.id,
                        f"for_each_selected {spec.for_each_selected!r} is not an earlier "
                        "multi-select question",
                    )
                )
                return
            if group_id is not None:
                self.problems.append(
                    Problem(spec.line, spec.id, "for_each_selected cannot be in a repeat group")
                )
                return
            keys = {o.key for o in source.spec.options}
            for unknown in [k for k in spec.for_options if k not in keys]:
                self.problems.append(
                    Problem(
                        spec.line, spec.id, f"for_options: {unknown!r} is not an option of "
                        f"{source.id!r} ({', '.join(sorted(keys))})",
                    )
                )
            siblings = self.for_each.setdefault(source.id, set())
            for option in source.spec.options:
                if spec.for_options and option.key not in spec.for_options:
                    continue
                picked: Condition = Contains(source.id, option.key)
                mine = _cond(_same_option(spec.when, siblings, option.key))
                when = picked if mine is None else AllOf((picked, mine))
                self._add(
                    Question(
                        f"{spec.id}.{option.key}",
                        spec,
                        section_id,
                        len(self.questions),
                        when,
                        None,
                        option.key,
                        option.label,
                    )
                )
            siblings.add(spec.id)
        if spec.next:
            self.gotos[self.questions[-1].id] = [(b.goto, _cond(b.when)) for b in spec.next]

    def build(self) -> None:
        seen_sections: set[str] = set()
        for index, section in enumerate(self.spec.sections):
            if section.id in seen_sections or section.id == SUMMARY:
                self.problems.append(Problem(section.line, section.id, "duplicate section id"))
            seen_sections.add(section.id)
            start = len(self.questions)
            when = _cond(section.when)
            if when is not None:
                self.problems += check_condition(
                    when, where=section.id, line=section.line, before=start, questions=self.by_id
                )
            for spec in section.questions:
                self._expand(spec, section.id, None)
            repeat = section.repeat
            if repeat is not None:
                group_start = len(self.questions)
                group_when = _cond(repeat.when)
                if group_when is not None:
                    self.problems += check_condition(
                        group_when,
                        where=repeat.id,
                        line=repeat.line,
                        before=group_start,
                        questions=self.by_id,
                    )
                for spec in repeat.questions:
                    self._expand(spec, section.id, repeat.id)
                ids = tuple(q.id for q in self.questions[group_start:])
                if repeat.id in self.groups:
                    self.problems.append(Problem(repeat.line, repeat.id, "duplicate group id"))
                self.groups[repeat.id] = Group(repeat.id, section.id, group_when, repeat.max, ids)
            ids = tuple(q.id for q in self.questions[start:])
            self.sections.append(Section(section.id, section.title, index, when, ids))
        for q in self.questions:
            if q.when is not None:
                self.problems += check_condition(
                    q.when, where=q.id, line=q.line, before=q.order, questions=self.by_id
                )
            for _, branch_when in self.gotos.get(q.id, ()):
                if branch_when is not None:
                    self.problems += check_condition(
                        branch_when, where=q.id, line=q.line, before=q.order + 1,
                        questions=self.by_id,
                    )
            self.problems += check_maps_to(q, self.by_id)
        self.problems += check_gotos(self.questions, self.gotos)


def _compile(path: Path, spec: DialogueSpec, stamp: DialogueStamp) -> Dialogue:
    builder = _Builder(spec)
    builder.build()
    problems = builder.problems
    if not problems:
        sections = {s.id: s for s in builder.sections}
        edges = plan_edges(builder.questions, sections, builder.groups, builder.gotos)
        problems = check_reachability(builder.questions, edges)
        if not problems:
            return Dialogue(
                path=path,
                spec=spec,
                stamp=stamp,
                sections=tuple(builder.sections),
                groups=builder.groups,
                questions=tuple(builder.questions),
                edges=tuple(edges),
            )
    raise DialogueError(_format(path, problems))


def _format(path: Path, problems: Sequence[Problem]) -> list[str]:
    """`file:line: id: what`, with anything read from the file escaped (never a raw control or
    bidi character on the terminal)."""
    ordered = sorted(problems, key=lambda p: p.line)
    return [
        f"{shown(path, 200)}:{p.line}: {shown(p.where)}: {shown(p.what, 300)}" for p in ordered
    ]


def parse_dialogue(text_bytes: bytes, path: Path) -> Dialogue:
    """Check and compile a dialogue from its bytes (`path` is used in messages and the stamp)."""
    sha = hashlib.sha256(text_bytes).hexdigest()
    try:
        text = text_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = text_bytes.count(b"\n", 0, exc.start) + 1
        problem = Problem(line, "-", "the file is not UTF-8 text (a byte that is not UTF-8)")
        raise DialogueError(_format(path, [problem])) from None
    try:
        data = load_yaml(text)
    except YamlProblem as exc:
        raise DialogueError(_format(path, [Problem(exc.line, "-", exc.message)])) from None
    if not isinstance(data, dict):
        raise DialogueError(
            _format(path, [Problem(1, "-", "expected a mapping with id, version, sections")])
        )
    try:
        spec = DialogueSpec.model_validate(data)
    except ValidationError as exc:
        raise DialogueError(_format(path, _spec_problems(data, exc))) from None
    stamp = DialogueStamp(dialogue_id=spec.id, version=spec.version, sha256=sha)
    return _compile(path, spec, stamp)


_cache: dict[tuple[str, str], Dialogue] = {}
_lock = threading.Lock()


def load_dialogue(path: Path | str) -> Dialogue:
    """The checked, compiled dialogue in `path`; cached by (path, sha256 of its content)."""
    resolved = Path(path).resolve()
    try:
        content = resolved.read_bytes()
    except OSError as exc:
        problem = Problem(0, "-", f"cannot read the file ({exc.strerror})")
        raise DialogueError(_format(Path(path), [problem])) from None
    key = (str(resolved), hashlib.sha256(content).hexdigest())
    with _lock:
        cached = _cache.get(key)
    if cached is not None:
        return cached
    dialogue = parse_dialogue(content, resolved)
    with _lock:
        _cache[key] = dialogue
    return dialogue


def default_dialogue() -> Dialogue:
    """The shipped intake conversation, `dialogs/intake.yaml`."""
    return load_dialogue(dialogs.path("intake.yaml"))
