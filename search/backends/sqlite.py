"""SQLite FTS5: bm25 ranking (titles weigh more), prefix matching, snippet() and highlight().

Permissions and filters are words of the FTS row (fts5.py), so a search is a few full-text
statements; the entries table is read for the page's rows and a bounded sample for facets only.
"""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from search import conf, registry
from search.backends.base import IndexItem
from search.backends.database import (
    ENTRY,
    HIT_ROW,
    HIT_WIDTH,
    MARK_END,
    MARK_START,
    DatabaseBackend,
    facet_union,
    facets_from_rows,
    marked_to_html,
    order_sql,
)
from search.backends.fts5 import _text_word, both, entry_filters, fts_match, fts_tiers, tag_filter, tag_words
from search.query import (
    INDEX_SEPARATOR,
    ParsedQuery,
    SearchQuery,
    SearchResults,
    Suggestion,
    segment_cjk,
    unsegment_cjk,
)
from search.registry import ACCESS_GROUPS

FTS = "search_fts"
SUGGEST = "search_suggest"
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0


def _segmented(text: str) -> str:
    """What the full-text tables hold: CJK characters apart by a separator that snippets drop again."""
    return segment_cjk(text, INDEX_SEPARATOR)


def _unsegmented(text: str | None) -> str | None:
    return unsegment_cjk(text) if text else text


def perm_words(document) -> str:
    """Who may see a suggestion, as words of its ``perm`` column: the access level, or one
    ``g<id>`` per group for group-only documents (see permission_sql for the same rule in SQL)."""
    if document.access == ACCESS_GROUPS:
        return " ".join(f"g{group_id}" for group_id in sorted(set(document.group_ids)))
    return document.access


def viewer_perm_words(viewer) -> list[str]:
    return [f'"{word}"' for word in (*viewer.plain_access(), *(f"g{g}" for g in sorted(viewer.group_ids)))]


def _title(item: IndexItem) -> str:
    return item.document.title if item.document.index_title else ""


def _chunks(values: list, size: int = 500):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _left_out_types(query: SearchQuery) -> str:
    """Tag words of the registered types a query leaves out (few documents, unlike the types asked
    for), so the FTS match alone counts exactly what the page shows."""
    if not query.types:
        return ""
    words = [_text_word("t", t.name) for t in registry.all_types() if t.name not in query.types]
    return "{tags} : (" + " OR ".join(f'"{w}"' for w in words) + ")" if words else ""


