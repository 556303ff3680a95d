"""Several workers index the same object at once on PostgreSQL: no unique violation, one entry."""

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection, connections

from search.backends import database_backend
from search.backends.base import IndexItem
from search.models import IndexEntry
from search.registry import Document

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def item(version: int) -> IndexItem:
    document = Document(title=f"Battery report {version}", body="drains overnight", created_at=datetime.now(UTC))
    return IndexItem(
        type="thread", object_id=4242, document=document, product_ids=(), release_ids=(), suggest=False
    )


def test_concurrent_upserts_of_one_object_never_collide():
    assert connection.vendor == "postgresql"
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def worker(n: int) -> None:
        try:
            start.wait()
            for round_ in range(15):
                database_backend().upsert([item(n * 100 + round_)])
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert IndexEntry.objects.filter(type="thread", object_id=4242).count() == 1
