"""Persistence of cases, drafts and the audit log, behind one narrow interface (`storage.api`).

Importing this package is cheap: SQLAlchemy is imported only when a repository is opened, so
the first screen of the app never waits for it. These three functions are the only ways in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from storage.api import AdminRepository, CaseWork, Repository


def open_repository(
    url: str, *, migrate: bool = True, busy_timeout_ms: int | None = None
) -> Repository:
    """Open the database at `url` (SQLite or PostgreSQL), migrating the embedded one on start.
    Any failure, here or in a later call, is a `storage.api.StorageError` with one clear line
    (`DatabaseFault` for the database itself: `.code`, `.message(lang)`). `busy_timeout_ms`:
    how long an embedded database waits for another writer (default 30 s)."""
    return open_admin(url, migrate=migrate, busy_timeout_ms=busy_timeout_ms)


def open_admin(
    url: str, *, migrate: bool = True, busy_timeout_ms: int | None = None
) -> AdminRepository:
    """The same database, with IT staff's tools (`intake db`, `intake audit`)."""
    from storage.db import BUSY_TIMEOUT_MS
    from storage.repository import SqlRepository

    timeout = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
    return SqlRepository.open(url, migrate=migrate, busy_timeout_ms=timeout)


def upgrade_database(url: str) -> tuple[str, ...]:
    """`intake db upgrade`: migrate the database at `url`; returns its revision(s) after."""
    from storage.db import upgrade_database as upgrade
    from storage.faults import translated

    with translated():
        return upgrade(url)


def open_case_work(
    url: str, *, migrate: bool = True, busy_timeout_ms: int | None = None
) -> CaseWork:
    """The same database, for working cases (the case screens and `intake cases`): the one
    implementation, `SqlRepository`, is all three protocols."""
    return cast("CaseWork", open_admin(url, migrate=migrate, busy_timeout_ms=busy_timeout_ms))
