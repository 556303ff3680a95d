"""The database backend's shared half: the index tables, filters and permissions in SQL.

Engine-specific full text lives in sqlite.py (FTS5) and postgres.py (tsvector); both build on this.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape

from search.backends.base import BaseBackend, IndexItem
from search.models import IndexEntry, IndexTag
from search.query import Hit, SearchQuery, SearchResults
from search.registry import ACCESS_GROUPS
from search.viewer import Viewer

MARK_START, MARK_END = "\ue000", "\ue001"
TAG_KINDS = ("product", "release")
FACET_LIMIT = 10
ENTRY = IndexEntry._meta.db_table
TAG = IndexTag._meta.db_table
# The entry columns a Hit shows, in the order every engine's page query selects them; a page row is
# these, the score, then the highlighted title and snippet (``DatabaseBackend._hit``). The first
# nine keep their places: queries sort by position (5 created_at, 7 votes).
HIT_COLUMNS = (
    "type", "object_id", "title", "url", "created_at", "author_name", "votes", "status", "thread_id",
    "author_username", "author_avatar", "author_points", "author_is_team", "is_owner",
)  # fmt: skip
HIT_WIDTH = len(HIT_COLUMNS)
HIT_ROW = ", ".join(f"e.{column}" for column in HIT_COLUMNS)


def marked_to_html(text: str | None) -> str:
    """Engine output with private-use markers around matches -> escaped HTML with <mark>.

    The text is as written: an engine that marks up segmented text (SQLite's FTS5) passes it
    through ``unsegment_cjk`` first. Marks that touch (CJK characters matched one by one) merge."""
    if not text:
        return ""
    html = str(escape(text.replace(MARK_END + MARK_START, "")))
    return html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def _in(values) -> str:
    return ", ".join(["%s"] * len(values))


def permission_sql(viewer: Viewer, alias: str = "e") -> tuple[str, list]:
    if viewer.sees_everything:
        return "", []
    plain = list(viewer.plain_access())
    sql = f"{alias}.access IN ({_in(plain)})"
    params: list = plain
    if viewer.group_ids:
        groups = sorted(viewer.group_ids)
        sql = (
            f"({sql} OR ({alias}.access = %s AND EXISTS (SELECT 1 FROM {TAG} g WHERE g.entry_id = {alias}.id "
            f"AND g.kind = 'group' AND g.value IN ({_in(groups)}))))"
        )
        params = [*plain, ACCESS_GROUPS, *groups]
    return sql, params


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def filter_sql(query: SearchQuery, viewer: Viewer, *, alias: str = "e", with_types: bool = True):
    """WHERE parts (joined by AND) for everything but the text match."""
    parts: list[str] = []
    params: list = []
    perm, perm_params = permission_sql(viewer, alias)
    if perm:
        parts.append(perm)
        params += perm_params
    if with_types and query.types:
        parts.append(f"{alias}.type IN ({_in(query.types)})")
        params += list(query.types)
    for column, value in (
        ("board_id", query.board_id),
        ("author_id", query.author_id),
        ("status", query.status or None),
    ):
        if value is not None:
            parts.append(f"{alias}.{column} = %s")
            params.append(value)
    if query.owners_only:
        parts.append(f"{alias}.is_owner = %s")
        params.append(True)
    ops = connection.ops
    if query.date_from:
        parts.append(f"{alias}.created_at >= %s")
        params.append(ops.adapt_datetimefield_value(_day_start(query.date_from)))
    if query.date_to:
        end = _day_start(query.date_to) + timezone.timedelta(days=1)
        parts.append(f"{alias}.created_at < %s")
        params.append(ops.adapt_datetimefield_value(end))
    for kind, value in (("product", query.product_id), ("release", query.release_id)):
        if value is not None:
            parts.append(f"{alias}.id IN (SELECT entry_id FROM {TAG} WHERE kind = %s AND value = %s)")
            params += [kind, value]
    for type_name, object_id in query.exclude:
        parts.append(f"NOT ({alias}.type = %s AND {alias}.object_id = %s)")
        params += [type_name, object_id]
    return parts, params


def order_sql(query: SearchQuery, *, score: str | None, alias: str = "e") -> str:
    newest = f"{alias}.created_at DESC, {alias}.id DESC"
    if query.sort == "newest" or (score is None and query.sort == "relevance"):
        return newest
    if query.sort == "votes":
        return f"{alias}.votes DESC, " + (f"{score}, " if score else "") + newest
    return f"{score}, {alias}.id DESC"


def facets_from_rows(rows, query: SearchQuery) -> tuple[dict[str, list[tuple[str, int]]], int]:
    """Rows of (facet, value, count) -> sorted facet lists, and the total for the selected types."""
    facets: dict[str, list[tuple[str, int]]] = {}
    for facet, value, count in rows:
        facets.setdefault(facet, []).append((str(value), int(count)))
    total = sum(c for value, c in facets.get("type", []) if not query.types or value in query.types)
    for facet, values in facets.items():
        values.sort(key=lambda item: (-item[1], item[0]))
        facets[facet] = values if facet == "type" else values[:FACET_LIMIT]
    return facets, total


FACET_BRANCHES = (
    "SELECT 'type', m.type, COUNT(*) FROM m GROUP BY m.type",
    "SELECT 'status', m.status, COUNT(*) FROM m WHERE m.status <> '' {types} GROUP BY m.status",
    "SELECT 'board', CAST(m.board_id AS VARCHAR(40)), COUNT(*) FROM m WHERE m.board_id IS NOT NULL {types} GROUP BY m.board_id",
    f"SELECT t.kind, CAST(t.value AS VARCHAR(40)), COUNT(*) FROM m {{join}} {TAG} t ON t.entry_id = m.id "
    "AND t.kind IN ('product', 'release') {types_where} GROUP BY t.kind, t.value",
)


def facet_union(query: SearchQuery, *, join: str = "JOIN") -> tuple[str, list]:
    """The facet SELECTs over a CTE ``m`` (matching rows, any type); non-type facets keep the type filter.

    ``join``: how the tag branch joins ``m`` to the tags ("CROSS JOIN" makes SQLite walk the matches
    and probe each one's tags, instead of scanning every product and release tag of the index).
    """
    types = list(query.types)
    cond = f"m.type IN ({_in(types)})" if types else ""
    sql_parts, params = [], []
    for branch in FACET_BRANCHES:
        sql_parts.append(
            branch.format(
                types=f"AND {cond}" if cond else "", types_where=f"WHERE {cond}" if cond else "", join=join
            )
        )
        if cond and "{type" in branch:
            params += types
    return " UNION ALL ".join(sql_parts), params


def _utc_text_datetimes() -> bool:
    """SQLite storing datetimes as naive UTC text (``str()`` of the naive value): an aware UTC
    datetime can be written without the adapter's per-call conversions."""
    return connection.vendor == "sqlite" and connection.timezone_name == "UTC"


class DatabaseBackend(BaseBackend):
    """Writes shared by the SQLite and PostgreSQL flavours; subclasses add the full-text part."""

    name = "database"
    stores_body = True
    score_sign = 1.0  # engine scores times this: higher is better in Hit.score
    tag_join = "JOIN"  # see facet_union

    def count(self, type_name: str | None = None) -> int:
        qs = IndexEntry.objects.all()
        return (qs.filter(type=type_name) if type_name else qs).count()

    def _entry_ids(self, type_name: str, object_ids: list[int]) -> list[int]:
        return list(
            IndexEntry.objects.filter(type=type_name, object_id__in=object_ids).values_list("id", flat=True)
        )

    def _delete_fulltext(self, cursor, entry_ids: list[int]) -> None:
        """Remove full-text rows that do not cascade with the entry (FTS5 tables)."""

    def _write_fulltext(self, cursor, rows: list[tuple[int, IndexItem]]) -> None:
        raise NotImplementedError

    def _clear_fulltext(self, cursor, type_name: str | None) -> None:
        """Drop full-text rows for a whole type (or everything)."""

    @transaction.atomic
    def delete(self, type_name: str, object_ids: list[int]) -> None:
        entry_ids = self._entry_ids(type_name, object_ids)
        if not entry_ids:
            return
        with connection.cursor() as cursor:
            self._delete_fulltext(cursor, entry_ids)
        IndexTag.objects.filter(entry_id__in=entry_ids).delete()
        IndexEntry.objects.filter(id__in=entry_ids).delete()

    @transaction.atomic
    def clear(self, type_name: str | None = None) -> None:
        with connection.cursor() as cursor:
            self._clear_fulltext(cursor, type_name)
            where, params = ("WHERE type = %s", [type_name]) if type_name else ("", [])
            cursor.execute(f"DELETE FROM {TAG} WHERE entry_id IN (SELECT id FROM {ENTRY} {where})", params)
            cursor.execute(f"DELETE FROM {ENTRY} {where}", params)

    @transaction.atomic
    def upsert(self, items: list[IndexItem], *, fresh: bool = False) -> None:
        if not items:
            return
        if not fresh:
            by_type: dict[str, list[int]] = {}
            for item in items:
                by_type.setdefault(item.type, []).append(item.object_id)
            for type_name, object_ids in by_type.items():
                self.delete(type_name, object_ids)
        with connection.cursor() as cursor:
            entry_ids = self._insert_entries(cursor, items)
            self._insert_tags(cursor, entry_ids, items)
            self._write_fulltext(cursor, list(zip(entry_ids, items, strict=True)))

    @staticmethod
    def _insert_tags(cursor, entry_ids: list[int], items: list[IndexItem]) -> None:
        tags = []
        for entry_id, item in zip(entry_ids, items, strict=True):
            tags += [(entry_id, "product", v) for v in item.product_ids]
            tags += [(entry_id, "release", v) for v in item.release_ids]
            if item.document.access == ACCESS_GROUPS:
                tags += [(entry_id, "group", v) for v in sorted(set(item.document.group_ids))]
        if tags:
            cursor.executemany(f"INSERT INTO {TAG} (entry_id, kind, value) VALUES (%s, %s, %s)", tags)

    def _insert_entries(self, cursor, items: list[IndexItem]) -> list[int]:
        """Insert entry rows and return their ids in order (ORM bulk insert; SQLite overrides)."""
        entries = [self._entry(item) for item in items]
        IndexEntry.objects.bulk_create(entries, batch_size=500)
        return [entry.id for entry in entries]

    def _entry_row(self, item: IndexItem, now) -> tuple:
        doc = item.document
        created_at = doc.created_at
        if created_at is not None and created_at.tzinfo is UTC and _utc_text_datetimes():
            created_at = created_at.replace(tzinfo=None).isoformat(" ")  # what the adapter writes, faster
        else:
            created_at = connection.ops.adapt_datetimefield_value(created_at)
        return (
            item.type,
            item.object_id,
            doc.title[:300],
            doc.body if self.stores_body else "",
            doc.url[:500],
            created_at,
            doc.author_id,
            (doc.author_name or "")[:150],
            doc.board_id,
            doc.thread_id,
            doc.status or "",
            doc.votes or 0,
            doc.access,
            doc.is_owner,
            now,
            *self._person_row(doc),
        )

    @staticmethod
    def _person_row(doc) -> tuple:
        """The author columns after ``indexed_at`` (IndexEntry's author_username ... author_is_team)."""
        return (
            (doc.author_username or "")[:150],
            (doc.author_avatar or "")[:200],
            doc.author_points,
            doc.author_is_team,
        )

    def _browse(self, query: SearchQuery, viewer, results: SearchResults) -> SearchResults:
        """No words but filters (a product's discussions): newest or most voted first."""
        where, params = filter_sql(query, viewer)
        where_sql = " AND ".join(where) or "1 = 1"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {HIT_ROW}, 0, NULL, NULL FROM {ENTRY} e WHERE {where_sql} "
                f"ORDER BY {order_sql(query, score=None)} LIMIT %s OFFSET %s",
                [*params, query.page_size, query.offset],
            )
            results.hits = [self._hit(row) for row in cursor.fetchall()]
            if query.facets:
                fwhere, fparams = filter_sql(query, viewer, with_types=False)
                union, union_params = facet_union(query, join=self.tag_join)
                cursor.execute(
                    f"WITH m AS MATERIALIZED (SELECT e.id, e.type, e.status, e.board_id FROM {ENTRY} e "
                    f"WHERE {' AND '.join(fwhere) or '1 = 1'}) {union}",
                    [*fparams, *union_params],
                )
                results.facets, results.total = facets_from_rows(cursor.fetchall(), query)
            else:
                cursor.execute(f"SELECT COUNT(*) FROM {ENTRY} e WHERE {where_sql}", params)
                results.total = cursor.fetchone()[0]
        return results

    def _hit(self, row) -> Hit:
        """A Hit from a page row: ``HIT_COLUMNS``, the score, the highlighted title and snippet."""
        (type_name, object_id, title, url, created_at, author, votes, status, thread_id, username, avatar,
         points, is_team, is_owner) = row[:HIT_WIDTH]  # fmt: skip
        score, th, sn = row[HIT_WIDTH : HIT_WIDTH + 3]
        if isinstance(created_at, str):
            created_at = parse_datetime(created_at)
            if created_at is not None and timezone.is_naive(created_at):
                created_at = timezone.make_aware(created_at, UTC)
        return Hit(
            type=type_name,
            object_id=object_id,
            title=title,
            url=url,
            score=float(score or 0) * self.score_sign,
            title_html=marked_to_html(th) or marked_to_html(title),
            snippet_html=marked_to_html(sn),
            created_at=created_at,
            author_name=author,
            votes=votes,
            status=status,
            thread_id=thread_id,
            author_username=username or "",
            author_avatar=avatar or "",
            author_points=points,
            author_is_team=bool(is_team),
            is_owner=bool(is_owner),
        )

    # Rebuild without downtime: rows are replaced batch by batch, then entries older than the start
    # of the rebuild (rows that are no longer searchable) are swept.
    _rebuild: tuple[list[str], object] | None = None

    def begin_rebuild(self, type_names: list[str], *, fresh: bool = False) -> None:
        super().begin_rebuild(type_names, fresh=fresh)
        self._rebuild = None if fresh else (list(type_names), timezone.now())

    def finish_rebuild(self) -> None:
        if self._rebuild is None:
            return
        type_names, started_at = self._rebuild
        self._rebuild = None
        for type_name in type_names:
            stale = list(
                IndexEntry.objects.filter(type=type_name, indexed_at__lt=started_at).values_list(
                    "object_id", flat=True
                )
            )
            for start in range(0, len(stale), 500):
                self.delete(type_name, stale[start : start + 500])

    def abort_rebuild(self) -> None:
        self._rebuild = None

    def _entry(self, item: IndexItem) -> IndexEntry:
        doc = item.document
        now = timezone.now()
        return IndexEntry(
            type=item.type,
            object_id=item.object_id,
            title=doc.title[:300],
            body=doc.body if self.stores_body else "",
            url=doc.url[:500],
            created_at=doc.created_at,
            author_id=doc.author_id,
            author_name=(doc.author_name or "")[:150],
            board_id=doc.board_id,
            thread_id=doc.thread_id,
            status=doc.status or "",
            votes=doc.votes or 0,
            access=doc.access,
            is_owner=doc.is_owner,
            indexed_at=now,
            author_username=(doc.author_username or "")[:150],
            author_avatar=(doc.author_avatar or "")[:200],
            author_points=doc.author_points,
            author_is_team=doc.author_is_team,
        )
