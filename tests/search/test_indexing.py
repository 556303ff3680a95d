"""The contract apps call: index_later / remove_later / index_queryset_later, after commit."""

import pytest

from search import api
from search.indexing import index_later, index_queryset_later, remove_later
from search.models import IndexEntry
from tests.search.factories import make_board, make_product, make_reply, make_thread

pytestmark = pytest.mark.django_db


def titles(text, user=None):
    return [hit.title for hit in api.search(api.SearchQuery(text=text), user=user).hits]


def test_index_later_waits_for_commit_then_indexes(django_capture_on_commit_callbacks):
    board = make_board()
    thread = make_thread(board, "Battery drains overnight", "since the update")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        index_later(thread)
    assert titles("battery") == []  # nothing before commit
    assert len(callbacks) == 1
    callbacks[0]()
    assert titles("battery") == ["Battery drains overnight"]


def test_hidden_thread_leaves_the_index_on_reindex(django_capture_on_commit_callbacks):
    thread = make_thread(make_board(), "Camera app crashes", "every time")
    with django_capture_on_commit_callbacks(execute=True):
        index_later(thread)
    assert titles("camera") == ["Camera app crashes"]
    thread.is_hidden = True
    thread.save()
    with django_capture_on_commit_callbacks(execute=True):
        index_later(thread)
    assert titles("camera") == []
    assert not IndexEntry.objects.filter(type="thread", object_id=thread.pk).exists()


def test_remove_later_removes_even_if_the_row_still_exists(django_capture_on_commit_callbacks):
    thread = make_thread(make_board(), "Wifi drops", "on 5 GHz")
    with django_capture_on_commit_callbacks(execute=True):
        index_later(thread)
        remove_later(thread)
    assert titles("wifi") == []


def test_index_queryset_later_batches_ids(django_capture_on_commit_callbacks, settings):
    settings.SEARCH_BATCH_SIZE = 2
    thread = make_thread(make_board(), "Screen flicker", "at low brightness")
    for n in range(2, 7):
        make_reply(thread, f"flicker here too {n}", number=n)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert index_queryset_later(thread.posts.all()) == 6
    assert len(callbacks) == 3  # 6 ids in batches of 2
    assert IndexEntry.objects.filter(type="post").count() == 5  # the opening post is the thread


def test_unregistered_models_are_a_no_op(django_capture_on_commit_callbacks):
    board = make_board()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        index_later(board)
        remove_later(board)
        assert index_queryset_later(type(board).objects.all()) == 0
    assert callbacks == []


def test_draft_products_are_not_searchable(django_capture_on_commit_callbacks):
    product = make_product("Orbit Watch", status="DRAFT")
    with django_capture_on_commit_callbacks(execute=True):
        index_later(product)
    assert titles("orbit") == []
    product.status = "ACTIVE"
    product.save()
    with django_capture_on_commit_callbacks(execute=True):
        index_later(product)
    assert titles("orbit") == ["Orbit Watch"]
