"""Compiling a dialogue's flow into a `transitions` state machine, and drawing it.

One state per question plus `summary`; one trigger, `next`, whose transitions are tried in
order: explicit jumps (`next: [{goto: ...}]`), the repeat loop ("add another?" = yes), then
the following questions in file order, each guarded by its own `when` and, when it opens a
section or repeat group, by that section's or group's `when`. The list for a state ends with
an unconditional transition, so `next` always moves.

The machine is built once per dialogue and shared: each visit is a model added with
`add_model`, carrying its answers and the item number of the repeat group it is in.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from transitions import EventData, Machine

from intake.core.dialogue.conditions import Condition, describe, evaluate
from intake.core.dialogue.model import SUMMARY, Group, Question, Section

TRIGGER = "next"


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    dest: str
    conditions: tuple[Condition, ...]
    kind: Literal["goto", "loop", "next"]
    loop_max: int | None = None  # a loop edge is taken only while fewer items than this exist

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


def _gate(source: Question, dest: Question, sections: Mapping[str, Section],
          groups: Mapping[str, Group]) -> tuple[Condition, ...]:
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
    """Every transition of the flow, in the order `next` tries them per source state."""
    by_id = {q.id: q for q in questions}
    ends: dict[str, int] = {}  # container id -> index just after its last question
    for i, q in enumerate(questions):
        ends[f"s:{q.section_id}"] = i + 1
        if q.group_id is not None:
            ends[f"g:{q.group_id}"] = i + 1
    edges: list[Edge] = []
    for i, q in enumerate(questions):
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
            edges.append(
                Edge(q.id, group.first, (_loop_condition(q.id),), "loop", loop_max=group.max)
            )
        j = i + 1
        while j < len(questions):
            r = questions[j]
            if r.group_id is not None and r.group_id != q.group_id and (
                groups[r.group_id].first != r.id
            ):
                j = ends[f"g:{r.group_id}"]  # a group is entered at its first question only
                continue
            conds = _gate(q, r, sections, groups)
            edges.append(Edge(q.id, r.id, conds, "next"))
            if not conds:
                break
            if r.when is None and r.group_id is not None and r.group_id != q.group_id:
                j = ends[f"g:{r.group_id}"]  # the group's `when` failed: skip all of it
            elif r.when is None and r.section_id != q.section_id:
                j = ends[f"s:{r.section_id}"]  # the section's `when` failed: skip all of it
            else:
                j += 1
        else:
            edges.append(Edge(q.id, SUMMARY, (), "next"))
    return edges


def _loop_condition(question_id: str) -> Condition:
    from intake.core.dialogue.conditions import Equals

    return Equals(question_id, "yes")


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
        spec: dict[str, Any] = {"trigger": TRIGGER, "source": edge.source, "dest": edge.dest}
        if edge.conditions or edge.loop_max is not None:
            spec["conditions"] = [Guard(edge)]
        specs.append(spec)
    return specs


def build_machine(states: Sequence[str], edges: Sequence[Edge], initial: str) -> Machine:
    """The shared machine: no models yet, no automatic `to_<state>` triggers."""
    return Machine(
        model=None,
        states=[*states, SUMMARY],
        transitions=transition_specs(edges),
        initial=initial,
        auto_transitions=False,
        send_event=True,
    )


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


def draw(states: Sequence[str], edges: Sequence[Edge], initial: str, title: str,
         out: str, fmt: str) -> None:
    """Render SVG or PNG with transitions' GraphMachine (only when Graphviz is available)."""
    from transitions.extensions.diagrams import GraphMachine

    class _Drawing:
        pass

    model = _Drawing()
    GraphMachine(
        model=model,
        states=[*states, SUMMARY],
        transitions=transition_specs(edges),
        initial=initial,
        auto_transitions=False,
        send_event=True,
        title=title,
        show_conditions=True,
        graph_engine="pygraphviz",
    )
    graph = model.get_graph()  # type: ignore[attr-defined]
    graph.draw(out, format=fmt, prog="dot")
