"""Sub-commands of the `intake` command line, one module each, registered by `intake.cli`.

`intake.cli` gives each module its own parser (its one-line help is listed in `intake.cli`, its
docstring is what `intake NAME --help` shows); the module's `register(parser)` adds its
arguments, or its actions through `actions`/`action`, and sets `handler` to a function
`(args) -> int`. Modules import their heavy dependencies inside the handler.

What every command shares is here, once: the language of its messages, dates and the
database URL from the command line, and storage faults as one line with exit status 2.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any, Literal, TypeVar

Handler = Callable[[argparse.Namespace], int]
T = TypeVar("T")


def actions(parser: argparse.ArgumentParser) -> Any:
    """The sub-parsers of a command made of actions (`intake db upgrade`, …); one is required."""
    return parser.add_subparsers(title="actions", metavar="ACTION", required=True)


def action(sub: Any, name: str, handler: Handler, help: str, **kwargs: Any) -> Any:
    """One action of a command, run by `handler`; returns its parser for its arguments."""
    parser = sub.add_parser(name, help=help, **kwargs)
    parser.set_defaults(handler=handler)
    return parser


def check_action(
    sub: Any, help: str, load: Callable[[argparse.Namespace], T], summary: Callable[[T], str]
) -> Any:
    """A `check` action of a command over data files: `load` reads them (a broken file raises
    `FileProblems`, which `intake.cli` prints, exit 2), then one line says what was read."""

    def run(args: argparse.Namespace) -> int:
        print(f"OK: {summary(load(args))}")
        return 0

    return action(sub, "check", run, help)


def cli_lang(args: argparse.Namespace) -> Literal["sv", "en"]:
    """The language of a command's messages: --lang, else the configured one (Swedish)."""
    from intake.settings import load_settings

    lang = getattr(args, "lang", None) or load_settings().language
    return "en" if lang == "en" else "sv"


def parse_date(value: str, option: str) -> dt.date:
    """A date given on the command line; anything else is one line naming the option."""
    from intake.cli import UsageError

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: expected a date as YYYY-MM-DD") from None


def database_url(args: argparse.Namespace) -> str:
    """--db, else INTAKE_DATABASE_URL or the config file, else the embedded SQLite file, once
    it is known to be safe to use (`intake.safety`): an unsafe one is one line and exit
    status 2 (`UsageError`)."""
    from intake import safety
    from intake.cli import UsageError
    from intake.settings import load_settings

    settings = load_settings()
    url: str = getattr(args, "db", None) or settings.database_url
    try:
        safety.check(url, allow_unencrypted=settings.allow_unencrypted_database)
    except safety.UnsafeConfiguration as unsafe:
        raise UsageError(unsafe.message("en")) from None
    return url


@contextlib.contextmanager
def storage_faults(option: str = "database") -> Iterator[None]:
    """Storage failures, refusals and bad values as one line and exit status 2 (`UsageError`):
    never a traceback, never SQL or personal data. A failure names `option`."""
    from intake.cli import UsageError
    from storage.api import PermissionDenied, StorageError

    try:
        yield
    except PermissionDenied as exc:
        raise UsageError(str(exc)) from None
    except StorageError as exc:
        raise UsageError(f"{option}: {exc}") from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
