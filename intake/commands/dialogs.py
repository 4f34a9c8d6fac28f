"""`intake dialogs check FILE` and `intake dialogs graph [FILE]`: for whoever edits a dialogue.

`check` runs every check the app runs before a visitor sees the file and prints each problem as
`file:line: id: what is wrong`. `graph` draws the flow: Mermaid text always, SVG/PNG only when
Graphviz is installed (an optional extra, never required by the app).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from intake.commands import action, actions, check_action


def register(parser: argparse.ArgumentParser) -> None:
    sub = actions(parser)
    check = check_action(
        sub,
        "check a dialogue file; exit 2 with its problems",
        lambda args: _load(args.file),
        lambda d: f"{len(d.question_ids)} questions in {len(d.sections)} sections",
    )
    check.add_argument("file", metavar="FILE", help="the dialogue file (YAML)")
    graph = action(sub, "graph", run_graph, "draw the flow (Mermaid, or SVG/PNG with Graphviz)")
    graph.add_argument(
        "file", metavar="FILE", nargs="?", help="the dialogue file (default: dialogs/intake.yaml)"
    )
    graph.add_argument(
        "--format", dest="graph_format", choices=("mermaid", "svg", "png"), default="mermaid"
    )
    graph.add_argument("-o", "--output", metavar="OUT", help="write here (default: stdout)")


def _load(file: str | None) -> Any:
    """The dialogue; a broken file raises `DialogueError`, which `intake.cli` prints."""
    from intake.core.dialogue.loader import default_dialogue, load_dialogue

    return default_dialogue() if file is None else load_dialogue(file)


def run_graph(args: argparse.Namespace) -> int:
    from intake.cli import UsageError
    from intake.core.dialogue.machine import draw, graphviz_available

    dialogue = _load(args.file)
    fmt = args.graph_format
    if fmt == "mermaid":
        text = dialogue.mermaid()
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    if not args.output:
        raise UsageError(f"-o: {fmt} output needs a file name")
    if not graphviz_available():
        raise UsageError(
            f"--format {fmt}: needs Graphviz (the `dot` program and pygraphviz or the graphviz "
            "package); use --format mermaid instead"
        )
    title = f"{dialogue.id} v{dialogue.version}"
    draw(
        dialogue.question_ids,
        dialogue.groups,
        dialogue.edges,
        dialogue.initial,
        title,
        args.output,
        fmt,
    )
    return 0
