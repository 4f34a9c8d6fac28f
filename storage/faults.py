"""Database driver errors as `DatabaseFault`s: one clear line naming the problem and what to
do, never the driver's message (it can hold SQL and its parameters, i.e. personal data).

SQLite errors are told apart by their result code (`sqlite3.Error.sqlite_errorname`),
PostgreSQL ones by SQLSTATE, or, when the connection itself failed, by the few words libpq
uses for it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy.exc import DBAPIError

from storage.api import DatabaseFault, PermissionDenied

SQLITE_CODES = {
    "SQLITE_FULL": "disk_full",
    "SQLITE_BUSY": "busy",
    "SQLITE_LOCKED": "busy",
    "SQLITE_CORRUPT": "corrupt",
    "SQLITE_NOTADB": "corrupt",
    "SQLITE_READONLY": "read_only",
    "SQLITE_PERM": "read_only",
    "SQLITE_CANTOPEN": "cannot_open",
    # An extended code told apart from its primary one: growing the WAL's shared-memory
    # file failed, which on a full disk is the first write a new connection makes.
    "SQLITE_IOERR_SHMSIZE": "disk_full",
}
PG_STATES = {
    "3D000": "no_database",  # invalid_catalog_name
    "28000": "login",  # invalid_authorization_specification
    "28P01": "login",  # invalid_password
    "53100": "disk_full",
    "55P03": "busy",  # lock_not_available
    "57014": "busy",  # query_canceled (statement or lock timeout)
    "25006": "read_only",  # read_only_sql_transaction
    "XX001": "corrupt",  # data_corrupted
    "XX002": "corrupt",  # index_corrupted
}
# libpq's own words when there is no server answer to read a SQLSTATE from.
PG_CONNECT_WORDS = (
    ("does not exist", "no_database"),
    ("password authentication failed", "login"),
    ("no pg_hba.conf entry", "login"),
    ("authentication failed", "login"),
    ("connection refused", "unreachable"),
    ("could not connect", "unreachable"),
    ("could not translate host name", "unreachable"),
    ("timeout expired", "unreachable"),
    ("connection to server", "unreachable"),
)


def fault_code(exc: DBAPIError) -> str:
    orig = exc.orig
    name = getattr(orig, "sqlite_errorname", None)
    if isinstance(name, str):  # e.g. SQLITE_READONLY_DIRECTORY: its primary code
        return SQLITE_CODES.get(name) or SQLITE_CODES.get("_".join(name.split("_")[:2]), "failed")
    state = getattr(orig, "sqlstate", None)
    if state in PG_STATES:
        return PG_STATES[str(state)]
    if state is None:
        text = str(orig).lower()
        for words, code in PG_CONNECT_WORDS:
            if words in text:
                return code
    return "failed"


def translate(exc: DBAPIError) -> DatabaseFault:
    code = fault_code(exc)
    detail = "" if code != "failed" else type(exc.orig).__name__
    return DatabaseFault(code, detail)


@contextlib.contextmanager
def translated() -> Iterator[None]:
    """Run the block; a driver error leaves it as a `DatabaseFault` (the original is kept as
    its `__cause__` for a debugger, never shown), PostgreSQL's own refusal (a grant or a
    row-level security policy) as `PermissionDenied`."""
    try:
        yield
    except DBAPIError as exc:
        if refused_by_database(exc):
            raise PermissionDenied(code="database") from exc
        raise translate(exc) from exc


def refused_by_database(exc: DBAPIError) -> bool:
    """PostgreSQL's insufficient_privilege: a grant or a row-level security policy refused."""
    return getattr(exc.orig, "sqlstate", None) == "42501"
