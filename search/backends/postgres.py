"""PostgreSQL full text: a weighted tsvector (title A, body B) with a GIN index, ts_rank, ts_headline.

Queries are built from parsed terms with plainto_/phraseto_/to_tsquery and parameters only, so what
people type never reaches tsquery syntax.
"""

from __future__ import annotations

import re

from django.db import connection, transaction

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

HEADLINE = f'StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'


# PostgreSQL's parser keeps "1.4.2", "V14.0.3.0" or "wi-fi" as single special tokens, while the query
# parser splits them into phrases of their parts: index them split the same way.
_COMPOUND_RE = re.compile(r"(?<=[^\W_])[.\-_/:](?=[^\W_])")


def _indexable(text: str) -> str:
    return _COMPOUND_RE.sub(" ", segment_cjk(text))


def _term_sql(term: Term, config: str) -> tuple[str, str]:
    if term.is_phrase:
        return f"phraseto_tsquery('{config}', %s)", term.text
    if term.prefix:
        return f"to_tsquery('{config}', %s)", f"{term.tokens[0]}:*"
    return f"plainto_tsquery('{config}', %s)", term.text


def tsquery_sql(parsed: ParsedQuery, *, match_any: bool = False, config: str = "english") -> tuple[str, list]:
    parts, params = [], []
    for term in parsed.terms:
        sql, param = _term_sql(term, config)
        parts.append(sql)
        params.append(param)
    expression = "(" + (" || " if match_any else " && ").join(parts) + ")"
    for term in parsed.excluded:
        sql, param = _term_sql(Term(term.tokens), config)
        expression = f"({expression} && !!{sql})"
        params.append(param)
    return expression, params


class PostgresBackend(DatabaseBackend):
    name = "postgresql"
    stores_body = True  # ts_headline reads it

    @transaction.atomic
    def upsert(self, items: list[IndexItem], *, fresh: bool = False) -> None:
        """Several workers may index the same object at once: each takes a transaction-level advisory
        lock per (type, object), in a fixed order, so their delete-then-insert never interleave."""
        keys = sorted({(item.type, item.object_id) for item in items})
        if keys:
            with connection.cursor() as cursor:
                for type_name, object_id in keys:
                    cursor.execute(
                        "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
                        [f"search:{type_name}:{object_id}"],
                    )
        super().upsert(items, fresh=fresh)

    def _write_fulltext(self, cursor, rows: list[tuple[int, IndexItem]]) -> None:
        cursor.executemany(
            f"UPDATE {ENTRY} SET search_vector = "
            "setweight(to_tsvector('english', %s), 'A') || setweight(to_tsvector('english', %s), 'B'), "
            "suggest_vector = CASE WHEN %s THEN to_tsvector('simple', %s) END WHERE id = %s",
            [
                (
                    _indexable(item.document.title if item.document.index_title else ""),
                    _indexable(item.document.body),
                    item.suggest and item.document.index_title,
                    _indexable(item.document.title),
                    eid,
                )
                for eid, item in rows
            ],
        )

    def search(self, query: SearchQuery, parsed: ParsedQuery, viewer) -> SearchResults:
        results = SearchResults(page=query.page, page_size=query.page_size, message=parsed.message)
        results.backend = self.name
        if parsed.is_empty:
            return self._browse(query, viewer, results) if query.has_filters else results
        tsquery, tsparams = tsquery_sql(parsed, match_any=query.match_any)
        where, params = filter_sql(query, viewer)
        where_sql = "".join(f" AND {part}" for part in where)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH q AS (SELECT {tsquery} AS query) "
                "SELECT e.type, e.object_id, e.title, e.url, e.created_at, e.author_name, e.votes, e.status, "
                "e.thread_id, ts_rank(e.search_vector, q.query) AS score, NULL, NULL, e.id "
                f"FROM {ENTRY} e, q WHERE e.search_vector @@ q.query{where_sql} "
                f"ORDER BY {order_sql(query, score='score DESC')} LIMIT %s OFFSET %s",
                [*tsparams, *params, query.page_size, query.offset],
            )
            rows = cursor.fetchall()
            headlines = self._headlines(cursor, tsquery, tsparams, [row[-1] for row in rows], query)
            results.hits = [self._hit((*row[:10], *headlines.get(row[-1], (None, None)))) for row in rows]
            if query.facets:
                fwhere, fparams = filter_sql(query, viewer, with_types=False)
                union, union_params = facet_union(query)
                cursor.execute(
                    f"WITH q AS (SELECT {tsquery} AS query), m AS MATERIALIZED (SELECT e.id, e.type, e.status, "
                    f"e.board_id FROM {ENTRY} e, q WHERE e.search_vector @@ q.query"
                    f"{''.join(f' AND {p}' for p in fwhere)}) {union}",
                    [*tsparams, *fparams, *union_params],
                )
                results.facets, results.total = facets_from_rows(cursor.fetchall(), query)
            else:
                cursor.execute(
                    f"WITH q AS (SELECT {tsquery} AS query) SELECT COUNT(*) FROM {ENTRY} e, q "
                    f"WHERE e.search_vector @@ q.query{where_sql}",
                    [*tsparams, *params],
                )
                results.total = cursor.fetchone()[0]
        return results

    def _headlines(self, cursor, tsquery, tsparams, ids, query: SearchQuery) -> dict:
        if not ids or not query.highlight:
            return {}
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(
            f"WITH q AS (SELECT {tsquery} AS query) SELECT e.id, "
            f"ts_headline('english', e.title, q.query, %s), ts_headline('english', e.body, q.query, %s) "
            f"FROM {ENTRY} e, q WHERE e.id IN ({marks})",
            [*tsparams, "HighlightAll=true, " + HEADLINE.split(", MaxWords")[0], HEADLINE, *ids],
        )
        return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}

    def suggest(self, parsed: ParsedQuery, viewer, *, limit: int) -> list[Suggestion]:
        if parsed.is_empty:
            return []
        tsquery, tsparams = tsquery_sql(parsed, config="simple")
        perm, params = permission_sql(viewer)
        perm_sql = f" AND {perm}" if perm else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH q AS (SELECT {tsquery} AS query) SELECT e.type, e.object_id, e.title, e.url, "
                "ts_headline('simple', e.title, q.query, %s) "
                f"FROM {ENTRY} e, q WHERE e.suggest_vector @@ q.query{perm_sql} "
                "ORDER BY ts_rank(e.suggest_vector, q.query) DESC, e.votes DESC, e.id DESC LIMIT %s",
                [*tsparams, f"HighlightAll=true, StartSel={MARK_START}, StopSel={MARK_END}", *params, limit],
            )
            return [
                Suggestion(type=t, object_id=o, title=title, url=url, title_html=marked_to_html(hl))
                for t, o, title, url, hl in cursor.fetchall()
            ]
