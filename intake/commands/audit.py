"""`intake audit ...`: logguppföljning, the follow-up of who opened what.

    intake --user ADMIN audit case 2026-0042    # who created, opened, changed, printed this case
    intake --user ADMIN audit user sven         # which cases this user opened

One line per event: UTC time, username, action, case number. Needs an admin user.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from intake.commands.db import acting_user, add_user_option, admin_session

if TYPE_CHECKING:
    from storage.api import AuditEntry


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "audit",
        help="access follow-up (logguppföljning): who opened a case, what a user opened",
        description="Read the audit log. Needs an admin --user.",
    )
    sub = parser.add_subparsers(title="audit commands", metavar="WHAT", required=True)
    case = sub.add_parser("case", help="everything done to one case")
    case.add_argument("number", metavar="CASE", help="case number, YYYY-NNNN")
    add_user_option(case)
    case.set_defaults(handler=_case)
    user = sub.add_parser("user", help="everything one user did")
    user.add_argument("username", metavar="USER")
    add_user_option(user)
    user.set_defaults(handler=_user)


def _print(entries: list[AuditEntry]) -> None:
    for entry in entries:
        at = entry.at.strftime("%Y-%m-%dT%H:%M:%SZ")
        print(f"{at}\t{entry.username}\t{entry.action.value}\t{entry.case_number or '-'}")


def _case(args: argparse.Namespace) -> int:
    with admin_session(args) as repo:
        entries = repo.audit_for_case(acting_user(args, repo), args.number)
    _print(entries)
    return 0


def _user(args: argparse.Namespace) -> int:
    with admin_session(args) as repo:
        entries = repo.audit_for_user(acting_user(args, repo), args.username)
    _print(entries)
    return 0
