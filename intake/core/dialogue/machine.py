"""Compiling a dialogue's flow into a `transitions` state machine, and drawing it.

The machine carries the conversation: one state per question plus `summary`, and the visit (the
model) holds where it is. Two triggers:

- `next` (the question was answered): the explicit jumps (`next: [{goto: ...}]`, each guarded
  by its branch's `when` and by the target being asked), then the repeat loop ("add another?" =
  yes, while fewer items than the group's `max`), then the following question in file order.
  The last of these is unconditional, so `next` always moves.
- `pass_by` (a question not asked on this path): entered but its `when` (or its section's or
  repeat group's `when`, at the section's or group's first question) does not hold, so the visit
  moves on: to the following question, or past the whole section or group. No transition holds
  for a question that is asked, so `pass_by` returns False there (and only questions with a
  condition have `pass_by` at all).

So each question has a fixed number of transitions, and the machine grows linearly with the file
(an edge from every conditional question to every later one made it quadratic). Entering a
repeat group's first question begins an item (`on_enter`): the next item after the loop, the
first from outside.

The machine is built once per dialogue and shared: each visit is a model added with
`add_model`.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from transitions import EventData, Machine

from intake.core.conditions import AllOf, Condition, Equals, Not, describe, evaluate
from intake.core.dialogue.model import SUMMARY, Group, Question, Section

NEXT = "next"
NOT_ASKED = "pass_by"  # the trigger for a question whose condition does not hold
TRIGGERS = (NEXT, NOT_ASKED)
BEGIN_ITEM = "begin_item"  # the model's callback on entering a repeat group's first question

EdgeKind = Literal["goto", "loop", "next", "pass"]


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    dest: str
    conditions: tuple[Condition, ...]
    kind: EdgeKind
    loop_max: int | None = None  # a loop edge is taken only while fewer items than this exist

    @property
    def trigger(self) -> str:
        return NOT_ASKED if self.kind == "pass" else NEXT

    def label(self) -> str:
        parts = [describe(c) for c in self.conditions]
        if self.loop_max is not None:
            parts.append(f"item < {self.loop_max}")
        return " and ".join(parts)


class VisitLike(Protocol):
    """What a guard reads from a visit's model."""

    repeat_index: int
    context: Mapping[str, object]

    def answer(self, question_id: str) -> Any: ...


def _all(conditions: Sequence[Condition | None]) -> Condition | None:
    present = tuple(c for c in conditions if c is not None)
    if not present:
        return None
    return present[0] if len(present) == 1 else AllOf(present)


def _gate(source: Question, dest: Question, sections: Mapping[str, Section],
          groups: Mapping[str, Group]) -> tuple[Condition, ...]:
    """What must hold for `dest` to be asked when a jump from `source` lands on it."""
    conditions: list[Condition] = []
    section = sections[dest.section_id]
    if dest.section_id != source.section_id and section.when is not None:
        conditions.append(section.when)
    if dest.group_id is not None and dest.group_id != source.group_id:
        group_when = groups[dest.group_id].when
        if group_when is not None:
            conditions.append(group_when)
    if dest.when is not None:
        conditions.append(dest.when)
    return tuple(conditions)


def plan_edges(
    questions: Sequence[Question],
    sections: Mapping[str, Section],
    groups: Mapping[str, Group],
    gotos: Mapping[str, Sequence[tuple[str, Condition | None]]],
) -> list[Edge]:
    """Every transition of the flow, in the order each trigger tries them per source state.
    At most (jumps + 3) per question: linear in the size of the file."""
    by_id = {q.id: q for q in questions}
    after: dict[str, str] = {}  # section or group id -> the state just after its last question
    for i, q in enumerate(questions):
        following = questions[i + 1].id if i + 1 < len(questions) else SUMMARY
        after[f"s:{q.section_id}"] = following
        if q.group_id is not None:
            after[f"g:{q.group_id}"] = following
    first_of_section = {s.question_ids[0] for s in sections.values() if s.question_ids}
    edges: list[Edge] = []
    for i, q in enumerate(questions):
        following = questions[i + 1].id if i + 1 < len(questions) else SUMMARY
        edges += _pass_edges(q, following, sections, groups, after, first_of_section)
        always = False
        for target, when in gotos.get(q.id, ()):
            if target == SUMMARY:
                conds: tuple[Condition, ...] = ()
            else:
                conds = _gate(q, by_id[target], sections, groups)
            conds = ((when,) if when else ()) + conds
            edges.append(Edge(q.id, target, conds, "goto"))
            if not conds:
                always = True  # an unconditional jump: nothing after it is ever tried
                break
        if always:
            continue
        if q.group_id is not None and groups[q.group_id].last == q.id:
            group = groups[q.group_id]
            loop = Equals(q.id, "yes")
            edges.append(Edge(q.id, group.first, (loop,), "loop", loop_max=group.max))
        edges.append(Edge(q.id, following, (), "next"))
    return edges


