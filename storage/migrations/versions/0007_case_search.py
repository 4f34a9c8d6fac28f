"""The case list's free-text search reads an index instead of scanning every case's
`search_text` (`storage.case_list.TextSearch`). SQLite: an FTS5 table holding only the index
(external content: the text stays in `cases`), kept by triggers, so a purged case's words go
with it. PostgreSQL: a GIN index on the column's text-search vector. Both live in the same
database under the same access rules; neither needs a grant, since queries read `cases`.
"""

from __future__ import annotations

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"

SQLITE = (
    "CREATE VIRTUAL TABLE cases_search USING fts5(search_text, content='cases', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER cases_search_insert AFTER INSERT ON cases BEGIN "
    "INSERT INTO cases_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER cases_search_delete AFTER DELETE ON cases BEGIN "
    "INSERT INTO cases_search(cases_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER cases_search_update AFTER UPDATE OF search_text ON cases BEGIN "
    "INSERT INTO cases_search(cases_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO cases_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO cases_search(cases_search) VALUES ('rebuild')",
)
POSTGRESQL = (
    "CREATE INDEX ix_cases_search ON cases USING gin (to_tsvector('simple', search_text))",
)


def upgrade() -> None:
    for statement in SQLITE if op.get_bind().dialect.name == "sqlite" else POSTGRESQL:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("restore the backup taken before the upgrade")
