"""`intake cases ...`: case work from the command line, for the office and for integrations.

    intake cases list [--overdue] [--mine] [--level strong] [--format json]
    intake cases show 2026-0042 [--format json]
    intake cases assign 2026-0042 sven        (or --nobody)
    intake cases note 2026-0042 "Ringde Farsta"
    intake cases done 2026-0042 request_case_transfer --on 2026-11-10 --note "..."
    intake cases close 2026-0042 --reason "Överflyttat"
    intake cases annul 2026-0042 --reason "Skapat av misstag"
    intake cases import RECORD.json         (a case from an intake record)

The acting user is who runs the command, as for the app: the OS account (PostgreSQL: the
database login), never a name given on the command line (`--user` is an admin's audited
support option); the repository decides what their role may do and audits it. Exit status: 0
done, 2 bad input (one line naming what was expected), 3 refused (one line, in the user's
language, saying what the role or the workflow does not allow, or that the account is not a
user and who can add it; the refusal is in the audit log).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any

from intake.commands import action, actions, cli_lang, database_url, parse_date, storage_faults
from intake.commands.db import add_user_option, signed_in

if TYPE_CHECKING:
    from storage.api import CaseInfo, CaseWork, UserInfo

REFUSED = 3
SORTS = ("number", "created", "origin", "level", "urgency", "status", "assignee", "next_due")
STATUSES = (
    "new",
    "assigned",
    "origin_contacted",
    "transfer_requested",
    "ivo_applied",
    "closed",
    "annulled",
)


def register(parser: argparse.ArgumentParser) -> None:
    sub = actions(parser)
    listing = action(sub, "list", _list, "the case list, with the app's filters")
    listing.add_argument("--status", action="append", choices=STATUSES, default=[])
    listing.add_argument("--level", choices=("strong", "possible", "none", "not_applicable"))
    listing.add_argument("--urgency", choices=("immediate", "soon", "routine"))
    listing.add_argument("--assignee", metavar="USER")
    listing.add_argument("--mine", action="store_true", help="assigned to me (reception: made)")
    listing.add_argument("--unassigned", action="store_true")
    listing.add_argument("--overdue", action="store_true")
    listing.add_argument("--open-questions", action="store_true")
    listing.add_argument("--search", default="", metavar="TEXT")
    listing.add_argument("--sort", choices=SORTS, default="created")
    listing.add_argument("--ascending", action="store_true")
    listing.add_argument("--offset", type=int, default=0)
    listing.add_argument("--limit", type=int, default=100)
    listing.add_argument("--today", metavar="YYYY-MM-DD", help="the day 'overdue' counts from")
    show = action(sub, "show", _show, "one case: steps, facts, assessment, notes, history")
    show.add_argument("number", metavar="CASE")
    assign = action(sub, "assign", _assign, "assign a social worker (or --nobody)")
    assign.add_argument("number", metavar="CASE")
    assign.add_argument("assignee", metavar="USER", nargs="?")
    assign.add_argument("--nobody", action="store_true")
    note = action(sub, "note", _note, "append a journal note")
    note.add_argument("number", metavar="CASE")
    note.add_argument("text")
    done = action(sub, "done", _done, "mark a step done (by its code or id)")
    done.add_argument("number", metavar="CASE")
    done.add_argument("step", metavar="STEP")
    done.add_argument("--on", metavar="YYYY-MM-DD", help="the day it was done (default: today)")
    done.add_argument("--note", default="")
    endings = []
    for name, text in (("close", "close the case"), ("annul", "annul a case made by mistake")):
        ending = action(sub, name, _end, f"{text} (needs --reason)")
        ending.add_argument("number", metavar="CASE")
        ending.add_argument("--reason", required=True)
        ending.set_defaults(ending=name)
        endings.append(ending)
    importing = action(sub, "import", _import, "create a case from an intake record (JSON)")
    importing.add_argument("file", metavar="RECORD.json", help="the record, or - for stdin")
    importing.add_argument("--receiving", metavar="CODE")
    for each in (listing, show, assign, note, done, *endings, importing):
        add_user_option(each)
        each.add_argument("--format", choices=("table", "json"), default="table")

    from intake.commands import case_export

    case_export.register(sub)  # export | letters | sent (issue 16)


# --- plumbing ------------------------------------------------------------------------------


def _run(args: argparse.Namespace, work: Callable[[CaseWork, UserInfo], int]) -> int:
    """Open the database, find the acting user, run `work`; a refusal is one line, status 3."""
    from intake.cli import UsageError
    from intake.core.workflow import WorkflowRefused
    from storage import open_case_work
    from storage.api import NotFoundError, PermissionDenied

    with storage_faults("--db"):
        repo = open_case_work(database_url(args))
    try:
        with storage_faults():  # what is not a refusal or an unknown case
            try:
                user = signed_in(args, repo)
                return work(repo, user)
            except (PermissionDenied, WorkflowRefused) as exc:
                print(f"intake: {exc.message(cli_lang(args))}", file=sys.stderr)
                return REFUSED
            except NotFoundError as exc:
                raise UsageError(f"CASE: {exc}") from None
    finally:
        repo.close()


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    raise TypeError(type(value).__name__)


def _json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=_plain) + "\n")


def _print_case(case: CaseInfo, args: argparse.Namespace) -> None:
    if args.format == "json":
        _json({"schema": "intake-case-view/1", **dataclasses.asdict(case)})
        return
    from intake.core.workflow import ENDED
    from intake.ui import case_text

    lang = cli_lang(args)
    today = None if case.status in ENDED else dt.date.today()
    print(f"{case.number}\t{case_text.headline(case, lang)}")
    for task in case.tasks:
        print(f"  [{task.id}] {case_text.task_line(task, lang, today)}")
    for line in case_text.note_lines(case, lang) if case.notes else []:
        print(f"  {line}")


# --- the commands --------------------------------------------------------------------------


def _list(args: argparse.Namespace) -> int:
    from storage.api import CaseQuery, CaseSort, CaseStatus

    query = CaseQuery(
        statuses=tuple(CaseStatus(s) for s in args.status),
        level=args.level,
        urgency=args.urgency,
        assignee=args.assignee,
        mine=args.mine,
        unassigned=args.unassigned,
        overdue=args.overdue,
        open_questions=args.open_questions,
        text=args.search,
        sort=CaseSort(args.sort),
        descending=not args.ascending,
        offset=args.offset,
        limit=args.limit,
        today=parse_date(args.today, "--today") if args.today else None,
    )

    def work(repo: CaseWork, user: UserInfo) -> int:
        page = repo.find_cases(user, query)
        if args.format == "json":
            rows = [dataclasses.asdict(row) for row in page.rows]
            _json({"total": page.total, "offset": page.offset, "cases": rows})
            return 0
        for row in page.rows:
            due = row.next_due.isoformat() if row.next_due else "-"
            print(
                f"{row.number}\t{row.status.value}\t{row.level}\t{row.urgency}\t"
                f"{row.origin_code or '-'}\t{row.assignee or '-'}\t{due}"
            )
        print(f"{len(page.rows)} of {page.total}", file=sys.stderr)
        return 0

    return _run(args, work)


def _show(args: argparse.Namespace) -> int:
    def work(repo: CaseWork, user: UserInfo) -> int:
        _print_case(repo.get_case(user, args.number), args)
        return 0

    return _run(args, work)


def _changed(args: argparse.Namespace, change: Callable[[CaseWork, UserInfo], CaseInfo]) -> int:
    def work(repo: CaseWork, user: UserInfo) -> int:
        _print_case(change(repo, user), args)
        return 0

    return _run(args, work)


def _assign(args: argparse.Namespace) -> int:
    from intake.cli import UsageError

    if bool(args.assignee) == bool(args.nobody):
        raise UsageError("assign: give either USER or --nobody")
    return _changed(args, lambda repo, user: repo.assign_case(user, args.number, args.assignee))


def _note(args: argparse.Namespace) -> int:
    return _changed(args, lambda repo, user: repo.add_note(user, args.number, args.text))


def _done(args: argparse.Namespace) -> int:
    from intake.cli import UsageError

    on = parse_date(args.on, "--on") if args.on else None

    def change(repo: CaseWork, user: UserInfo) -> CaseInfo:
        case = repo.get_case(user, args.number)
        task = next(
            (t for t in case.tasks if args.step in (t.code, str(t.id))),
            None,
        )
        if task is None:
            codes = ", ".join(t.code for t in case.tasks)
            raise UsageError(f"STEP: one of this case's steps ({codes}) or its id")
        return repo.complete_task(user, args.number, task.id, args.note, done_on=on)

    return _changed(args, change)


def _end(args: argparse.Namespace) -> int:
    if args.ending == "close":
        return _changed(args, lambda repo, user: repo.close_case(user, args.number, args.reason))
    return _changed(args, lambda repo, user: repo.annul_case(user, args.number, args.reason))


def _import(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from intake.cli import UsageError
    from intake.commands.classify import _load, _read
    from intake.core.classifier import classify_data
    from intake.core.dialogue.api import DialogueStamp
    from intake.core.record import IntakeRecord, describe_validation_error
    from intake.core.rules import Lang
    from intake.settings import load_settings
    from storage.api import CaseKind, NewCase

    settings = load_settings()
    text = _read(args.file)
    data = _load(text)
    receiving = args.receiving or settings.receiving_municipality
    try:
        record = IntakeRecord.parse(data, receiving=receiving).to_json_dict()
        lang: Lang = "en" if cli_lang(args) == "en" else "sv"
        assessment = classify_data(record, receiving=receiving, lang=lang)
    except ValidationError as exc:
        raise UsageError(describe_validation_error(exc)) from None
    import hashlib

    stamp = DialogueStamp(
        "import", str(record.get("schema", "")), hashlib.sha256(text.encode()).hexdigest()
    )
    new = NewCase(CaseKind.INTAKE, record, assessment, [], stamp, cli_lang(args))
    return _changed(args, lambda repo, user: repo.create_case(user, new))
