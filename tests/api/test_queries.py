"""Query budgets, pinned exactly per list and detail endpoint: at most 5 queries signed out and 8
with a token (the token's row with its person is one of them). Counted after a first call, as the
pages' pins are: the board-access rows and the level table are cached, and a token's last use is
written at most every few minutes."""

import pytest
from django.db import connection

from tests.api.conftest import Api
from tests.api.data import seed_api_data

pytestmark = pytest.mark.django_db

BUDGET = {"anonymous": 5, "token": 8}
# The PostgreSQL search backend runs its statements in an atomic block: inside a test's transaction
# that is a SAVEPOINT and a RELEASE more than a request (autocommit) sends.
SEARCH_SAVEPOINTS = {"sqlite": 0, "postgresql": 2}

# (path, signed out, with a token); None: the endpoint needs a caller.
PINS = [
    ("boards", 1, 2),
    ("boards/general", 1, 2),
    ("boards/general/threads", 5, 6),
    ("threads/{thread}", 4, 5),
    ("threads/{thread}/posts", 4, 5),
    ("posts/{post}", 1, 4),
    ("feedback/statuses", 1, 2),
    ("feedback/{item}", 2, 3),
    ("products/aurora-14/releases", 2, 3),
    ("products/aurora-14/releases/1.4.2", 4, 5),
    ("products", 5, 6),
    ("products/aurora-14", 3, 4),
    ("orders/{order}", 4, 4),
    ("search?q=pair", 4, 5),
    ("search/suggestions?q=pai", 3, 4),
    ("me", None, 5),
    ("me/reputation", None, 4),
    ("me/badges", None, 2),
    ("me/notifications", None, 4),
    ("me/bookmarks", None, 2),
    ("me/watches", None, 2),
    ("cart", None, 3),
    ("orders", None, 3),
]


@pytest.fixture
def data(db):
    return seed_api_data()


def _path(template: str, data) -> str:
    return template.format(
        thread=data.thread.pk, post=data.posts[0].pk, item=data.item.thread_id, order=data.order.number
    )


@pytest.mark.parametrize(("template", "anonymous", "token"), PINS, ids=[pin[0] for pin in PINS])
def test_query_counts_are_pinned(client, data, django_assert_num_queries, template, anonymous, token):
    path = _path(template, data)
    for kind, expected in (("anonymous", anonymous), ("token", token)):
        if expected is None:
            continue
        extra = SEARCH_SAVEPOINTS[connection.vendor] if template.startswith("search?") else 0
        assert expected <= BUDGET[kind]
        expected += extra
        caller = Api(client, data.token if kind == "token" else "")
        for _ in range(2):  # the first request of a fresh site makes its settings row, the next caches it
            assert caller.get(path).status_code in (200, 404)
        with django_assert_num_queries(expected):
            response = caller.get(path)
        assert response.status_code == (
            404 if kind == "anonymous" and template.startswith("orders/") else 200
        )


def test_a_longer_list_costs_no_more(client, data, django_assert_num_queries):
    """Ten more threads with replies and votes: the listing and the thread read the same number."""
    from tests.forum.factories import make_replies, make_thread

    for n in range(10):
        make_replies(make_thread(board=data.board, author=data.member, title=f"Another thread {n}"), 2)
    caller = Api(client, data.token)
    for path, expected in (("boards/general/threads", 6), (f"threads/{data.thread.pk}/posts", 5)):
        caller.get(path)
        caller.get(path)
        with django_assert_num_queries(expected):
            caller.get(path)
