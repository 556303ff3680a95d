"""PostgreSQL full text: a weighted tsvector (title A, body B) with a GIN index, ts_rank, ts_headline.

Queries are built from parsed terms with plainto_/phraseto_/to_tsquery and parameters only, so what
people type never reaches tsquery syntax.
"""

from __future__ import annotations

import re

from django.db import connection, transaction
from django.utils import timezone

from search.backends.base import IndexItem
from search.backends.database import (
    ENTRY,
    HIT_ROW,
    HIT_WIDTH,
    MARK_END,
    MARK_START,
    TAG,
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

    # Rows per INSERT statement (23 parameters each, well under PostgreSQL's 65,535).
    UPSERT_BATCH = 1000
    _COLUMNS = (
        "type, object_id, title, body, url, created_at, author_id, author_name, board_id, thread_id, "
        "status, votes, access, is_owner, indexed_at, author_username, author_avatar, author_points, "
        "author_is_team, search_vector, suggest_vector"
    )
    _ROW = (
        "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
        "setweight(to_tsvector('english', %s), 'A') || setweight(to_tsvector('english', %s), 'B'), "
        "CASE WHEN %s THEN to_tsvector('simple', %s) END)"
    )
    _UPDATE = ", ".join(
        f"{column} = EXCLUDED.{column}" for column in _COLUMNS.replace(" ", "").split(",")[2:]
    )

    @transaction.atomic
    def upsert(self, items: list[IndexItem], *, fresh: bool = False) -> None:
        """``INSERT ... ON CONFLICT (type, object_id) DO UPDATE`` on the unique constraint: an entry
        keeps its row (and id), and workers indexing the same object at once wait on that row's lock
        instead of an advisory lock per document. Row locks live in the rows, not in PostgreSQL's
        shared lock table, so a job of any size (a 200,000-post load, a board's 10,000 threads
        changing access) holds a bounded number of locks. Rows go in (type, object_id) order, so two
        overlapping jobs lock in the same order and cannot deadlock."""
        if not items:
            return
        latest = {(item.type, item.object_id): item for item in items}
        ordered = [latest[key] for key in sorted(latest)]
        with connection.cursor() as cursor:
            for start in range(0, len(ordered), self.UPSERT_BATCH):
                batch = ordered[start : start + self.UPSERT_BATCH]
                entry_ids = self._upsert_entries(cursor, batch)
                if not fresh:
                    cursor.execute(f"DELETE FROM {TAG} WHERE entry_id = ANY(%s)", [entry_ids])
                self._insert_tags(cursor, entry_ids, batch)

    def _upsert_entries(self, cursor, items: list[IndexItem]) -> list[int]:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        params: list = []
        for item in items:
            doc = item.document
            params += self._entry_row(item, now)
            params += (
                _indexable(doc.title if doc.index_title else ""),
                _indexable(doc.body),
                item.suggest and doc.index_title,
                _indexable(doc.title),
            )
        cursor.execute(
            f"INSERT INTO {ENTRY} ({self._COLUMNS}) VALUES {', '.join([self._ROW] * len(items))} "
            f"ON CONFLICT (type, object_id) DO UPDATE SET {self._UPDATE} RETURNING id, type, object_id",
            params,
        )
        ids = {(type_name, object_id): entry_id for entry_id, type_name, object_id in cursor.fetchall()}
        return [ids[(item.type, item.object_id)] for item in items]

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
                f"SELECT {HIT_ROW}, ts_rank(e.search_vector, q.query) AS score, NULL, NULL, e.id "
                f"FROM {ENTRY} e, q WHERE e.search_vector @@ q.query{where_sql} "
                f"ORDER BY {order_sql(query, score='score DESC')} LIMIT %s OFFSET %s",
                [*tsparams, *params, query.page_size, query.offset],
            )
            rows = cursor.fetchall()
            headlines = self._headlines(cursor, tsquery, tsparams, [row[-1] for row in rows], query)
            results.hits = [
                self._hit((*row[: HIT_WIDTH + 1], *headlines.get(row[-1], (None, None)))) for row in rows
            ]
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
