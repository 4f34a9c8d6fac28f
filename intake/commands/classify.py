"""`intake classify FILE|-`: the assessment of an intake record, as JSON, without the screen.

Reads an intake-record/1 JSON object from FILE (or - for standard input) and prints its
intake-assessment/2 as JSON. For integrations and tests: the same classifier and planner the
dialogue uses. Bad input gives exit status 2 and one line naming the field; the record's
contents are never echoed.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from intake.commands import parse_date
from intake.core.textclean import shown


def register(parser: argparse.ArgumentParser) -> None:
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


# An intake record is a few kilobytes; its two long texts allow up to 200,000 characters each.
# Anything larger is refused before it is parsed, so endless input (/dev/zero, /dev/urandom, a
# pipe that never closes with data) ends with a message instead of exhausting memory.
INPUT_MAX_BYTES = 4 * 1024 * 1024
NUMBER_DIGITS_MAX = 18  # Python refuses over 4,300 digits, with an error that is no message


def _read(name: str) -> str:
    from intake.cli import UsageError

    try:
        if name == "-":
            content = sys.stdin.buffer.read(INPUT_MAX_BYTES + 1)
        else:
            with open(name, "rb") as handle:
                content = handle.read(INPUT_MAX_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"FILE: cannot read the file ({exc.strerror or 'error'})") from None
    if len(content) > INPUT_MAX_BYTES:
        raise UsageError(
            f"input: larger than {INPUT_MAX_BYTES // (1024 * 1024)} MB; expected one intake "
            "record as JSON"
        )
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("input: expected UTF-8 text") from None


class _Refused(ValueError):
    """Raised from inside the JSON parser's hooks: the message names the problem only."""


def _number(text: str) -> int:
    digits = sum(ch.isdigit() for ch in text)
    if digits > NUMBER_DIGITS_MAX:
        raise _Refused(f"a number of {digits} digits; expected at most {NUMBER_DIGITS_MAX}")
    return int(text)


def _decimal(text: str) -> float:
    if sum(ch.isdigit() for ch in text) > NUMBER_DIGITS_MAX * 2:
        raise _Refused(f"a number of more than {NUMBER_DIGITS_MAX * 2} digits")
    return float(text)


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not a JSON number")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _Refused(f"the key {shown(key, 40)!r} appears twice in one object")
        data[key] = value
    return data


def _load(text: str) -> dict[str, Any]:
    from intake.cli import UsageError

    try:
        data = json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_number,
            parse_float=_decimal,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"input: expected JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except _Refused as exc:
        raise UsageError(f"input: {exc}") from None
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

    today = parse_date(args.today, "--today") if args.today is not None else None
    settings = load_settings()
    lang = args.classify_lang or getattr(args, "lang", None) or settings.language
    receiving = args.receiving or settings.receiving_municipality
    data = _load(_read(args.file))
    try:
        result = classify_data(data, receiving=receiving, today=today, lang=lang)
    except ValidationError as exc:
        raise UsageError(shown(describe_validation_error(exc), 300)) from None
    except RulesError as exc:
        print(f"intake: rule files: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0
