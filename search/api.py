"""The search API every page calls. Permissions are applied inside the engine's query.

from search import api
results = api.search(api.SearchQuery(text="battery drain", types=("thread",)), user=request.user)
api.suggest("batt", user=request.user)
api.similar("Battery drains overnight", user=request.user, types=("thread",))
api.related("thread", thread.pk, user=request.user)
api.mentions(product_id=product.pk, user=request.user)
"""

from __future__ import annotations

import logging
from contextlib import nullcontext

from django.db import DatabaseError, transaction

from search import registry
from search.backends import get_backend
from search.models import EntityLink, IndexEntry
from search.query import Hit, SearchQuery, SearchResults, Suggestion, parse
from search.viewer import Viewer

logger = logging.getLogger("search")

__all__ = ["Hit", "SearchQuery", "SearchResults", "Suggestion", "mentions", "related", "search", "similar"]

UNAVAILABLE = "Search is not available right now. Please try again in a minute."


def _viewer(user) -> Viewer:
    return user if isinstance(user, Viewer) else Viewer.from_user(user)


def _guarded():
    """A savepoint inside a caller's atomic block, so a failed query does not poison its
    transaction; nothing in autocommit (a normal request), where a failed statement leaves no
    transaction behind and BEGIN/COMMIT would be two more queries per search."""
    return transaction.atomic() if transaction.get_connection().in_atomic_block else nullcontext()


def run_search(backend, query: SearchQuery, viewer: Viewer) -> SearchResults:
    """What the results page asks an engine: whole words first; on no results, the last word as a
    prefix. ``search`` calls it; the benchmark calls it with each engine directly."""
    parsed = parse(query.text, prefix_last=query.match_any)
    results = backend.search(query, parsed, viewer)
    if not results.total and not query.match_any:
        # Nothing for whole words: perhaps the last word was cut short ("batt").
        as_prefix = parse(query.text, prefix_last=True)
        if as_prefix != parsed:
            results = backend.search(query, as_prefix, viewer)
    return results


def search(query: SearchQuery, *, user=None) -> SearchResults:
    """Search with ``user``'s permissions. Never raises for what a person typed."""
    known = {t.name for t in registry.all_types()}
    if query.types and not set(query.types) <= known:
        from dataclasses import replace

        query = replace(query, types=tuple(t for t in query.types if t in known) or ("-",))
    try:
        with _guarded():
            results = run_search(get_backend(), query, _viewer(user))
    except DatabaseError:
        logger.exception("search query failed: %r", query.text[:200])
        return SearchResults(page=query.page, page_size=query.page_size, message=UNAVAILABLE)
    return results


def suggest(text: str, *, user=None, limit: int = 8) -> list[Suggestion]:
    """Titles that start like ``text`` (threads, products, releases), for the header box."""
    parsed = parse(text)
    if parsed.is_empty or sum(len(t.text) for t in parsed.terms) < 2:
        return []
    try:
        with _guarded():
            return get_backend().suggest(parsed, _viewer(user), limit=limit)
    except DatabaseError:
        logger.exception("suggest failed: %r", text[:200])
        return []


def similar(
    title: str,
    *,
    user=None,
    types: tuple[str, ...] = ("thread",),
    product_id: int | None = None,
    exclude: tuple[tuple[str, int], ...] = (),
    limit: int = 5,
) -> list[Hit]:
    """Existing items like a title being typed (duplicates to vote on instead of filing again)."""
    query = SearchQuery(
        text=title,
        types=types,
        product_id=product_id,
        match_any=True,
        exclude=exclude,
        page_size=limit,
        facets=False,
        highlight=True,
    )
    if len(parse(title).terms) < 1:
        return []
    return search(query, user=user).hits


def related(type_name: str, object_id: int, *, user=None, limit: int = 5) -> list[Hit]:
    """Items like a given one, by its title, leaving it out (related threads)."""
    entry = IndexEntry.objects.filter(type=type_name, object_id=object_id).only("title").first()
    if entry is None:
        return []
    return similar(entry.title, user=user, types=(type_name,), exclude=((type_name, object_id),), limit=limit)


def mentions(
    *,
    product_id: int | None = None,
    release_id: int | None = None,
    user=None,
    types: tuple[str, ...] = (),
    sort: str = "votes",
    limit: int = 10,
) -> list[Hit]:
    """Discussions about a product or release (linked by text or by board), one hit per thread."""
    if product_id is None and release_id is None:
        return []
    entity_kinds = set(registry.entity_sources())
    types = types or tuple(t.name for t in registry.all_types() if t.name not in entity_kinds)
    query = SearchQuery(
        types=types,
        product_id=product_id,
        release_id=release_id,
        sort=sort,
        page_size=min(100, limit * 3),
        facets=False,
        highlight=False,
    )
    seen: set = set()
    hits: list[Hit] = []
    for hit in search(query, user=user).hits:
        key = hit.thread_id or (hit.type, hit.object_id)
        if key not in seen:
            seen.add(key)
            hits.append(hit)
    return hits[:limit]


def entity_links(instance) -> list[dict]:
    """What a thread's or post's text mentions, for rendering as links: [{kind, id, title, url, text}]."""
    from django.contrib.contenttypes.models import ContentType

    from search.linking import get_linker

    content_type = ContentType.objects.get_for_model(type(instance))
    linker = get_linker()
    rows = EntityLink.objects.filter(content_type=content_type, object_id=instance.pk).order_by(
        "entity_kind", "entity_id"
    )
    out = []
    for link in rows:
        entity = linker.entities.get((link.entity_kind, link.entity_id))
        if entity is not None:
            out.append(
                {
                    "kind": link.entity_kind,
                    "id": link.entity_id,
                    "title": entity.title or link.matched_text,
                    "url": entity.url,
                    "text": link.matched_text,
                }
            )
    return out
