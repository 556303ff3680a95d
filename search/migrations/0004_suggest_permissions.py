"""SQLite: suggestions answer from their own small table alone. ``search_suggest`` gains ``perm``
(who may see the title, as words: "public", "members", "staff" or "g<group id>" per group) and
``votes`` (unindexed, the tie-break), so the as-you-type query needs no join to the entries table
for permissions or ranking. Existing rows are copied over; nothing needs re-indexing."""

from django.db import migrations

NEW_TABLE = (
    "CREATE VIRTUAL TABLE search_suggest_new USING fts5(title, perm, votes UNINDEXED, "
    "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')"
)
OLD_TABLE = (
    "CREATE VIRTUAL TABLE search_suggest_new USING fts5(title, "
    "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')"
)
PERM = (
    "CASE WHEN e.access = 'groups' THEN (SELECT group_concat('g' || t.value, ' ') FROM search_indextag t "
    "WHERE t.entry_id = e.id AND t.kind = 'group') ELSE e.access END"
)
SQLITE_FORWARD = [
    NEW_TABLE,
    "INSERT INTO search_suggest_new (rowid, title, perm, votes) "
    f"SELECT s.rowid, s.title, {PERM}, e.votes FROM search_suggest s JOIN search_indexentry e ON e.id = s.rowid",
    "DROP TABLE search_suggest",
    "ALTER TABLE search_suggest_new RENAME TO search_suggest",
]
SQLITE_REVERSE = [
    OLD_TABLE,
    "INSERT INTO search_suggest_new (rowid, title) SELECT rowid, title FROM search_suggest",
    "DROP TABLE search_suggest",
    "ALTER TABLE search_suggest_new RENAME TO search_suggest",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_fts_tuning")]

    operations = [migrations.RunPython(_run(SQLITE_FORWARD), _run(SQLITE_REVERSE))]