class SQLiteBackend(DatabaseBackend):
    name = "sqlite"
    stores_body = False  # the FTS5 table keeps the body; no second copy
    score_sign = -1.0  # bm25: lower is better
    tag_join = "CROSS JOIN"

    def _insert_entries(self, cursor, items: list[IndexItem]) -> list[int]:
        # Writers hold SQLite's write lock for the whole transaction (BEGIN IMMEDIATE, see settings),
        # so ids can be allocated here; plain executemany is several times faster than the ORM.
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {ENTRY}")
        first = cursor.fetchone()[0] + 1
        ids = list(range(first, first + len(items)))
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        cursor.executemany(
            f"INSERT INTO {ENTRY} (id, type, object_id, title, body, url, created_at, author_id, author_name, "
            "board_id, thread_id, status, votes, access, is_owner, indexed_at, author_username, author_avatar, "
            "author_points, author_is_team) "
            f"VALUES ({', '.join(['%s'] * 20)})",
            [(entry_id, *self._entry_row(item, now)) for entry_id, item in zip(ids, items, strict=True)],
        )
        return ids

    def begin_rebuild(self, type_names: list[str], *, fresh: bool = False) -> None:
        super().begin_rebuild(type_names, fresh=fresh)
        if fresh:
            # Bulk load: no incremental segment merging while writing; one optimize at the end.
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {FTS}({FTS}, rank) VALUES('automerge', 0)")
            self._bulk = True

    def finish_rebuild(self) -> None:
        super().finish_rebuild()
        if getattr(self, "_bulk", False):
            self._bulk = False
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES('optimize')")
                cursor.execute(f"INSERT INTO {FTS}({FTS}, rank) VALUES('automerge', 4)")

    def abort_rebuild(self) -> None:
        super().abort_rebuild()
        if getattr(self, "_bulk", False):
            self._bulk = False
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {FTS}({FTS}, rank) VALUES('automerge', 4)")

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
        # Entry ids are SQLite rowids, reused once the highest entry is gone: a full-text row left by
        # an entry deleted outside this backend (a table flush, a cascade) would make the insert fail
        # on its rowid, so whatever holds these rowids is replaced.
        self._delete_fulltext(cursor, [eid for eid, _ in rows])
        cursor.executemany(
            f"INSERT INTO {FTS} (rowid, title, body, tags) VALUES (%s, %s, %s, %s)",
            [
                (eid, _segmented(_title(item)), _segmented(item.document.body), tag_words(item))
                for eid, item in rows
            ],
        )
        cursor.executemany(
            f"INSERT INTO {SUGGEST} (rowid, title, perm, votes) VALUES (%s, %s, %s, %s)",
            [
                (eid, _segmented(item.document.title), perm_words(item.document), item.document.votes or 0)
                for eid, item in rows
                if item.suggest and _title(item)
            ],
        )

    def search(self, query: SearchQuery, parsed: ParsedQuery, viewer) -> SearchResults:
        results = SearchResults(page=query.page, page_size=query.page_size, message=parsed.message)
        results.backend = self.name
        if parsed.is_empty:
            return self._browse(query, viewer, results) if query.has_filters else results
        text = fts_match(parsed, match_any=query.match_any)
        match = both(text, tag_filter(query, viewer))
        where, params = entry_filters(query)
        with connection.cursor() as cursor:
            window, matched = self._window(cursor, match)
            if not matched:
                # Nothing matches the words, filters and permissions: no page, total or facet to
                # count (a whole-word search that finds nothing is retried as a prefix: search.api).
                return results
            rows = self._rows(cursor, parsed, query, viewer, where, params, window)
            if window is not None and where and len(rows) < query.page_size:
                # Dates or exclusions left too few of the newest candidates: search them all.
                window = None
                rows = self._rows(cursor, parsed, query, viewer, where, params, window)
            results.total_is_lower_bound = window is not None
            if query.highlight:
                rows = self._mark(cursor, text, rows)
            else:
                rows = [(*row[: HIT_WIDTH + 1], None, None) for row in rows]
            results.hits = [self._hit(row) for row in rows]
            count_sql, count_params = self._count_sql(match, where, params, window)
            if query.facets:
                # The total rides along with the facet counts: one statement fewer per page.
                fwhere, fparams = entry_filters(query, with_types=False)
                self._facets(cursor, query, match, fwhere, fparams, window, results, (count_sql, count_params))
            else:
                cursor.execute(count_sql, count_params)
                results.total = cursor.fetchone()[0]
        return results

    @staticmethod
    def _where(where: list[str], params: list, window: int | None) -> tuple[str, list]:
        if window is not None:
            # A very common word: rank, count and facet the newest candidates only.
            where, params = [f"{FTS}.rowid >= %s", *where], [window, *params]
        return "".join(f" AND {part}" for part in where), params

    def _rows(self, cursor, parsed, query: SearchQuery, viewer, where, params, window):
        if query.sort == "relevance":
            return self._tiered_page(cursor, parsed, query, viewer, where, params, window)
        match = both(fts_match(parsed, match_any=query.match_any), tag_filter(query, viewer))
        return self._page(cursor, match, query, where, params, window, query.page_size, query.offset)

    def _window(self, cursor, match: str) -> tuple[int | None, bool]:
        """The lowest rowid of the newest ``SEARCH_CANDIDATES`` matches, or None when there are fewer;
        and whether anything matches at all (in the same statement).

        Ranking (bm25), joins and facet counts cost time per matching row; for a word in a quarter
        of 200,000 posts that is hundreds of milliseconds. Nobody pages past the first thousand
        results (SEARCH_MAX_PAGE), so work is bounded to the newest candidates (rowids grow with
        indexing time) and the total is shown as "N+". The match includes the viewer's permissions
        and the filters, so the candidates are all results this viewer may see.
        """
        limit = conf.max_candidates()
        cursor.execute(
            f"SELECT (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s ORDER BY rowid DESC LIMIT 1 OFFSET %s), "
            f"EXISTS (SELECT 1 FROM {FTS} WHERE {FTS} MATCH %s)",
            [match, limit, match],
        )
        lowest, matched = cursor.fetchone()
        return (None if lowest is None else lowest + 1), bool(matched)

    def _count_sql(self, match: str, where: list[str], params: list, window) -> tuple[str, list]:
        where_sql, params = self._where(where, params, window)
        join = f" CROSS JOIN {ENTRY} e ON e.id = {FTS}.rowid" if where else ""
        return f"SELECT COUNT(*) FROM {FTS}{join} WHERE {FTS} MATCH %s{where_sql}", [match, *params]

    def _count(self, cursor, match: str, where: list[str], params: list, window) -> int:
        cursor.execute(*self._count_sql(match, where, params, window))
        return cursor.fetchone()[0]

    def _tiered_page(self, cursor, parsed: ParsedQuery, query: SearchQuery, viewer, where, params, window):
        tags = tag_filter(query, viewer)
        title_tier, rest = (both(tier, tags) for tier in fts_tiers(parsed, match_any=query.match_any))
        size = query.page_size
        if query.offset == 0:
            # The first page needs no count: title matches first, then as many others as fit.
            rows = self._page(cursor, title_tier, query, where, params, window, size, 0)
            in_titles = len(rows)
        else:
            in_titles = self._count(cursor, title_tier, where, params, window)
            rows = []
            if query.offset < in_titles:
                rows = self._page(cursor, title_tier, query, where, params, window, size, query.offset)
        if len(rows) < size:
            offset = max(0, query.offset - in_titles)
            rows += self._page(cursor, rest, query, where, params, window, size - len(rows), offset)
        return rows

    ROW = HIT_ROW

    def _page(self, cursor, match: str, query: SearchQuery, where, params, window, limit: int, offset: int):
        """One page of rows: the Hit fields, score and entry id (highlights come from _mark)."""
        relevance = query.sort != "newest"
        score = f"bm25({FTS}, {TITLE_WEIGHT}, {BODY_WEIGHT}, 0.0)" if relevance else "0"
        where_sql, all_params = self._where(where, params, window)
        if query.sort == "relevance" and not where:
            # Everything is in the match: rank in the full-text table alone, then read the page's entries.
            cursor.execute(
                f"SELECT {self.ROW}, s.score, e.id FROM (SELECT rowid AS id, {score} AS score FROM {FTS} "
                f"WHERE {FTS} MATCH %s{where_sql} ORDER BY score, rowid DESC LIMIT %s OFFSET %s) s "
                f"CROSS JOIN {ENTRY} e ON e.id = s.id ORDER BY s.score, e.id DESC",
                [match, *all_params, limit, offset],
            )
            return cursor.fetchall()
        # CROSS JOIN keeps the full-text match as the outer loop (SQLite would otherwise walk an
        # index on created_at or votes and probe the FTS table row by row).
        cursor.execute(
            f"SELECT {self.ROW}, {score}, e.id FROM {FTS} CROSS JOIN {ENTRY} e ON e.id = {FTS}.rowid "
            f"WHERE {FTS} MATCH %s{where_sql} "
            f"ORDER BY {order_sql(query, score=score if relevance else None)} LIMIT %s OFFSET %s",
            [match, *all_params, limit, offset],
        )
        return cursor.fetchall()

    def _mark(self, cursor, text: str, rows: list[tuple]) -> list[tuple]:
        """Rows with highlighted title and body snippet, for the page's rows only, in one statement.

        Computed in the page query, SQLite would make snippets for every match it sorts; one query
        per row re-runs the match (and a prefix expansion) each time. Here the match runs once over
        the page's rowid range, and the ``+rowid IN`` test (the unary plus keeps it out of FTS5's
        hands) leaves highlight() and snippet() to the page's rows.
        """
        ids = [row[-1] for row in rows]
        marked: dict[int, tuple] = {}
        if ids:
            cursor.execute(
                f"SELECT rowid, highlight({FTS}, 0, %s, %s), snippet({FTS}, 1, %s, %s, '…', 24) FROM {FTS} "
                f"WHERE {FTS} MATCH %s AND rowid BETWEEN %s AND %s AND +rowid IN ({', '.join(['%s'] * len(ids))})",
                [MARK_START, MARK_END, MARK_START, MARK_END, text, min(ids), max(ids), *ids],
            )
            marked = {row[0]: (_unsegmented(row[1]), _unsegmented(row[2])) for row in cursor.fetchall()}
        return [(*row[: HIT_WIDTH + 1], *marked.get(row[-1], (None, None))) for row in rows]

    TOTAL_ROW = "#total"

    def _facets(self, cursor, query: SearchQuery, match: str, where, params, window, results, count) -> None:
        """Facet counts over the newest ``SEARCH_FACET_SAMPLE`` matches (every match when there are
        fewer): each counted row is read from the entries table, so the work is bounded. ``count``
        (SQL and parameters of the total) is one more row of the same statement."""
        where_sql = " AND ".join(where) or "1 = 1"
        window_sql, window_params = (" AND rowid >= %s", [window]) if window is not None else ("", [])
        union, union_params = facet_union(query, join=self.tag_join)
        cursor.execute(
            f"WITH m AS MATERIALIZED (SELECT e.id, e.type, e.status, e.board_id FROM (SELECT rowid AS id "
            f"FROM {FTS} WHERE {FTS} MATCH %s{window_sql} ORDER BY rowid DESC LIMIT %s) s "
            f"CROSS JOIN {ENTRY} e ON e.id = s.id WHERE {where_sql}) {union} "
            f"UNION ALL SELECT '{self.TOTAL_ROW}', '', ({count[0]})",
            [match, *window_params, conf.facet_sample(), *params, *union_params, *count[1]],
        )
        rows = cursor.fetchall()
        results.total = next(int(c) for facet, _value, c in rows if facet == self.TOTAL_ROW)
        results.facets, _ = facets_from_rows([row for row in rows if row[0] != self.TOTAL_ROW], query)

    # A filter with at most this many matches is sorted whole; a larger one walks the entries in
    # page order (the votes or created_at index) and stops at the page, which costs about
    # page size x entries / matches steps.
    BROWSE_SORT_LIMIT = 2000

    def _browse(self, query: SearchQuery, viewer, results: SearchResults) -> SearchResults:
        """No words but a tag filter (a product's or release's discussions): the filter and the
        viewer's permissions are one match on the FTS ``tags`` column, then one statement picks the
        cheaper of two plans by the number of matches (see BROWSE_SORT_LIMIT) and returns the total
        with the rows. Facets, dates and exclusions take the generic path."""
        required, hidden = tag_filter(query, viewer)
        if not required or query.facets or query.date_from or query.date_to or query.exclude:
            return super()._browse(query, viewer, results)
        match = f"({required})"
        left_out = _left_out_types(query)
        if left_out:
            hidden = f"({hidden}) OR ({left_out})" if hidden else left_out
        if hidden:
            match = f"{match} NOT ({hidden})"
        where, params = entry_filters(query)
        where_sql = "".join(f" AND {part}" for part in where)
        order = order_sql(query, score=None)
        # Only one arm returns rows; the outer ORDER BY (columns: 7 votes, 5 created_at, then the id
        # after the hit's columns and three more) sorts that page again, which costs nothing.
        id_column = HIT_WIDTH + 4
        index, outer = ("search_entry_created", f"5 DESC, {id_column} DESC")
        if query.sort == "votes":
            index, outer = ("search_entry_votes", f"7 DESC, 5 DESC, {id_column} DESC")
        row = f"{self.ROW}, 0, NULL, NULL"
        page = [query.page_size, query.offset]
        # LIMIT is evaluated once before a loop starts, so the arm that does not apply stops at once
        # (a constant WHERE term made of a subquery would still be tested row by row).
        sorted_whole = f"CASE WHEN (SELECT total FROM n) <= {self.BROWSE_SORT_LIMIT} THEN %s ELSE 0 END"
        walked = f"CASE WHEN (SELECT total FROM n) > {self.BROWSE_SORT_LIMIT} THEN %s ELSE 0 END"
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH hits(id) AS MATERIALIZED (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s), "
                f"n(total) AS MATERIALIZED (SELECT COUNT(*) FROM hits) "
                f"SELECT * FROM (SELECT {row}, e.id, (SELECT total FROM n) FROM hits CROSS JOIN {ENTRY} e "
                f"ON e.id = hits.id WHERE 1 = 1{where_sql} ORDER BY {order} LIMIT {sorted_whole} OFFSET %s) "
                f"UNION ALL "
                f"SELECT * FROM (SELECT {row}, e.id, (SELECT total FROM n) FROM {ENTRY} e INDEXED BY {index} "
                f"WHERE e.id IN hits{where_sql} ORDER BY {order} LIMIT {walked} OFFSET %s) "
                f"ORDER BY {outer}",
                [match, *params, *page, *params, *page],
            )
            rows = cursor.fetchall()
            if rows:
                results.total = rows[0][-1]
            elif query.offset:
                cursor.execute(f"SELECT COUNT(*) FROM {FTS} WHERE {FTS} MATCH %s", [match])
                results.total = cursor.fetchone()[0]
        results.hits = [self._hit(r[: HIT_WIDTH + 3]) for r in rows]
        return results

    def suggest(self, parsed: ParsedQuery, viewer, *, limit: int) -> list[Suggestion]:
        """Titles by prefix from the suggestion table alone (permission words and votes live in it),
        then the few winners' entries and highlights: no join per matching title."""
        if parsed.is_empty:
            return []
        match = fts_match(parsed, title_only=True, text="title")
        if not viewer.sees_everything:
            match = f"({match}) AND {{perm}} : ({' OR '.join(viewer_perm_words(viewer))})"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {SUGGEST} WHERE {SUGGEST} MATCH %s "
                f"ORDER BY bm25({SUGGEST}, 1.0, 0.0), votes DESC, rowid DESC LIMIT %s",
                [match, limit],
            )
            ids = [row[0] for row in cursor.fetchall()]
            if not ids:
                return []
            marks = ", ".join(["%s"] * len(ids))
            cursor.execute(
                f"SELECT e.id, e.type, e.object_id, e.title, e.url, highlight({SUGGEST}, 0, %s, %s) "
                f"FROM {SUGGEST} CROSS JOIN {ENTRY} e ON e.id = {SUGGEST}.rowid WHERE {SUGGEST} MATCH %s "
                f"AND {SUGGEST}.rowid BETWEEN %s AND %s AND +{SUGGEST}.rowid IN ({marks})",
                [MARK_START, MARK_END, match, min(ids), max(ids), *ids],
            )
            found = {row[0]: row[1:] for row in cursor.fetchall()}
        return [
            Suggestion(type=t, object_id=o, title=title, url=url, title_html=marked_to_html(_unsegmented(hl)))
            for t, o, title, url, hl in (found[pk] for pk in ids if pk in found)
        ]
