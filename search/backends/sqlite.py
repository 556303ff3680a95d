"""SQLite FTS5: bm25 ranking (titles weigh more), prefix matching, snippet() and highlight()."""

from __future__ import annotations

from django.db import connection

from search.backends.base import IndexItem
from search.backends.database import (
    ENTRY,
    MARK_END,
    MARK_START,
    DatabaseBackend,
    facet_union,
    facets_from_rows,
    filter_sql,
    marked_to_html,
    order_sql,
    permission_sql,
)
from search.query import ParsedQuery, SearchQuery, SearchResults, Suggestion, Term, segment_cjk

FTS = "search_fts"
SUGGEST = "search_suggest"
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0


def fts_term(term: Term) -> str:
    # Tokens are runs of letters and digits only (see query.parse): quoting them is always safe.
    return '"' + " ".join(term.tokens) + '"' + ("*" if term.prefix else "")


def fts_match(parsed: ParsedQuery, *, match_any: bool = False) -> str:
    joiner = " OR " if match_any else " AND "
    expression = joiner.join(fts_term(term) for term in parsed.terms)
    for term in parsed.excluded:
        expression = f"({expression}) NOT {fts_term(term)}"
    return expression


def _chunks(values: list, size: int = 500):
    for start in range(0, len(values), size):
        yield values[start : start + size]


class SQLiteBackend(DatabaseBackend):
    name = "sqlite"
    stores_body = False  # the FTS5 table keeps the body; no second copy
    score_sign = -1.0  # bm25: lower is better

    def _delete_fulltext(self, cursor, entry_ids: list[int]) -> None:
        for chunk in _chunks(entry_ids):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {FTS} WHERE rowid IN ({marks})", chunk)
            cursor.execute(f"DELETE FROM {SUGGEST} WHERE rowid IN ({marks})", chunk)

    def _clear_fulltext(self, cursor, type_name: str | None) -> None:
        if type_name is None:
            cursor.execute(f"DELETE FROM {FTS}")
            cursor.execute(f"DELETE FROM {SUGGEST}")
            return
        for table in (FTS, SUGGEST):
            cursor.execute(
                f"DELETE FROM {table} WHERE rowid IN (SELECT id FROM {ENTRY} WHERE type = %s)", [type_name]
            )

    def _write_fulltext(self, cursor, rows: list[tuple[int, IndexItem]]) -> None:
        cursor.executemany(
            f"INSERT INTO {FTS} (rowid, title, body) VALUES (%s, %s, %s)",
            [(eid, segment_cjk(item.document.title), segment_cjk(item.document.body)) for eid, item in rows],
        )
        cursor.executemany(
            f"INSERT INTO {SUGGEST} (rowid, title) VALUES (%s, %s)",
            [(eid, segment_cjk(item.document.title)) for eid, item in rows if item.suggest],
        )

    def search(self, query: SearchQuery, parsed: ParsedQuery, viewer) -> SearchResults:
        results = SearchResults(page=query.page, page_size=query.page_size, message=parsed.message)
        results.backend = self.name
        if parsed.is_empty:
            return self._browse(query, viewer, results) if query.has_filters else results
        match = fts_match(parsed, match_any=query.match_any)
        where, params = filter_sql(query, viewer)
        where_sql = "".join(f" AND {part}" for part in where)
        score = f"bm25({FTS}, {TITLE_WEIGHT}, {BODY_WEIGHT})"
        if query.highlight:
            marks = [MARK_START, MARK_END, MARK_START, MARK_END]
            extra = f", highlight({FTS}, 0, %s, %s), snippet({FTS}, 1, %s, %s, '…', 24)"
        else:
            marks, extra = [], ", NULL, NULL"
        sql = (
            f"SELECT e.type, e.object_id, e.title, e.url, e.created_at, e.author_name, e.votes, e.status, "
            f"e.thread_id, {score}{extra} FROM {FTS} JOIN {ENTRY} e ON e.id = {FTS}.rowid "
            f"WHERE {FTS} MATCH %s{where_sql} ORDER BY {order_sql(query, score=score)} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*marks, match, *params, query.page_size, query.offset])
            rows = cursor.fetchall()
            results.hits = [self._hit(row) for row in rows]
            if query.facets:
                self._facets(cursor, query, viewer, match, results)
            else:
                cursor.execute(
                    f"SELECT COUNT(*) FROM {FTS} JOIN {ENTRY} e ON e.id = {FTS}.rowid "
                    f"WHERE {FTS} MATCH %s{where_sql}",
                    [match, *params],
                )
                results.total = cursor.fetchone()[0]
        return results

    def _facets(self, cursor, query: SearchQuery, viewer, match: str, results: SearchResults) -> None:
        where, params = filter_sql(query, viewer, with_types=False)
        where_sql = "".join(f" AND {part}" for part in where)
        union, union_params = facet_union(query)
        cursor.execute(
            f"WITH m AS MATERIALIZED (SELECT e.id, e.type, e.status, e.board_id FROM {FTS} "
            f"JOIN {ENTRY} e ON e.id = {FTS}.rowid WHERE {FTS} MATCH %s{where_sql}) {union}",
            [match, *params, *union_params],
        )
        results.facets, results.total = facets_from_rows(cursor.fetchall(), query)

    def suggest(self, parsed: ParsedQuery, viewer, *, limit: int) -> list[Suggestion]:
        if parsed.is_empty:
            return []
        perm, params = permission_sql(viewer)
        perm_sql = f" AND {perm}" if perm else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.type, e.object_id, e.title, e.url, highlight({SUGGEST}, 0, %s, %s) "
                f"FROM {SUGGEST} JOIN {ENTRY} e ON e.id = {SUGGEST}.rowid "
                f"WHERE {SUGGEST} MATCH %s{perm_sql} ORDER BY bm25({SUGGEST}), e.votes DESC LIMIT %s",
                [MARK_START, MARK_END, fts_match(parsed), *params, limit],
            )
            return [
                Suggestion(type=t, object_id=o, title=title, url=url, title_html=marked_to_html(hl))
                for t, o, title, url, hl in cursor.fetchall()
            ]
