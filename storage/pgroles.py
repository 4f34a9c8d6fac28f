"""PostgreSQL roles, grants and row-level security: on a shared database the database itself
refuses what a role may not do, for the app and for a direct SQL session alike.

`setup(conn)` creates the three group roles (when missing), grants each the tables and
columns it needs and nothing else, and enables row-level security with policies keyed on
`session_user`. It is idempotent and runs at the end of every `intake db upgrade`, in the
upgrade's transaction (`setup_if_permitted`: when the owner running it may create roles or
they exist already); `intake db setup-roles` runs it on demand, for a DBA who creates the
roles after an owner without CREATEROLE upgraded. `grant(conn, login, role)` (`intake db
grant`) makes a login a member of one of them and an intake user. The app's roles own
nothing, so they cannot alter tables, policies or the audit table's triggers.
"""

from __future__ import annotations

from sqlalchemy import Connection

from storage.api import Role

GROUPS = {
    Role.RECEPTION: "intake_reception",
    Role.SOCIAL_WORKER: "intake_social_worker",
    Role.ADMIN: "intake_admin",
}
ALL = ", ".join(GROUPS.values())
WORKERS = "intake_reception, intake_social_worker"
CASE_CHILDREN = (
    "transcript_entries",
    "tasks",
    "case_changes",
    "case_notes",
    "workflow_entries",
    "assessment_revisions",
    "case_letters",
)
# What a purge reads of a case: no record, no assessment, no free text.
PURGE_COLUMNS = "id, number, status, year, seq, last_entry_at, research_sample"

# Only when missing (an owner without CREATEROLE may still set up roles a DBA made); a
# concurrent creation by another upgrade is no error.
_CREATE_ROLE = """
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') THEN
    CREATE ROLE {name} NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$"""


def _policy(
    name: str, table: str, command: str, roles: str, using: str, check: str = ""
) -> list[str]:
    """Drop and create one policy (so that running setup again brings it up to date)."""
    clause = f" USING ({using})" if using else ""
    clause += f" WITH CHECK ({check})" if check else ""
    return [
        f"DROP POLICY IF EXISTS {name} ON {table}",
        f"CREATE POLICY {name} ON {table} FOR {command} TO {roles}{clause}",
    ]


def statements() -> list[str]:
    own_case = "case_id IN (SELECT id FROM cases)"  # the cases the role may see (RLS)
    sql = [_CREATE_ROLE.format(name=name) for name in GROUPS.values()]
    sql += [
        f"GRANT USAGE ON SCHEMA {{schema}} TO {ALL}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {{schema}} TO {ALL}",
        f"GRANT SELECT ON alembic_version, users TO {ALL}",
        "GRANT INSERT, UPDATE ON users TO intake_admin",
        # cases and what hangs on them
        f"GRANT SELECT, INSERT ON cases, {', '.join(CASE_CHILDREN)} TO {WORKERS}",
        f"GRANT UPDATE ON cases, {', '.join(CASE_CHILDREN)} TO intake_social_worker",
        f"GRANT SELECT, INSERT, UPDATE ON case_counters TO {WORKERS}",
        f"GRANT SELECT ({PURGE_COLUMNS}) ON cases TO intake_admin",
        "GRANT DELETE ON cases TO intake_admin",
        # drafts
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON drafts, draft_events TO {WORKERS}",
        "GRANT SELECT (id, created_by, updated_at) ON drafts TO intake_admin",
        "GRANT DELETE ON drafts TO intake_admin",
        # the audit log: everyone appends, only admins read, nobody changes
        f"GRANT INSERT ON audit_events TO {ALL}",
        "GRANT SELECT ON audit_events TO intake_admin",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC, {ALL}",
        # whether a case hidden by row-level security exists (migration 0008)
        f"GRANT EXECUTE ON FUNCTION intake_case_exists(text) TO {WORKERS}",
    ]
    for table in ("cases", *CASE_CHILDREN, "drafts", "draft_events", "audit_events"):
        sql.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    sql += _policy(
        "reception_reads_own", "cases", "SELECT", "intake_reception", "created_by = session_user"
    )
    sql += _policy(
        "reception_creates_own",
        "cases",
        "INSERT",
        "intake_reception",
        "",
        "created_by = session_user",
    )
    sql += _policy("worker_all_cases", "cases", "ALL", "intake_social_worker", "true", "true")
    sql += _policy("admin_sees_for_purge", "cases", "SELECT", "intake_admin", "true")
    sql += _policy("admin_purges_closed", "cases", "DELETE", "intake_admin", "status = 'closed'")
    for table in CASE_CHILDREN:
        sql += _policy("reception_own_case", table, "SELECT", "intake_reception", own_case)
        sql += _policy("reception_adds_own_case", table, "INSERT", "intake_reception", "", own_case)
        sql += _policy("worker_all", table, "ALL", "intake_social_worker", "true", "true")
    sql += _policy("own_drafts", "drafts", "ALL", WORKERS, "created_by = session_user", "true")
    sql += _policy("admin_purges_drafts", "drafts", "SELECT", "intake_admin", "true")
    sql += _policy("admin_deletes_drafts", "drafts", "DELETE", "intake_admin", "true")
    sql += _policy(
        "own_draft_events",
        "draft_events",
        "ALL",
        WORKERS,
        "draft_id IN (SELECT id FROM drafts)",
        "draft_id IN (SELECT id FROM drafts)",
    )
    sql += _policy(
        "append_as_oneself", "audit_events", "INSERT", ALL, "", "username = session_user"
    )
    sql += _policy("admin_reads_audit", "audit_events", "SELECT", "intake_admin", "true")
    return sql


def setup(conn: Connection) -> None:
    """Roles, grants and policies in the database's current schema (idempotent)."""
    schema = str(conn.exec_driver_sql("SELECT current_schema()").scalar_one())
    quoted = '"' + schema.replace('"', '""') + '"'
    for statement in statements():
        conn.exec_driver_sql(statement.replace("{schema}", quoted))


def setup_if_permitted(conn: Connection) -> bool:
    """`setup(conn)` when the intake roles exist or the current login may create them; False
    (nothing done) otherwise: then a DBA runs `intake db setup-roles`, and until then only
    the owner can use the tables."""
    missing = conn.exec_driver_sql(
        "SELECT count(*) FROM unnest(%(names)s::text[]) AS n"
        " WHERE n NOT IN (SELECT rolname FROM pg_roles)",
        {"names": list(GROUPS.values())},
    ).scalar_one()
    may_create = conn.exec_driver_sql(
        "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
    ).scalar_one()
    if missing and not may_create:
        return False
    setup(conn)
    return True


def grant(conn: Connection, login: str, role: Role) -> None:
    """Make `login` (an existing PostgreSQL login role) a member of `role`'s group, and of no
    other intake group (a role change takes the old one away)."""
    quoted = '"' + login.replace('"', '""') + '"'
    for other_role, group in GROUPS.items():
        verb = "GRANT {group} TO {login}" if other_role is role else "REVOKE {group} FROM {login}"
        conn.exec_driver_sql(verb.format(group=group, login=quoted))
