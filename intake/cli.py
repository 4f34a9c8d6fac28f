"""The `intake` command: with no sub-command it starts the app; sub-commands serve IT staff,
integrations and tests (`classify`, `dialogs`, `db`, `audit`)."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence

from intake.core.problems import FileProblems

# Sub-command modules under intake.commands, in the order --help lists them, with the line it
# shows for each; `intake NAME --help` shows the module's docstring.
COMMANDS = {
    "classify": "assess an intake record (JSON) for signs of social dumping",
    "dialogs": "check or draw a dialogue file",
    "db": "database upgrade, users and retention (gallring)",
    "audit": "access follow-up (logguppföljning): by case, user, day, refusals; CSV export",
    "cases": "list, show and work cases; import a case from an intake record",
    "letters": "letter templates (skrivelse, transfer request, IVO application)",
    "scenarios": "run the training scenarios as tests, or show what they do not cover",
}


class UsageError(Exception):
    """Bad input on the command line: one clear line, exit status 2."""


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line. Given `argv`, only the sub-command named there is imported and
    registered (the others are listed with their line): starting the app imports none, so its
    first screen does not wait for them (bench/bench_ui.py, "first screen")."""
    parser = argparse.ArgumentParser(
        prog="intake",
        description="Intake assistant for social services reception: the first visit, and "
        "the signs of social dumping. Without a sub-command, starts the app.",
    )
    parser.add_argument("--db", metavar="URL", help="database URL (default: embedded SQLite)")
    parser.add_argument(
        "--user",
        metavar="USERNAME",
        help="admins only, for support: work as this user (audited); who is working is "
        "otherwise the operating-system account (PostgreSQL: the database login)",
    )
    parser.add_argument("--lang", choices=("sv", "en"), help="language (default: sv)")
    parser.add_argument("--plain", action="store_true", help="plain line mode for screen readers")
    parser.set_defaults(handler=None)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    named = set(argv) if argv is not None else set(COMMANDS)
    for name, line in COMMANDS.items():
        if importlib.util.find_spec(f"intake.commands.{name}") is None:
            continue  # not built yet: no menu entry that leads nowhere
        if name not in named:
            sub.add_parser(name, help=line)
            continue
        module = importlib.import_module(f"intake.commands.{name}")
        module.register(
            sub.add_parser(
                name,
                help=line,
                description=module.__doc__,
                formatter_class=argparse.RawDescriptionHelpFormatter,
            )
        )
    return parser


def _run_app(args: argparse.Namespace) -> int:
    try:
        app_module = importlib.import_module("intake.ui.run")
    except ModuleNotFoundError as exc:
        if exc.name != "intake.ui.run":
            raise
        build_parser().print_help()
        return 0
    result: int = app_module.run(args)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    # No pydantic plugin (a third-party package's entry point) sees the records validated
    # here; it also spares the scan of every installed package's metadata.
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(arguments).parse_args(arguments)
    try:
        if args.handler is None:
            return _run_app(args)
        code: int = args.handler(args)
        return code
    except UsageError as exc:
        print(f"intake: {exc}", file=sys.stderr)
        return 2
    except FileProblems as exc:  # a dialogue or scenario file: every problem, one a line
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
