"""`intake classify FILE|-`: the assessment of an intake record, as JSON, without the screen.

For integrations and tests: the same classifier and planner the dialogue uses. Bad input
gives exit status 2 and one line naming the field; the record's contents are never echoed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "classify",
        help="assess an intake record (JSON) for signs of social dumping",
        description="Read an intake-record/1 JSON object from FILE (or - for standard input) "
        "and print its intake-assessment/2 as JSON.",
    )
    parser.add_argument("file", metavar="FILE", help="the record as JSON, or - for stdin")
    parser.add_argument(
        "--lang", dest="classify_lang", choices=("sv", "en"), help="language of the texts"
    )
    parser.add_argument(
        "--receiving",
        metavar="CODE",
        help="receiving municipality when the record names none (default: the configured one)",
    )
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", help="the visit date when the record has none"
    )
    parser.set_defaults(handler=run)


def _read(name: str) -> str:
    from intake.cli import UsageError

    try:
        if name == "-":
            return sys.stdin.buffer.read().decode("utf-8")
        with open(name, "rb") as handle:
            return handle.read().decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("input: expected UTF-8 text") from None
    except OSError as exc:
        raise UsageError(f"FILE: cannot read {name!r} ({exc.strerror or 'error'})") from None


def _load(text: str) -> dict[str, Any]:
    from intake.cli import UsageError

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"input: expected JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise UsageError("input: expected JSON (nested too deeply)") from None
    if not isinstance(data, dict):
        raise UsageError("input: expected a JSON object (an intake-record/1)")
    return data


def run(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from intake.cli import UsageError
    from intake.core.classifier import classify_data
    from intake.core.record import describe_validation_error
    from intake.core.rules import RulesError
    from intake.settings import load_settings

    today: dt.date | None = None
    if args.today is not None:
        try:
            today = dt.date.fromisoformat(args.today)
        except ValueError:
            raise UsageError("--today: expected a date YYYY-MM-DD") from None
    settings = load_settings()
    lang = args.classify_lang or getattr(args, "lang", None) or settings.language
    receiving = args.receiving or settings.receiving_municipality
    data = _load(_read(args.file))
    try:
        result = classify_data(data, receiving=receiving, today=today, lang=lang)
    except ValidationError as exc:
        raise UsageError(describe_validation_error(exc)) from None
    except RulesError as exc:
        print(f"intake: rule files: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0
