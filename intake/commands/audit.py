"""`intake audit ...`: logguppföljning, the follow-up of who did what, for admins.

    intake audit case 2026-0042            # who created, opened, changed, printed this case
    intake audit user sven                 # what one user did
    intake audit day 2026-11-29            # everything on one (UTC) day
    intake audit refusals [--since DATE]   # what was refused, to whom
    intake audit day 2026-11-29 --csv > audit.csv   # for the municipality's yearly review

One line per event, tab-separated: UTC time, username, action, case number (or -), detail;
`--csv` writes the same as CSV with a header. The one running it is the OS account (or, on
PostgreSQL, the database login), which must be an admin; `--user` lets an admin read as
another admin, audited.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from intake.commands import action, actions, parse_date
from intake.commands.db import acting_user, add_user_option, admin_session

if TYPE_CHECKING:
    from storage.api import AuditEntry, AuditQuery


def register(parser: argparse.ArgumentParser) -> None:
    sub = actions(parser)
    case = action(sub, "case", _run, "everything done to one case")
    case.add_argument("number", metavar="CASE", help="case number, YYYY-NNNN")
    case.set_defaults(query=lambda args: {"case_number": args.number})
    user = action(sub, "user", _run, "everything one user did")
    user.add_argument("username", metavar="USER")
    user.set_defaults(query=lambda args: {"username": args.username})
    day = action(sub, "day", _run, "everything on one day (UTC)")
    day.add_argument("day", metavar="YYYY-MM-DD")
    day.set_defaults(query=lambda args: {"day": parse_date(args.day, "day")})
    refusals = action(sub, "refusals", _run, "what was refused, and to whom")
    refusals.add_argument("--since", metavar="YYYY-MM-DD", help="from this day on (UTC)")
    refusals.set_defaults(query=_refusals)
    for each in (case, user, day, refusals):
        add_user_option(each)
        each.add_argument("--csv", action="store_true", help="CSV with a header, for export")


def _refusals(args: argparse.Namespace) -> dict[str, Any]:
    from storage.api import AuditAction

    since = parse_date(args.since, "--since") if args.since else None
    return {"action": AuditAction.REFUSED, "since": since}


def _run(args: argparse.Namespace) -> int:
    from storage.api import AuditQuery

    query: AuditQuery = AuditQuery(**args.query(args))
    with admin_session(args) as repo:
        entries = repo.audit_entries(acting_user(args, repo), query)
    _write(entries, as_csv=args.csv)
    return 0


def _write(entries: list[AuditEntry], *, as_csv: bool) -> None:
    from intake.exports import audit_csv

    if as_csv:
        audit_csv.write(entries, sys.stdout)
        return
    for entry in entries:
        print(audit_csv.line(entry))
