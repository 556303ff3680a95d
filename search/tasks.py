"""Index tasks: keyword arguments of ids, safe to run twice (they re-read the rows)."""

from django_tasks import task


@task()
def update_index(*, model_label: str, ids: list[int]) -> int:
    from search.index import sync_ids

    return sync_ids(model_label=model_label, ids=ids)


@task()
def remove_from_index(*, model_label: str, ids: list[int]) -> int:
    from search.index import remove_ids

    return remove_ids(model_label=model_label, ids=ids)
