"""`intake scenarios run|coverage|check [PATH…]`: the training scenarios as a regression suite.

`run` drives each scenario through the real dialogue engine and classifier with no screen and
prints a pass/fail table with the differences (exit 1 if any scenario fails, 2 if a scenario
file is broken). `coverage` lists the dialogue's transitions and the rules that no scenario
reaches. `check` only validates the files.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from intake.commands import action, actions, check_action

_MARKS = {"pass": "PASS", "fail": "FAIL", "waits": "WAIT", "passes_now": "PASS*"}


def register(parser: argparse.ArgumentParser) -> None:
    sub = actions(parser)
    run = action(sub, "run", run_run, "run scenarios; exit 1 if any fails")
    run.add_argument("--junit", metavar="FILE", help="also write a JUnit XML report here")
    run.add_argument(
        "-v", "--verbose", action="store_true", help="show differences of waiting scenarios too"
    )
    cov = action(sub, "coverage", run_coverage, "list transitions and rules no scenario reaches")
    check = check_action(
        sub,
        "check scenario files; exit 2 with their problems",
        lambda args: _scenarios(args.paths),
        lambda scenarios: f"{len(scenarios)} scenarios",
    )
    for each in (run, cov, check):
        each.add_argument(
            "paths",
            metavar="PATH",
            nargs="*",
            help="scenario files or folders (default: the shipped scenarios)",
        )


def _scenarios(paths: list[str]) -> Any:
    """The scenario files; a broken one raises `ScenarioError`, which `intake.cli` prints."""
    from intake.core.training.scenario import load_scenarios

    return load_scenarios(paths)


def _outcomes(paths: list[str]) -> Any:
    """Every scenario played."""
    from intake.core.dialogue.loader import default_dialogue
    from intake.core.training.runner import run_all

    return run_all(_scenarios(paths), default_dialogue())


def run_run(args: argparse.Namespace) -> int:
    from intake.cli import UsageError
    from intake.core.training.runner import junit_xml

    outcomes = _outcomes(args.paths)
    width = max((len(o.scenario.id) for o in outcomes), default=8)
    print(f"{'':5}  {'scenario':{width}}  {'level':14}  differences")
    for o in outcomes:
        level = str(o.played.assessment.get("level"))
        print(f"{_MARKS[o.status]:5}  {o.scenario.id:{width}}  {level:14}  {len(o.differences)}")
        if o.failed or (args.verbose and o.differences):
            for diff in o.differences:
                print(f"{'':7}{diff.line()}")
        if o.status in ("waits", "passes_now"):
            for wait in o.scenario.waits_for:
                note = "waits for" if o.status == "waits" else "passes now; remove waits_for"
                print(f"{'':7}{note} {wait.who}: {wait.what}")
    counts = {s: sum(o.status == s for o in outcomes) for s in _MARKS}
    print(
        f"{counts['pass'] + counts['passes_now']} passed, {counts['fail']} failed, "
        f"{counts['waits']} waiting"
    )
    if args.junit:
        try:
            Path(args.junit).write_text(junit_xml(outcomes), encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"--junit: cannot write {args.junit!r} ({exc.strerror})") from None
    return 1 if counts["fail"] else 0


def run_coverage(args: argparse.Namespace) -> int:
    from intake.core.dialogue.loader import default_dialogue
    from intake.core.training.runner import coverage

    outcomes = _outcomes(args.paths)
    found = coverage(outcomes, default_dialogue())
    totals = found.totals
    print(
        f"transitions not taken: {len(found.transitions)} of {totals['transitions']}"
    )
    for source, dest in found.transitions:
        print(f"  {source} -> {dest}")
    print(f"questions never asked: {len(found.questions)} of {totals['questions']}")
    for question in found.questions:
        print(f"  {question}")
    for kind, codes in found.rules.items():
        print(f"{kind} never reached: {len(codes)} of {totals[kind]}")
        for code in codes:
            print(f"  {code}")
    return 0
