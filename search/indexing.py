"""The calls apps make when searchable content changes. Safe anywhere: unregistered models are a no-op.

Call from the action that changes the row, inside its transaction::

    from search.indexing import index_later, remove_later, index_queryset_later

    index_later(thread)                 # created, edited, hidden, deleted, moved: the task re-reads
    remove_later(thread)                # gone for good (hard delete) or must leave the index now
    index_queryset_later(board.threads.all())   # a permission change touches many rows

Nothing happens until the transaction commits (``transaction.on_commit``); then a task keyed by
model label and ids re-reads the rows and rebuilds their documents, so running it twice is harmless.
A hidden or deleted row comes out of the index because its builder returns ``None``.
"""

from __future__ import annotations

from django.db import models, transaction

from search import conf, registry


def _enqueue(model_label: str, ids: list[int], *, remove: bool = False) -> None:
    from search.tasks import remove_from_index, update_index

    task = remove_from_index if remove else update_index
    task.enqueue(model_label=model_label, ids=ids)


def index_later(instance: models.Model) -> None:
    search_type = registry.for_model(instance)
    if search_type is None or instance.pk is None:
        return
    label, ids = search_type.model_label, [instance.pk]
    transaction.on_commit(lambda: _enqueue(label, ids))


def remove_later(instance: models.Model) -> None:
    search_type = registry.for_model(instance)
    if search_type is None or instance.pk is None:
        return
    label, ids = search_type.model_label, [instance.pk]
    transaction.on_commit(lambda: _enqueue(label, ids, remove=True))


def index_queryset_later(queryset: models.QuerySet) -> int:
    """Re-index every row of ``queryset`` after commit, in id batches. Returns how many ids."""
    search_type = registry.for_model(queryset.model)
    if search_type is None:
        return 0
    label, size, count = search_type.model_label, conf.batch_size(), 0
    batch: list[int] = []
    for pk in queryset.order_by().values_list("pk", flat=True).iterator(chunk_size=size):
        batch.append(pk)
        count += 1
        if len(batch) >= size:
            ids, batch = batch, []
            transaction.on_commit(lambda ids=ids: _enqueue(label, ids))
    if batch:
        transaction.on_commit(lambda ids=batch: _enqueue(label, ids))
    return count
