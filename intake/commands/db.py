"""`intake db ...`: IT staff's tools for the database: schema upgrade, users, gallring.

    intake db upgrade                    # bring the schema to this version (PostgreSQL: required)
    intake db status                     # schema revision and counts
    intake db add-user NAME --role ROLE  # create or update a user: reception|social_worker|admin
    intake db users
    intake db purge [--apply] [--today YYYY-MM-DD] [--years N]

Who runs a command is the OS account (PostgreSQL: the database login), which must be an
admin for add-user, users and purge; the very first command on an empty embedded database
makes that account its first admin (audited). `--user NAME` lets an admin act as another
user, audited (support). The database is `--db URL`, else INTAKE_DATABASE_URL or the config
file, else the embedded SQLite file. SQLAlchemy is imported only when a command runs.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from intake.commands import action, actions, database_url, parse_date, storage_faults

if TYPE_CHECKING:
    from storage.api import AdminRepository, Repository, UserInfo

ROLES = ("reception", "social_worker", "admin")
# IT staff's commands wait this long for a desk that is writing, then say the database is busy.
CLI_BUSY_TIMEOUT_MS = 5_000


def register(parser: argparse.ArgumentParser) -> None:
    sub = actions(parser)
    action(sub, "upgrade", _upgrade, "migrate the database schema to this version")
    action(sub, "status", _status, "schema revision and number of cases")
    add_user = action(sub, "add-user", _add_user, "create a user, or change a user's name and role")
    add_user.add_argument("username")
    add_user.add_argument("--role", required=True, choices=ROLES)
    add_user.add_argument("--name", dest="display_name", help="display name (default: USERNAME)")
    action(sub, "users", _users, "list users and their roles")
    purge = action(
        sub,
        "purge",
        _purge,
        "list (or with --apply remove) closed cases and old drafts due for gallring",
        description="Closed cases are removed five years after their last entry, during the "
        "following calendar year; abandoned drafts likewise, counted from their last save. "
        "Without --apply nothing is removed. --years cannot go under the law's five years, "
        "nor --today past today's date. Every run is audited with its parameters. Needs an "
        "admin --user.",
    )
    add_user_option(purge)
    purge.add_argument("--apply", action="store_true", help="remove the cases listed")
    purge.add_argument(
        "--today", metavar="YYYY-MM-DD", help="the date to judge by (default: today)"
    )
    purge.add_argument(
        "--years", type=int, default=5, help="retention period, 5 or more (default: 5)"
    )
    action(
        sub,
        "setup-roles",
        _setup_roles,
        "PostgreSQL: create the intake roles, grants and row-level security (idempotent)",
        description="Run as the tables' owner after each upgrade. See docs/deployment.md.",
    )
    grant = action(
        sub,
        "grant",
        _grant,
        "PostgreSQL: give an existing login an intake role (and make it an intake user)",
    )
    grant.add_argument("login", metavar="USER", help="an existing PostgreSQL login role")
    grant.add_argument("role", choices=ROLES)


def add_user_option(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: `intake --user X db purge` and `intake db purge --user X` both work.
    parser.add_argument(
        "--user",
        default=argparse.SUPPRESS,
        metavar="USERNAME",
        help="admins only, for support: work as this user (audited)",
    )


@contextlib.contextmanager
def admin_session(args: argparse.Namespace) -> Iterator[AdminRepository]:
    """The database of `args`, closed afterwards; any storage failure, on opening or later,
    and any refusal or bad value is one line and exit status 2 (`storage_faults`)."""
    from storage import open_admin

    with storage_faults():
        repo = open_admin(database_url(args), busy_timeout_ms=CLI_BUSY_TIMEOUT_MS)
        try:
            yield repo
        finally:
            repo.close()


def signed_in(args: argparse.Namespace, repo: Repository) -> UserInfo:
    """Who runs the command: the OS account (PostgreSQL: the login), never a name it is told;
    with --user an admin works as another user, audited (support). The very first command on
    an empty embedded database makes the account its first admin (said on stderr, audited).
    An account that is not a user raises `PermissionDenied` naming who can add it."""
    signed = repo.identify(act_as=getattr(args, "user", None))
    if signed.first_admin:
        print(
            f"first start: the account {signed.account} is now the first admin of this "
            "database (audited)",
            file=sys.stderr,
        )
    return signed.user


def acting_user(args: argparse.Namespace, repo: AdminRepository) -> UserInfo:
    """The admin running the command (`signed_in`); anyone else is refused."""
    from intake.cli import UsageError
    from storage.api import Role

    user = signed_in(args, repo)
    if user.role is not Role.ADMIN:
        raise UsageError(f"{user.username} is not an admin of this database")
    return user


def _upgrade(args: argparse.Namespace) -> int:
    from storage import upgrade_database

    with storage_faults():
        revisions = upgrade_database(database_url(args))
    print(f"database schema at revision {', '.join(revisions)}")
    return 0


def _status(args: argparse.Namespace) -> int:
    with admin_session(args) as repo:
        status = repo.status()
    print(f"engine: {status.backend}")
    print(f"schema revision: {', '.join(status.revisions)} (this version: {status.head})")
    print(f"cases: {status.cases}")
    print(f"drafts: {status.drafts}")
    print(f"users: {status.users}")
    return 0


def _add_user(args: argparse.Namespace) -> int:
    from storage.api import Role

    with admin_session(args) as repo:
        admin = acting_user(args, repo)
        name = args.display_name or args.username
        user = repo.add_user(admin, args.username, name, Role(args.role))
    print(f"{user.username}: {user.role.value}")
    return 0


def _users(args: argparse.Namespace) -> int:
    with admin_session(args) as repo:
        acting_user(args, repo)
        users = repo.list_users()
    for user in users:
        print(f"{user.username}\t{user.role.value}\t{user.display_name}")
    return 0


def _purge(args: argparse.Namespace) -> int:
    from intake.cli import UsageError

    today = parse_date(args.today, "--today") if args.today else dt.date.today()
    with admin_session(args) as repo:
        admin = acting_user(args, repo)
        try:
            numbers = repo.purge(admin, today=today, apply=args.apply, years=args.years)
            drafts = repo.purge_drafts(admin, today=today, apply=args.apply, years=args.years)
        except ValueError as exc:  # the law's bounds: name the option
            raise UsageError(f"--{exc}") from None
    for number in numbers:
        print(number)
    for draft_id in drafts:
        print(f"draft {draft_id}")
    verb = "removed" if args.apply else "due for removal (run again with --apply to remove)"
    print(f"{len(numbers)} closed case(s) and {len(drafts)} draft(s) {verb}", file=sys.stderr)
    return 0


def _setup_roles(args: argparse.Namespace) -> int:
    from storage import setup_roles

    with storage_faults():
        setup_roles(database_url(args))
    print("roles intake_reception, intake_social_worker, intake_admin and their policies set up")
    return 0


def _grant(args: argparse.Namespace) -> int:
    from storage import grant_role

    with storage_faults():
        grant_role(database_url(args), args.login, args.role)
    print(f"{args.login}: {args.role}")
    return 0
