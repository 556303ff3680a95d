"""forum/search.py: thread and reply documents, "owners only", and votes reaching the index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum.search import _posts, _threads_with_feedback, post_document, thread_or_none
from search import api
from search.models import IndexEntry
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, make_replies, make_thread
from tests.forum.feedback.factories import make_owner, vote
from tests.store.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo_payments(settings, tmp_path):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def product_board(db):
    product = ProductFactory(name="Aurora 14", slug="aurora-14")
    variant = VariantFactory(product=product, sku="A14-BLK")
    board = BoardFactory(slug="aurora-14", name="Aurora 14", product=product)
    return board, variant


def owners_only(text, **kwargs):
    return api.search(api.SearchQuery(text=text, owners_only=True, **kwargs))


def test_owners_only_finds_threads_and_replies_of_verified_owners(
    product_board, django_capture_on_commit_callbacks
):
    board, variant = product_board
    owner, visitor = UserFactory(username="owner"), UserFactory(username="visitor")
    make_owner(owner, variant)
    with django_capture_on_commit_callbacks(execute=True):
        owned = make_thread(board=board, author=owner, title="Hinge creaks when folding")
        other = make_thread(board=board, author=visitor, title="Hinge creaks in the cold")
        owner_reply, visitor_reply = make_replies(other, 2, authors=[owner, visitor])

    everyone = api.search(api.SearchQuery(text="hinge creaks"))
    assert {hit.object_id for hit in everyone.hits if hit.type == "thread"} == {owned.pk, other.pk}
    found = owners_only("hinge creaks")
    assert [(hit.type, hit.object_id) for hit in found.hits] == [("thread", owned.pk)]
    all_replies = api.search(api.SearchQuery(text="reply number", types=("post",)))
    assert {hit.object_id for hit in all_replies.hits} == {owner_reply.pk, visitor_reply.pk}
    replies = owners_only("reply number", types=("post",))
    assert [hit.object_id for hit in replies.hits] == [owner_reply.pk]


def test_an_order_in_another_product_does_not_make_an_owner(
    product_board, django_capture_on_commit_callbacks
):
    board, _ = product_board
    elsewhere = VariantFactory(product=ProductFactory(name="Orbit Watch", slug="orbit-watch"), sku="OW-1")
    buyer = UserFactory(username="buyer")
    make_owner(buyer, elsewhere)
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(board=board, author=buyer, title="Hinge creaks when folding")
    assert owners_only("hinge").hits == []


def test_ownership_is_read_in_the_batch_query_not_per_document(product_board):
    board, variant = product_board
    owner = UserFactory(username="owner")
    make_owner(owner, variant)
    threads = [
        make_thread(board=board, author=owner if n % 2 else None, title=f"Thread {n}") for n in range(6)
    ]
    make_replies(threads[0], 4, authors=[owner, UserFactory(username="r")])
    ids = [thread.pk for thread in threads]

    thread_rows = list(_threads_with_feedback().filter(pk__in=ids))
    with CaptureQueriesContext(connection) as queries:
        documents = [thread_or_none(thread) for thread in thread_rows]
    assert len(queries) == 0
    assert [doc.is_owner for doc in documents] == [thread.author_id == owner.pk for thread in thread_rows]

    post_rows = list(_posts().filter(thread=threads[0], number__gt=1))
    with CaptureQueriesContext(connection) as queries:
        posts = [post_document(post) for post in post_rows]
    assert len(queries) == 0
    assert [doc.is_owner for doc in posts] == [post.author_id == owner.pk for post in post_rows]


def test_a_vote_updates_the_threads_vote_count_in_the_index(board, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        thread = make_thread(board=board, title="Remote pairing fails")
    entry = IndexEntry.objects.get(type="thread", object_id=thread.pk)
    assert entry.votes == 0

    with django_capture_on_commit_callbacks(execute=True):
        vote(_Item(thread), UserFactory(username="v1"), UserFactory(username="v2"))

    # (re-read by what it indexes: PostgreSQL's upsert may give the entry a new row id)
    assert IndexEntry.objects.get(type="thread", object_id=thread.pk).votes == 2


class _Item:
    """``vote`` takes anything with a thread (feedback items; here a plain thread)."""

    def __init__(self, thread):
        self.thread = thread


def test_documents_from_batch_rows_are_the_documents_of_the_models(product_board):
    """The batch querysets give plain rows, not model instances: each document must be exactly
    what the model instance gives (URL, author name, access, owner flag...)."""
    from forum.models import Post, Thread

    board, variant = product_board
    owner = UserFactory(username="owner", display_name="Owner Person")
    make_owner(owner, variant)
    threads = [
        make_thread(board=board, author=owner, title="Écran noir après la mise à jour"),
        make_thread(board=board, author=UserFactory(username="plain"), title="Hinge creaks"),
    ]
    make_replies(threads[0], 3, authors=[owner, UserFactory(username="r1")])
    Post.objects.filter(thread=threads[0], number=3).update(is_hidden=True)
    ids = [thread.pk for thread in threads]

    def owner_flag(document, author_id):
        return (
            document
            if document is None
            else document.__class__(**{**document.__dict__, "is_owner": author_id == owner.pk})
        )

    for row in _threads_with_feedback().filter(pk__in=ids):
        model = Thread.objects.get(pk=row.pk)
        assert thread_or_none(row) == owner_flag(thread_or_none(model), model.author_id)
    rows = list(_posts().filter(thread_id__in=ids))
    assert len(rows) == Post.objects.filter(thread_id__in=ids).count()
    for row in rows:
        model = Post.objects.get(pk=row.pk)
        assert post_document(row) == owner_flag(post_document(model), model.author_id)
