"""`intake letters ...`: the letter templates a municipality edits in Word.

    intake letters check MALL.docx     # the fields it uses, unknown ones, broken tags
    intake letters fields              # every field a template may use, explained
    intake letters folder              # where the municipality's own templates are kept
    intake letters make KIND RECORD.json -o BREV.docx   # a letter from a record file

`check` exits 0 when the template can be used and 1 when it cannot, so a registry can run it
before putting an edited template in place. Output is in the user's language (--lang).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from intake.commands import action, actions, cli_lang
from intake.ui.i18n import Catalog

_say = Catalog("commands").say


def register(parser: argparse.ArgumentParser) -> None:
    sub = actions(parser)
    check = action(sub, "check", _check, "check an edited template: fields, unknown ones, tags")
    check.add_argument("template", metavar="TEMPLATE.docx")
    action(sub, "fields", _fields, "every field a template may use")
    action(sub, "folder", _folder, "where the municipality's templates are kept")
    make = action(sub, "make", _make, "make a letter from an intake record (JSON) file")
    make.add_argument("kind", choices=("official_letter", "transfer_request", "ivo_application"))
    make.add_argument("record", metavar="RECORD.json")
    make.add_argument("-o", "--output", required=True, metavar="PATH")
    make.add_argument("--case", default="0000-0000", metavar="NUMBER",
                      help="case number to print in the letter")


def _check(args: argparse.Namespace) -> int:
    from intake.cli import UsageError
    from intake.core.letters import FIELDS
    from intake.exports.letter_templates import check_template

    lang = cli_lang(args)
    path = Path(args.template)
    if not path.is_file():
        raise UsageError(_say("no_file", lang, path=path))
    report = check_template(path, lang)
    if report.fields:
        print(_say("fields_used", lang))
        for name in report.fields:
            known = FIELDS.get(name)
            print(f"  {name}" + (f" – {known.describe(lang)}" if known else ""))
    for name in report.unknown:
        print(_say("unknown", lang, name=name))
    for problem in report.problems:
        print(problem)
    print(_say("ok" if report.ok else "not_ok", lang))
    return 0 if report.ok else 1


def _fields(args: argparse.Namespace) -> int:
    from intake.core.letters import FIELDS

    lang = cli_lang(args)
    for item in FIELDS.values():
        print(f"{item.name}\t{item.describe(lang)}")
    return 0


def _folder(args: argparse.Namespace) -> int:
    from intake.exports.letter_templates import template_folder

    print(template_folder())
    return 0


def _make(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from intake.cli import UsageError
    from intake.commands.classify import _load, _read
    from intake.core.classifier import assess
    from intake.core.letters import LetterCase, LetterKind, LetterRefused, letter_fields
    from intake.core.record import IntakeRecord, describe_validation_error
    from intake.exports.letter_docx import render_letter
    from intake.exports.letter_templates import TemplateError, template_for
    from intake.settings import load_settings

    lang = cli_lang(args)
    settings = load_settings()
    data = _load(_read(args.record))
    try:
        parsed = IntakeRecord.parse(data, receiving=settings.receiving_municipality)
    except ValidationError as exc:
        raise UsageError(describe_validation_error(exc)) from None
    record = parsed.to_json_dict()
    assessment = assess(parsed, lang="sv").to_json_dict()
    kind = LetterKind(args.kind)
    case = LetterCase(number=args.case, today=dt.date.today())
    try:
        fields = letter_fields(kind, record, assessment, case)
        content = render_letter(template_for(kind), fields, lang)
    except LetterRefused as exc:
        raise UsageError(exc.message(lang)) from None
    except TemplateError as exc:
        raise UsageError(str(exc)) from None
    Path(args.output).write_bytes(content)
    print(_say("written", lang, path=args.output))
    return 0
