"""SQLite FTS5: filter tags in the full-text row, and migration 0005's SQL copy of them."""

import importlib
from datetime import UTC, datetime

import pytest
from django.db import connection

from search.backends.base import IndexItem
from search.backends.sqlite import SQLiteBackend
from search.query import SearchQuery, parse
from search.registry import ACCESS_GROUPS, ACCESS_MEMBERS, ACCESS_PUBLIC, ACCESS_STAFF, Document
from search.viewer import Viewer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite FTS5 backend")


def item(object_id, *, type_name="thread", access=ACCESS_PUBLIC, group_ids=(), **fields) -> IndexItem:
    products = fields.pop("product_ids", ())
    releases = fields.pop("release_ids", ())
    document = Document(
        title=f"Hinge report {object_id}",
        body="the hinge creaks",
        created_at=datetime(2025, 1, 1, tzinfo=UTC),
        access=access,
        group_ids=group_ids,
        **fields,
    )
    return IndexItem(
        type=type_name,
        object_id=object_id,
        document=document,
        product_ids=products,
        release_ids=releases,
        suggest=True,
    )


ITEMS = [
    item(1),
    item(2, access=ACCESS_MEMBERS, board_id=7, status="in_progress", author_id=3, is_owner=True),
    item(3, access=ACCESS_GROUPS, group_ids=(5, 9), product_ids=(11,), release_ids=(12, 13)),
    item(4, type_name="bench_post", access=ACCESS_STAFF, status="naïve ümlaut"),
]


def test_migration_builds_the_same_tag_words_as_the_writer():
    backend = SQLiteBackend()
    backend.upsert(ITEMS)
    migration = importlib.import_module("search.migrations.0005_fts_tags")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT f.tags, {migration.TAG_WORDS_SQL} FROM search_fts f "
            "JOIN search_indexentry e ON e.id = f.rowid ORDER BY e.object_id"
        )
        rows = cursor.fetchall()
    assert len(rows) == len(ITEMS)
    for written, rebuilt in rows:
        assert set(written.split()) == set(rebuilt.split())


def test_each_access_level_and_filter_is_applied_by_tags():
    backend = SQLiteBackend()
    backend.upsert(ITEMS)

    def found(viewer=None, **kwargs):
        query = SearchQuery(text="hinge", **kwargs)
        hits = backend.search(query, parse("hinge", prefix_last=False), viewer or Viewer()).hits
        return {hit.object_id for hit in hits}

    assert found() == {1}
    assert found(Viewer(is_authenticated=True)) == {1, 2}
    assert found(Viewer(is_authenticated=True, group_ids=frozenset({9}))) == {1, 2, 3}
    assert found(Viewer(is_authenticated=True, group_ids=frozenset({6}))) == {1, 2}
    assert found(Viewer(is_authenticated=True, is_staff=True)) == {1, 2, 4}
    root = Viewer(is_authenticated=True, is_superuser=True)
    assert found(root) == {1, 2, 3, 4}
    assert found(root, board_id=7) == found(root, author_id=3) == found(root, owners_only=True) == {2}
    assert found(root, status="in_progress") == {2}
    assert found(root, status="naïve ümlaut") == {4}
    assert found(root, status="progress") == set()
    assert found(root, product_id=11) == found(root, release_id=13) == {3}
    assert found(root, types=("bench_post",)) == {4}
    # A typed word never matches the tags column.
    tag = "b7"
    assert backend.search(SearchQuery(text=tag), parse(tag), root).hits == []


def test_facets_count_at_most_the_newest_sample_while_the_total_counts_all(settings):
    backend = SQLiteBackend()
    backend.upsert([item(n, board_id=n % 2) for n in range(1, 6)])
    settings.SEARCH_FACET_SAMPLE = 3
    results = backend.search(SearchQuery(text="hinge"), parse("hinge", prefix_last=False), Viewer())
    assert results.total == 5 and len(results.hits) == 5
    assert dict(results.facets["type"]) == {"thread": 3}
    assert dict(results.facets["board"]) == {"1": 2, "0": 1}  # objects 5, 4, 3: the newest rows
    settings.SEARCH_FACET_SAMPLE = 1000
    results = backend.search(SearchQuery(text="hinge"), parse("hinge", prefix_last=False), Viewer())
    assert dict(results.facets["board"]) == {"1": 3, "0": 2}


def _written(object_id, title, body=""):
    document = Document(title=title, body=body, created_at=datetime(2025, 1, 1, tzinfo=UTC))
    return IndexItem(
        type="thread", object_id=object_id, document=document, product_ids=(), release_ids=(), suggest=True
    )


def _search(backend, text):
    return backend.search(SearchQuery(text=text), parse(text, prefix_last=False), Viewer()).hits


def test_chinese_snippets_show_the_text_as_written():
    # Given a thread in Chinese, with and without spaces between Chinese letters and digits
    backend = SQLiteBackend()
    body = "我的小米13升级以后\uff0c小米 13 电池耗电很快"  # with a full-width comma
    backend.upsert([_written(1, "小米 13 MIUI 14.0.3", body)])
    # When someone searches for a Chinese word
    [hit] = _search(backend, "小米")
    # Then title and snippet read as written (no space put in, none taken out), the word marked once
    assert hit.title_html == "<mark>小米</mark> 13 MIUI 14.0.3"
    assert hit.snippet_html == "我的<mark>小米</mark>13升级以后\uff0c<mark>小米</mark> 13 电池耗电很快"
    # And matching still finds single words, digits next to Chinese letters, and phrases
    assert len(_search(backend, "耗电")) == 1
    assert "<mark>13</mark>升级" in _search(backend, "13")[0].snippet_html
    assert _search(backend, "升级") and not _search(backend, "级升")


def test_chinese_suggestions_show_the_title_as_written():
    backend = SQLiteBackend()
    backend.upsert([_written(1, "小米13 用户群")])
    [suggestion] = backend.suggest(parse("小米"), Viewer(), limit=5)
    assert suggestion.title_html == "<mark>小米</mark>13 用户群"


def test_an_entry_deleted_outside_the_backend_does_not_block_the_next_write():
    """A table flush (as between transactional tests) or a cascade removes entries but not their
    full-text rows; the next entry reuses the rowid and must still be written and found."""
    from search.models import IndexEntry

    backend = SQLiteBackend()
    backend.upsert([item(1)])
    IndexEntry.objects.all().delete()
    backend.upsert([item(2)])
    hits = backend.search(SearchQuery(text="hinge"), parse("hinge", prefix_last=False), Viewer())
    assert [hit.object_id for hit in hits.hits] == [2]