def _pass_edges(
    q: Question,
    following: str,
    sections: Mapping[str, Section],
    groups: Mapping[str, Group],
    after: Mapping[str, str],
    first_of_section: set[str],
) -> list[Edge]:
    """How a question that is not asked is passed by. A section's `when` is tried at its first
    question, a group's at its first question (a group is entered there only, so when its
    first question is not asked, none of the item is); otherwise the question's own `when`."""
    edges: list[Edge] = []
    section_when = sections[q.section_id].when
    if q.id in first_of_section and section_when is not None:
        edges.append(Edge(q.id, after[f"s:{q.section_id}"], (Not(section_when),), "pass"))
    group = groups[q.group_id] if q.group_id is not None else None
    if group is not None and group.first == q.id:
        item_when = _all((group.when, q.when))
        if item_when is not None:
            edges.append(Edge(q.id, after[f"g:{group.id}"], (Not(item_when),), "pass"))
    elif q.when is not None:
        edges.append(Edge(q.id, following, (Not(q.when),), "pass"))
    return edges


class Guard:
    """A transition's condition: the edge's conditions on the visit's answers.

    `__name__` is the readable condition, which is what `transitions` diagrams print.
    """

    def __init__(self, edge: Edge) -> None:
        self.conditions = edge.conditions
        self.loop_max = edge.loop_max
        self.__name__ = edge.label() or "always"

    def holds(self, model: VisitLike) -> bool:
        if self.loop_max is not None and model.repeat_index >= self.loop_max:
            return False
        return all(evaluate(c, model.answer, model.context) for c in self.conditions)

    def __call__(self, event: EventData) -> bool:
        return self.holds(typing.cast(VisitLike, event.model))


def transition_specs(edges: Sequence[Edge]) -> list[dict[str, Any]]:
    specs: list[dict[str, Any]] = []
    for edge in edges:
        spec: dict[str, Any] = {"trigger": edge.trigger, "source": edge.source, "dest": edge.dest}
        if edge.conditions or edge.loop_max is not None:
            spec["conditions"] = [Guard(edge)]
        specs.append(spec)
    return specs


def state_specs(states: Sequence[str], groups: Mapping[str, Group]) -> list[str | dict[str, Any]]:
    firsts = {g.first for g in groups.values()}
    specs: list[str | dict[str, Any]] = [
        {"name": s, "on_enter": [BEGIN_ITEM]} if s in firsts else s for s in states
    ]
    specs.append(SUMMARY)
    return specs


def machine_spec(states: Sequence[str], groups: Mapping[str, Group], edges: Sequence[Edge],
                 initial: str) -> dict[str, Any]:
    """What the conversation's machine is made of, for `build_machine` and `draw` alike:
    the states and transitions, and no automatic `to_<state>` triggers."""
    return {
        "states": state_specs(states, groups),
        "transitions": transition_specs(edges),
        "initial": initial,
        "auto_transitions": False,
        "send_event": True,
    }


def build_machine(states: Sequence[str], groups: Mapping[str, Group], edges: Sequence[Edge],
                  initial: str) -> Machine:
    """The shared machine: no models yet (each visit adds its own)."""
    return Machine(model=None, **machine_spec(states, groups, edges, initial))


def _mermaid_id(state: str) -> str:
    return state.replace(".", "__")


def mermaid(title: str, states: Sequence[tuple[str, str]], edges: Sequence[Edge],
            initial: str) -> str:
    """The flow as a Mermaid state diagram; `states` are (state id, label) pairs."""
    lines = ["---", f"title: {title}", "---", "stateDiagram-v2"]
    for state, label in states:
        safe = label.replace('"', "'")
        lines.append(f'    state "{safe}" as {_mermaid_id(state)}')
    lines.append(f"    [*] --> {_mermaid_id(initial)}")
    for edge in edges:
        label = edge.label().replace(":", " ")
        if edge.kind == "pass":
            label = f"not asked, {label}"
        arrow = f"    {_mermaid_id(edge.source)} --> {_mermaid_id(edge.dest)}"
        lines.append(f"{arrow}: {label}" if label else arrow)
    lines.append(f"    {SUMMARY} --> [*]")
    return "\n".join(lines) + "\n"


def graphviz_available() -> bool:
    """Whether transitions can draw through Graphviz (pygraphviz or the `graphviz` package)."""
    import importlib.util
    import shutil

    has_module = any(
        importlib.util.find_spec(name) is not None for name in ("pygraphviz", "graphviz")
    )
    return has_module and shutil.which("dot") is not None


def draw(states: Sequence[str], groups: Mapping[str, Group], edges: Sequence[Edge],
         initial: str, title: str, out: str, fmt: str) -> None:
    """Render SVG or PNG with transitions' GraphMachine (only when Graphviz is available)."""
    from transitions.extensions.diagrams import GraphMachine

    class _Drawing:
        if typing.TYPE_CHECKING:  # bound by GraphMachine
            def get_graph(self) -> Any: ...

        def begin_item(self, event: EventData) -> None:
            """Nothing to count in a drawing."""

    model = _Drawing()
    GraphMachine(
        model=model,
        title=title,
        show_conditions=True,
        graph_engine="pygraphviz",
        **machine_spec(states, groups, edges, initial),
    )
    graph = model.get_graph()
    graph.draw(out, format=fmt, prog="dot")
