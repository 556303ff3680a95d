"""SQLite: the ranking FTS5 table gains a ``tags`` column: each document's permission and filter
values as words (search/backends/fts5.py), so searches filter, count and rank without joining the
entries table. The rows are copied over from the old table with their tags built from the entries;
nothing needs re-indexing (the copy re-tokenizes: about a minute per million documents)."""

from django.db import migrations

# The words of search.backends.fts5.tag_words(), built in SQL from an entry and its tags.
TAG_WORDS_SQL = (
    "'t' || lower(hex(e.type)) || '0'"
    " || ' a' || lower(hex(e.access)) || '0'"
    " || CASE WHEN e.access = 'groups' THEN COALESCE((SELECT ' ' || group_concat('g' || t.value, ' ') "
    "FROM search_indextag t WHERE t.entry_id = e.id AND t.kind = 'group'), '') ELSE '' END"
    " || CASE WHEN e.board_id IS NOT NULL THEN ' b' || e.board_id ELSE '' END"
    " || CASE WHEN e.status <> '' THEN ' s' || lower(hex(e.status)) || '0' ELSE '' END"
    " || COALESCE((SELECT ' ' || group_concat(substr(t.kind, 1, 1) || t.value, ' ') FROM search_indextag t "
    "WHERE t.entry_id = e.id AND t.kind IN ('product', 'release')), '')"
    " || CASE WHEN e.author_id IS NOT NULL THEN ' u' || e.author_id ELSE '' END"
    " || CASE WHEN e.is_owner THEN ' o1' ELSE '' END"
)

TOKENIZE = "tokenize='porter unicode61 remove_diacritics 2'"
SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE search_fts_new USING fts5(title, body, tags, {TOKENIZE})",
    "INSERT INTO search_fts_new(search_fts_new, rank) VALUES('pgsz', 4000)",
    "INSERT INTO search_fts_new (rowid, title, body, tags) "
    f"SELECT f.rowid, f.title, f.body, {TAG_WORDS_SQL} FROM search_fts f JOIN search_indexentry e ON e.id = f.rowid",
    "DROP TABLE search_fts",
    "ALTER TABLE search_fts_new RENAME TO search_fts",
]
SQLITE_REVERSE = [
    f"CREATE VIRTUAL TABLE search_fts_new USING fts5(title, body, {TOKENIZE})",
    "INSERT INTO search_fts_new(search_fts_new, rank) VALUES('pgsz', 4000)",
    "INSERT INTO search_fts_new (rowid, title, body) SELECT rowid, title, body FROM search_fts",
    "DROP TABLE search_fts",
    "ALTER TABLE search_fts_new RENAME TO search_fts",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_suggest_permissions")]

    operations = [migrations.RunPython(_run(SQLITE_FORWARD), _run(SQLITE_REVERSE))]
