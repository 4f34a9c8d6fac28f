"""Persistence of cases, drafts and the audit log, behind one narrow interface (`storage.api`).

Importing this package is cheap: SQLAlchemy is imported only when a repository is opened, so
the first screen of the app never waits for it. These three functions are the only ways in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.api import AdminRepository, Repository


def open_repository(url: str, *, migrate: bool = True) -> Repository:
    """Open the database at `url` (SQLite or PostgreSQL), migrating the embedded one on start."""
    from storage.repository import SqlRepository

    return SqlRepository.open(url, migrate=migrate)


def open_admin(url: str, *, migrate: bool = True) -> AdminRepository:
    """The same database, with IT staff's tools (`intake db`, `intake audit`)."""
    from storage.repository import SqlRepository

    return SqlRepository.open(url, migrate=migrate)


def upgrade_database(url: str) -> tuple[str, ...]:
    """`intake db upgrade`: migrate the database at `url`; returns its revision(s) after."""
    from storage.db import upgrade_database as upgrade

    return upgrade(url)
