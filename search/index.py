"""Turn registered rows into index entries: build documents, link entities, write to the backend."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from community import hooks
from search import conf, linking, registry
from search.backends import get_backend
from search.backends.base import IndexItem
from search.models import EntityLink
from search.registry import SearchType

logger = logging.getLogger("search")
FRESH_BATCH_FACTOR = 4


def build_items(search_type: SearchType, instances: list) -> tuple[list[IndexItem], list[int], dict]:
    """Documents for ``instances``; ids whose builder said "not searchable"; links per object id."""
    items: list[IndexItem] = []
    removed: list[int] = []
    links: dict[int, list[linking.Link]] = {}
    linker = linking.get_linker() if search_type.link_entities else None
    limit = conf.body_limit()
    for instance in instances:
        document = search_type.build(instance)
        if document is None:
            removed.append(instance.pk)
            continue
        if len(document.body) > limit:
            document = _replace(document, body=document.body[:limit])
        product_ids, release_ids = set(document.product_ids), set(document.release_ids)
        if linker is not None:
            found = linker.find(f"{document.title}\n{document.body}", product_ids=document.product_ids)
            links[instance.pk] = found
            product_ids |= {link.product_id for link in found if link.product_id is not None}
            release_ids |= {link.id for link in found if link.kind == "release"}
        items.append(
            IndexItem(
                type=search_type.name,
                object_id=instance.pk,
                document=document,
                product_ids=tuple(sorted(product_ids)),
                release_ids=tuple(sorted(release_ids)),
                suggest=search_type.suggest,
            )
        )
    return items, removed, links


def _replace(document, **changes):
    from dataclasses import replace

    return replace(document, **changes)


def _store_links(
    search_type: SearchType,
    object_ids: list[int],
    links: dict[int, list[linking.Link]],
    *,
    fresh: bool = False,
):
    """Replace the entity links of ``object_ids`` (one DELETE, one executemany).
    ``fresh``: a full rebuild that cleared this type's links when it began, nothing to delete."""
    if not search_type.link_entities:
        return
    content_type = ContentType.objects.get_for_model(search_type.model)
    if not fresh:
        EntityLink.objects.filter(content_type=content_type, object_id__in=object_ids).delete()
    rows = [
        (content_type.pk, object_id, search_type.name, link.kind, link.id, link.product_id, link.matched_text[:120],
         link.mentions)
        for object_id, found in links.items()
        for link in found
    ]  # fmt: skip
    if not rows:
        return
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(EntityLink._meta.db_table)} (content_type_id, object_id, search_type, entity_kind, "
            "entity_id, product_id, matched_text, mentions, created_at) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [(*row, now) for row in rows],
        )


def _clear_links(search_type: SearchType) -> None:
    if search_type.link_entities:
        EntityLink.objects.filter(content_type=ContentType.objects.get_for_model(search_type.model)).delete()


def _sync(search_type: SearchType, ids: list[int], *, fresh: bool = False) -> int:
    instances = list(search_type.queryset().filter(pk__in=ids))
    items, removed, links = build_items(search_type, instances)
    missing = set(ids) - {instance.pk for instance in instances}
    gone = sorted(set(removed) | missing)
    backend = get_backend()
    with transaction.atomic():
        if gone and not fresh:
            backend.delete(search_type.name, gone)
        backend.upsert(items, fresh=fresh)
        _store_links(search_type, list(ids), links, fresh=fresh)
    if search_type.name in registry.entity_sources():
        linking.invalidate()
    return len(items)


def _sync_dependents(search_type: SearchType, ids: list[int]) -> None:
    if search_type.dependents is None:
        return
    size = conf.batch_size()
    for instance in search_type.queryset().filter(pk__in=ids):
        dependents = search_type.dependents(instance)
        dependent_type = registry.for_model(dependents.model)
        if dependent_type is None:
            continue
        batch: list[int] = []
        for pk in dependents.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=size):
            batch.append(pk)
            if len(batch) >= size:
                _sync(dependent_type, batch)
                batch = []
        if batch:
            _sync(dependent_type, batch)


def sync_ids(*, model_label: str, ids: list[int]) -> int:
    """Bring these rows' index entries in line with the database (the index task)."""
    search_type = registry.for_model(model_label)
    if search_type is None or not ids:
        return 0
    count = _sync(search_type, list(ids))
    _sync_dependents(search_type, list(ids))
    if search_type.name in registry.entity_sources():
        _entities_changed(search_type.name, list(ids))
    return count


def _entities_changed(kind: str, ids: list[int]) -> None:
    """Products or releases were indexed anew (created, renamed, given a SKU or alias): the apps that
    render their names as links (forum posts) hear of it through a hook. A full ``reindex`` does not
    call it: nothing new appears there."""
    for provider in hooks.get(hooks.Hook.SEARCH_ENTITIES_CHANGED):
        try:
            provider(kind=kind, ids=ids)
        except Exception:  # a failing listener must not stop indexing
            logger.exception("entities_changed listener %r failed for %s %s", provider, kind, ids)


def remove_ids(*, model_label: str, ids: list[int]) -> int:
    search_type = registry.for_model(model_label)
    if search_type is None or not ids:
        return 0
    with transaction.atomic():
        get_backend().delete(search_type.name, list(ids))
        _store_links(search_type, list(ids), {})
    if search_type.name in registry.entity_sources():
        linking.invalidate()
    return len(ids)


def iter_id_batches(search_type: SearchType, batch_size: int) -> Iterator[list[int]]:
    """Ids in ascending batches by keyset pagination: memory stays one batch, whatever the table size."""
    last = None
    base = search_type.queryset().order_by("pk")
    while True:
        qs = base if last is None else base.filter(pk__gt=last)
        ids = list(qs.values_list("pk", flat=True)[:batch_size])
        if not ids:
            return
        yield ids
        last = ids[-1]


def reindex(
    type_names: list[str] | None = None,
    *,
    batch_size: int | None = None,
    fresh: bool = False,
    progress: Callable[[SearchType, int, int], None] | None = None,
    stdout=None,
) -> Iterator[tuple[SearchType, int]]:
    """Rebuild the index for some or all types, yielding (type, documents indexed) per type.

    Entity sources (products, releases) go first so the linker knows them when discussions are built.
    ``fresh`` clears each type first (fast, but the type is briefly missing on the database backend);
    otherwise rows are replaced batch by batch and stale entries are swept at the end.
    """
    sources = registry.entity_sources()
    types = [registry.get_type(name) for name in type_names] if type_names else registry.all_types()
    if any(t is None for t in types):
        raise ValueError(
            f"unknown search type in {type_names}; known: {[t.name for t in registry.all_types()]}"
        )
    types.sort(key=lambda t: (t.name not in sources, t.name))
    # A full rebuild reads bigger batches: fewer queries and statements per document.
    size = batch_size or (conf.batch_size() * FRESH_BATCH_FACTOR if fresh else conf.batch_size())
    backend = get_backend()
    backend.begin_rebuild([t.name for t in types], fresh=fresh)
    try:
        for search_type in types:
            if fresh:
                _clear_links(search_type)
            total = search_type.queryset().count()
            done = indexed = 0
            if progress:
                progress(search_type, 0, total)
            for ids in iter_id_batches(search_type, size):
                indexed += _sync(search_type, ids, fresh=fresh)
                done += len(ids)
                if progress:
                    progress(search_type, done, total)
            if search_type.name in sources:
                linking.invalidate()
            yield search_type, indexed
    except BaseException:
        backend.abort_rebuild()
        raise
    backend.finish_rebuild()
