"""Engines, connection settings and schema migrations for the two supported databases.

SQLite is the embedded default, so it must be as durable as a server: WAL with
synchronous=FULL (a committed answer survives a power cut), foreign keys on, and a busy
timeout. Python's sqlite3 module starts transactions lazily and on its own terms, which lets
two processes read the same counter before either writes; following SQLAlchemy's documented
recipe, the driver is put in autocommit mode and SQLAlchemy emits BEGIN itself: BEGIN
IMMEDIATE for write sessions (the write lock is taken up front and waits for the busy
timeout, instead of failing at once with "database is locked" on the first write in WAL),
plain BEGIN for read sessions.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, DBAPIError

from storage import files
from storage.api import DatabaseFault, SchemaOutdatedError, SchemaTooNewError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The schema this version of intake writes, and every revision it knows, kept here so that
# opening an up-to-date database needs neither Alembic (tests/storage/test_open_is_cheap.py;
# its cost is in docs/benchmarks.md) nor a scan of the
# migration scripts. tests/storage/test_migrations.py holds both equal to the scripts in
# migrations/versions/: a new migration must update them.
HEAD_REVISION = "0008"
KNOWN_REVISIONS = frozenset({"0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008"})
VERSION_TABLE = "alembic_version"
BUSY_TIMEOUT_MS = 30_000
WAL_SIZE_LIMIT = 4 * 1024 * 1024
WRITE_OPTION = "intake_write"  # execution option marking a write session's connections
_PG_ADVISORY_LOCK = 0x1A7A4E  # serialises concurrent `upgrade` runs on one PostgreSQL database

T = TypeVar("T")


def normalize_url(url: str) -> URL:
    """Accept `postgresql://` and `postgres://` and use the psycopg 3 driver for them."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # the message repeats the URL, with its password
        raise DatabaseFault("bad_url") from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseFault("bad_url", "unsupported scheme")
    return parsed


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, **connect_args: Any) -> Engine:
    """An engine for `url`; for SQLite the file is checked (or created, owner-only) and
    durability is set up. `busy_timeout_ms`: how long SQLite waits for another writer."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, busy_timeout_ms, connect_args)
    return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)


def _sqlite_engine(url: URL, busy_timeout_ms: int, connect_args: dict[str, Any]) -> Engine:
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        files.prepare_database_file(Path(database).expanduser())
    args = {"timeout": busy_timeout_ms / 1000, **connect_args}
    engine = create_engine(url, connect_args=args)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when a transaction begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            # After a checkpoint has reset it, the WAL file is cut back to this size, so the
            # space a long day's writes took is given back to the disk.
            cursor.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def writing_engine(engine: Engine) -> Engine:
    """`engine` for a write transaction: on SQLite its BEGIN takes the write lock."""
    return engine.execution_options(**{WRITE_OPTION: True})


def checkpoint(engine: Engine) -> None:
    """Copy the SQLite WAL into the database file and empty it (best effort: on a full disk
    it may not manage, and the next commit or close tries again)."""
    if not is_sqlite(engine):
        return
    with contextlib.suppress(DBAPIError), engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def is_retryable(exc: BaseException) -> bool:
    """Transient contention that a second attempt resolves: a PostgreSQL serialization
    failure or deadlock. (SQLite still busy after its busy timeout is not retried: the timeout
    already waited, and retrying it froze a desk for minutes.)"""
    return isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) in (
        "40001",
        "40P01",
    )


def retrying(fn: Callable[[], T], attempts: int = 8) -> T:
    """Run one unit of work, repeating it on transient contention so the user never sees it."""
    for attempt in range(attempts):
        try:
            return fn()
        except DBAPIError as exc:
            if attempt == attempts - 1 or not is_retryable(exc):
                raise
            time.sleep(0.01 * 2**attempt)
    raise AssertionError("unreachable")  # pragma: no cover


# --- migrations -------------------------------------------------------------------------


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """Alembic configured in code, so migrations run from an installed package too."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", normalize_url(url).render_as_string(False))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    return HEAD_REVISION


def known_revisions() -> frozenset[str]:
    return KNOWN_REVISIONS


def current_revisions(connection: Connection) -> tuple[str, ...]:
    """The database's revision(s) as Alembic records them; () for an empty database. Read with
    plain SQL, so that the check on every start does not import Alembic."""
    if not connection.dialect.has_table(connection, VERSION_TABLE):
        return ()
    rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
    return tuple(str(row[0]) for row in rows)


def check_not_too_new(connection: Connection) -> tuple[str, ...]:
    """The database's revisions, refusing one written by a newer version of intake, and one
    whose tables are there without a revision (so an upgrade would fail half-way)."""
    current = current_revisions(connection)
    if not current and connection.dialect.has_table(connection, "users"):
        raise DatabaseFault("no_revision")
    unknown = [rev for rev in current if rev not in KNOWN_REVISIONS]
    if unknown:
        raise SchemaTooNewError(f"revision {', '.join(unknown)}")
    return current


def upgrade(engine: Engine) -> None:
    """Bring the schema to this version's head, in one transaction, safe to run from several
    processes at once (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock). On PostgreSQL
    the same transaction then sets up the intake roles, grants and row-level security
    (`storage.pgroles.setup_if_permitted`), so that no upgrade leaves a table without them."""

    def run() -> None:
        with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
            if not is_sqlite(engine):
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_ADVISORY_LOCK})")
            current = check_not_too_new(conn)
            if current == (HEAD_REVISION,):
                return
            from alembic import command  # only when an upgrade is due: it is heavy

            command.upgrade(alembic_config(conn), "head")
            if not is_sqlite(engine):  # roles, grants and policies for the schema as it is now
                from storage import pgroles

                pgroles.setup_if_permitted(conn)

    retrying(run)


def upgrade_database(url: str) -> tuple[str, ...]:
    """`intake db upgrade`: migrate the database at `url`; returns its revision(s) after."""
    with engine_for(url) as engine:
        upgrade(engine)
        with engine.connect() as conn:
            return current_revisions(conn)


def ensure_schema(engine: Engine, *, migrate: bool) -> None:
    """On open: refuse a newer schema; upgrade the embedded SQLite database; require an
    explicit upgrade of a shared PostgreSQL database."""
    with engine.connect() as conn:
        current = check_not_too_new(conn)
        conn.rollback()
    if current == (HEAD_REVISION,):
        return
    if migrate and is_sqlite(engine):
        upgrade(engine)
        return
    raise SchemaOutdatedError()


@contextlib.contextmanager
def engine_for(url: str) -> Iterator[Engine]:
    engine = make_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()
