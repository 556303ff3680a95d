import io

import pytest
from django.core.management import call_command

from devdata.loadgen.forum import BIG_THREAD_BOARD
from forum.feedback.models import FeedbackItem, Release
from forum.models import Board, Thread
from store.models import Order, OrderLine, Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def load_data():
    call_command("generate_load_data", posts=600, stdout=io.StringIO())


def test_pages_render_for_the_generated_community(client, load_data):
    big = Thread.objects.order_by("pk").first()
    assert big.board.slug == BIG_THREAD_BOARD
    last_page = -(-big.posts.count() // 20)

    assert client.get("/forum/").status_code == 200
    assert client.get(f"/forum/b/{BIG_THREAD_BOARD}/").status_code == 200
    response = client.get(big.get_absolute_url() + f"?page={last_page}")
    assert response.status_code == 200
    assert (
        f"#{big.last_post_number}" in response.content.decode()
        or big.last_post.body[:20] in response.content.decode()
    )
    product = Product.objects.get(slug="load-nimbus-x2")
    assert client.get(product.get_absolute_url()).status_code == 200
    feedback_board = Board.objects.get(kind=Board.Kind.FEEDBACK, product=product)
    assert client.get(feedback_board.get_absolute_url()).status_code == 200


def test_feedback_items_cover_the_feedback_board_with_owners_among_voters(load_data):
    board = Board.objects.get(kind=Board.Kind.FEEDBACK)
    items = FeedbackItem.objects.filter(thread__board=board)
    assert items.count() == Thread.objects.filter(board=board).count() > 0
    assert items.values("status").distinct().count() > 2
    assert Release.objects.filter(product=board.product, live=True).count() == 3
    for item in items.filter(fixed_in__isnull=False):
        assert f"#{item.thread_id}" in item.fixed_in.changelog
    owners = set(
        OrderLine.objects.filter(product=board.product, order__status=Order.Status.PAID).values_list(
            "order__user_id", flat=True
        )
    )
    assert owners
    voters = set(Thread.objects.filter(board=board).values_list("first_post__votes__user_id", flat=True))
    assert owners & voters


def test_search_finds_generated_content(client, load_data):
    from search import api
    from search.query import SearchQuery

    thread = Thread.objects.exclude(board__kind=Board.Kind.FEEDBACK).order_by("pk")[5]
    word = max(thread.title.replace("?", " ").replace(":", " ").split(), key=len).lower()

    results = api.search(SearchQuery(text=word))

    assert results.total > 0
    assert client.get("/search/", {"q": word}).status_code == 200
