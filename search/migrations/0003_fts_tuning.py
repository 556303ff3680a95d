"""SQLite: rebuild the ranking FTS5 table without prefix indexes (they tripled write cost; prefix
queries still work, and suggestions keep their own prefix-indexed table) and with larger pages.
The index is emptied: run ``manage.py search_reindex`` (seed_demo does) after migrating."""

from django.db import migrations

SQLITE_FORWARD = [
    "DELETE FROM search_suggest",
    "DELETE FROM search_indextag",
    "DELETE FROM search_indexentry",
    "DROP TABLE IF EXISTS search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')",
    "INSERT INTO search_fts(search_fts, rank) VALUES('pgsz', 4000)",
]
SQLITE_REVERSE = [
    "DELETE FROM search_suggest",
    "DELETE FROM search_indextag",
    "DELETE FROM search_indexentry",
    "DROP TABLE IF EXISTS search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, "
    "tokenize='porter unicode61 remove_diacritics 2', prefix='2 3')",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(_run(SQLITE_FORWARD), _run(SQLITE_REVERSE))]
