"""Audit rows take their time from the database's clock, whatever the client sent; PostgreSQL
gets a function that tells a login whether a case it may not see exists (so that reception
is refused another's case, as on SQLite, instead of told it does not exist).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite cannot change NEW in a trigger: a row whose time is not the database's own is
# inserted again with it, and the client's row is dropped (RAISE(IGNORE)). Within one
# statement 'now' is one value, so the row inserted by the trigger does not match its WHEN.
# The format is the one SQLAlchemy writes (microseconds), so that times compare as text.
SQLITE_UP = (
    """CREATE TRIGGER audit_events_db_time BEFORE INSERT ON audit_events
       WHEN NEW.at IS NOT strftime('%Y-%m-%d %H:%M:%f000', 'now')
       BEGIN
         INSERT INTO audit_events (at, username, action, case_number, detail)
         VALUES (strftime('%Y-%m-%d %H:%M:%f000', 'now'),
                 NEW.username, NEW.action, NEW.case_number, NEW.detail);
         SELECT RAISE(IGNORE);
       END""",
)
PG_UP = (
    """CREATE FUNCTION audit_events_db_time() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN NEW.at := clock_timestamp(); RETURN NEW; END $$""",
    """CREATE TRIGGER audit_events_db_time BEFORE INSERT ON audit_events
       FOR EACH ROW EXECUTE FUNCTION audit_events_db_time()""",
    # Runs as its owner, past row-level security, and answers yes or no only: the case
    # number is all a refused login learns, as on SQLite. Granted by storage.pgroles.
    """CREATE FUNCTION intake_case_exists(wanted text) RETURNS boolean
       LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp
       AS $$ SELECT EXISTS (SELECT 1 FROM cases WHERE number = wanted) $$""",
    "REVOKE ALL ON FUNCTION intake_case_exists(text) FROM PUBLIC",
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
        return
    schema = str(bind.exec_driver_sql("SELECT current_schema()").scalar_one())
    quoted = '"' + schema.replace('"', '""') + '"'
    for statement in PG_UP:
        op.execute(statement.replace("{schema}", quoted))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_events_db_time")
        return
    op.execute("DROP TRIGGER IF EXISTS audit_events_db_time ON audit_events")
    op.execute("DROP FUNCTION IF EXISTS audit_events_db_time()")
    op.execute("DROP FUNCTION IF EXISTS intake_case_exists(text)")
