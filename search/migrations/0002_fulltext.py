"""Full-text structures that only one engine understands: FTS5 tables on SQLite, tsvector on PostgreSQL."""

from django.db import migrations

SQLITE_FORWARD = [
    # Ranking text: English stemming (porter) over Unicode words, accents folded; rowid = IndexEntry.id.
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, "
    "tokenize='porter unicode61 remove_diacritics 2', prefix='2 3')",
    # Titles of suggestable documents only, unstemmed, for as-you-type prefix suggestions.
    "CREATE VIRTUAL TABLE search_suggest USING fts5(title, "
    "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS search_suggest", "DROP TABLE IF EXISTS search_fts"]

POSTGRES_FORWARD = [
    "ALTER TABLE search_indexentry ADD COLUMN search_vector tsvector",
    "ALTER TABLE search_indexentry ADD COLUMN suggest_vector tsvector",
    "CREATE INDEX search_entry_vector ON search_indexentry USING GIN (search_vector)",
    "CREATE INDEX search_entry_suggest ON search_indexentry USING GIN (suggest_vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_entry_suggest",
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS suggest_vector",
    "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
