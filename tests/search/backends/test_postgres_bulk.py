"""Index writes on PostgreSQL hold a bounded number of locks whatever the job's size: upserts go
through ``INSERT ... ON CONFLICT`` on the (type, object_id) constraint, not an advisory lock per
document (which ran a 200,000-post load out of shared memory). These tests run in one transaction
each, as a big job does, on a cluster with default lock settings (make test-postgres)."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection

from forum.actions.boards import set_board_access
from forum.models import Board, Thread
from search.backends import database_backend
from search.backends.base import IndexItem
from search.models import IndexEntry, IndexTag
from search.registry import Document
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

LOCK_BUDGET = 500  # relation locks on the tables and indexes a job touches; an advisory lock per document made 10,000+


def locks_held() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid()")
        return cursor.fetchone()[0]


def thread_item(object_id: int, title: str, product_ids=()) -> IndexItem:
    document = Document(
        title=title, body="drains overnight after the update", created_at=datetime.now(UTC), board_id=1
    )
    return IndexItem(
        type="thread", object_id=object_id, document=document, product_ids=product_ids, release_ids=(), suggest=True
    )


def test_reindexing_20000_documents_in_one_call_holds_a_bounded_number_of_locks():
    backend = database_backend()
    backend.upsert([thread_item(n, f"Battery report {n}", product_ids=(7,)) for n in range(1, 20_001)])
    first_ids = dict(IndexEntry.objects.filter(type="thread", object_id__lte=3).values_list("object_id", "id"))

    backend.upsert([thread_item(n, f"Charging report {n}") for n in range(1, 20_001)])

    assert locks_held() < LOCK_BUDGET
    assert IndexEntry.objects.filter(type="thread").count() == 20_000
    # Updated in place (same rows), tags replaced, full text rewritten.
    assert dict(IndexEntry.objects.filter(type="thread", object_id__lte=3).values_list("object_id", "id")) == first_ids
    assert not IndexTag.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM search_indexentry WHERE search_vector @@ plainto_tsquery('english', 'charging')"
        )
        assert cursor.fetchone()[0] == 20_000


def test_one_call_with_the_same_document_twice_keeps_the_last():
    database_backend().upsert([thread_item(5, "First title"), thread_item(5, "Second title")])

    assert list(IndexEntry.objects.filter(type="thread", object_id=5).values_list("title", flat=True)) == [
        "Second title"
    ]


def test_changing_the_access_of_a_board_with_10000_threads(django_capture_on_commit_callbacks):
    admin = UserFactory(username="root", is_superuser=True)
    board = Board.objects.create(name="Big", slug="big")
    now = datetime.now(UTC)
    Thread.objects.bulk_create(
        [
            Thread(
                board=board,
                title=f"Thread number {n}",
                author=admin,
                created_at=now - timedelta(minutes=n),
                last_post_at=now - timedelta(minutes=n),
            )
            for n in range(10_000)
        ],
        batch_size=2000,
    )

    with django_capture_on_commit_callbacks(execute=True):
        set_board_access(actor=admin, board=board, read_access=Board.Access.MEMBERS)

    assert locks_held() < LOCK_BUDGET
    entries = IndexEntry.objects.filter(type="thread", board_id=board.pk)
    assert entries.count() == 10_000
    assert not entries.filter(access="public").exists()


def test_generate_load_data_completes():
    out = io.StringIO()
    call_command("generate_load_data", posts=20_000, stdout=out)

    assert locks_held() < LOCK_BUDGET
    assert IndexEntry.objects.filter(type="post").count() > 10_000, out.getvalue()
