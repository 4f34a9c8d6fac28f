"""`intake cases export | letters | sent`: a case leaving intake, from the command line.

    intake cases export 2026-0042 --format pdf  -o ARKIV/
    intake cases export 2026-0042 --format json -o ut/
    intake cases export 2026-0042 --format docx --letter transfer_request -o ut/
    intake cases letters 2026-0042               (versions, who, when, sent)
    intake cases sent 2026-0042 transfer_request --on 2026-11-02

File names are made from the case number only (`2026-0042.pdf`,
`2026-0042-transfer_request-v2.docx`), never from the person's name; `-o` is the folder
(default: the current one). A letter made here is kept with the case as a new version; every
export is in the audit log. Who acts is the OS account, as for `intake cases`. Exit codes as
`intake cases`: 2 bad input, 3 refused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intake.commands import action, cli_lang, parse_date
from intake.ui.i18n import Catalog

if TYPE_CHECKING:
    from storage.api import CaseWork, UserInfo

KINDS = ("official_letter", "transfer_request", "ivo_application")  # exports.case_files.KINDS

_say = Catalog("commands").say


def register(sub: Any) -> None:
    """Add the three actions to `intake cases` (called from intake/commands/cases.py)."""
    from intake.commands.db import add_user_option

    export = action(sub, "export", _export, "export a case: pdf, json, or a letter as docx")
    export.add_argument("number", metavar="CASE")
    export.add_argument("--format", choices=("pdf", "json", "docx"), required=True)
    export.add_argument("--letter", choices=KINDS, help="with --format docx: which letter")
    export.add_argument("--reply", choices=("refused", "no_answer"),
                        help="IVO application: the origin refused, or did not answer in time")
    export.add_argument("-o", "--output", default=".", metavar="FOLDER")
    listing = action(sub, "letters", _letters, "the letters made for a case")
    listing.add_argument("number", metavar="CASE")
    sent = action(sub, "sent", _sent, "record that a letter was sent (moves the workflow)")
    sent.add_argument("number", metavar="CASE")
    sent.add_argument("letter", choices=KINDS, help="the latest version of this letter")
    sent.add_argument("--on", required=True, metavar="YYYY-MM-DD", help="the day it was sent")
    for each in (export, listing, sent):
        add_user_option(each)


def _write(folder: Path, name: str, content: bytes, lang: str) -> None:
    path = folder / name
    path.write_bytes(content)
    print(_say("written", lang, path=path))


def _export(args: argparse.Namespace) -> int:
    from intake.cli import UsageError
    from intake.commands.cases import _run
    from intake.core.letters import LetterRefused
    from intake.exports.case_files import export_case, keep_letter, letter_bytes
    from intake.exports.letter_templates import TemplateError

    lang = cli_lang(args)
    folder = Path(args.output)
    if not folder.is_dir():
        raise UsageError(_say("no_folder", lang, path=folder))
    if args.format == "docx" and not args.letter:
        raise UsageError(_say("letter_needed", lang))

    def work(repo: CaseWork, user: UserInfo) -> int:
        case = repo.get_case(user, args.number)
        if args.format != "docx":
            _write(folder, *export_case(repo, user, case, args.format, lang), lang)
            return 0
        try:
            made = letter_bytes(case, args.letter, user.display_name, reply=args.reply)
        except LetterRefused as exc:
            raise UsageError(exc.message(lang)) from None
        except TemplateError as exc:
            raise UsageError(str(exc)) from None
        _write(folder, *keep_letter(repo, user, case, args.letter, made), lang)
        return 0

    return _run(args, work)


def _letters(args: argparse.Namespace) -> int:
    from intake.commands.cases import _run

    def work(repo: CaseWork, user: UserInfo) -> int:
        case = repo.get_case(user, args.number)
        for x in case.letters:
            sent = x.sent_on.isoformat() if x.sent_on else "-"
            print(f"{x.kind}\tv{x.version}\t{x.created_at:%Y-%m-%d %H:%M}\t{x.created_by}\t{sent}")
        if not case.letters:
            print(_say("no_letters", cli_lang(args)), file=sys.stderr)
        return 0

    return _run(args, work)


def _sent(args: argparse.Namespace) -> int:
    from intake.cli import UsageError
    from intake.commands.cases import _run

    on = parse_date(args.on, "--on")

    def work(repo: CaseWork, user: UserInfo) -> int:
        case = repo.get_case(user, args.number)
        versions = [x for x in case.letters if x.kind == args.letter]
        if not versions:
            raise UsageError(_say("no_such_letter", cli_lang(args), kind=args.letter))
        repo.mark_letter_sent(user, args.number, versions[-1].id, on)
        return 0

    return _run(args, work)
