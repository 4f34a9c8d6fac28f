"""`intake scenarios run|coverage|check [PATH…]`: the training scenarios as a regression suite.

`run` drives each scenario through the real dialogue engine and classifier with no screen and
prints a pass/fail table with the differences (exit 1 if any scenario fails, 2 if a scenario
file is broken). `coverage` lists the dialogue's transitions and the rules that no scenario
reaches. `check` only validates the files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

_MARKS = {"pass": "PASS", "fail": "FAIL", "waits": "WAIT", "passes_now": "PASS*"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "scenarios",
        help="run the training scenarios as tests, or show what they do not cover",
        description="Training scenarios (dialogs/scenarios/*.yaml) run headless through the "
        "dialogue engine and classifier.",
    )
    sub = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    paths_help = "scenario files or folders (default: the shipped scenarios)"
    run = sub.add_parser("run", help="run scenarios; exit 1 if any fails")
    run.add_argument("paths", metavar="PATH", nargs="*", help=paths_help)
    run.add_argument("--junit", metavar="FILE", help="also write a JUnit XML report here")
    run.add_argument(
        "-v", "--verbose", action="store_true", help="show differences of waiting scenarios too"
    )
    run.set_defaults(handler=run_run)
    cov = sub.add_parser("coverage", help="list transitions and rules no scenario reaches")
    cov.add_argument("paths", metavar="PATH", nargs="*", help=paths_help)
    cov.set_defaults(handler=run_coverage)
    check = sub.add_parser("check", help="check scenario files; exit 2 with their problems")
    check.add_argument("paths", metavar="PATH", nargs="*", help=paths_help)
    check.set_defaults(handler=run_check)


def _load(paths: list[str]) -> Any:
    from intake.core.training.scenario import ScenarioError, load_scenarios

    try:
        return load_scenarios(paths)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return None


def _outcomes(paths: list[str]) -> Any:
    from intake.core.dialogue.loader import default_dialogue
    from intake.core.training.runner import run_all

    scenarios = _load(paths)
    if scenarios is None:
        return None
    return run_all(scenarios, default_dialogue())


def run_check(args: argparse.Namespace) -> int:
    scenarios = _load(args.paths)
    if scenarios is None:
        return 2
    print(f"OK: {len(scenarios)} scenarios")
    return 0


def run_run(args: argparse.Namespace) -> int:
    from intake.cli import UsageError
    from intake.core.training.runner import junit_xml

    outcomes = _outcomes(args.paths)
    if outcomes is None:
        return 2
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
    if outcomes is None:
        return 2
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
