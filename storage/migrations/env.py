"""Alembic environment: runs on the connection the app hands over (`storage.db.upgrade`), or
on the app's own database URL when Alembic is driven from its command line."""

from __future__ import annotations

from alembic import context

from storage.schema import metadata

config = context.config
target_metadata = metadata


def _run(connection: object) -> None:
    # transactional_ddl: the whole upgrade commits or nothing does, on SQLite as well.
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        transactional_ddl=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from storage.db import WRITE_OPTION, make_engine

    url = config.get_main_option("sqlalchemy.url")
    if not url:
        from intake.settings import load_settings

        url = load_settings().database_url
    engine = make_engine(url)
    try:
        with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run `intake db upgrade`")
run_migrations_online()
