"""Pages run a fixed number of SQL queries: measured with 5 and with 200 posts.

The budgets are issue #8's: at most 5 queries a page for an anonymous visitor and 8 signed in,
counted in steady state (the first visit of a site creates its settings row and fills the cached
board access; a page's first visit writes the reader's watermark)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum import queries
from forum.actions.votes import toggle_vote
from forum.models import Board
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, bulk_posts, make_replies, make_thread

pytestmark = pytest.mark.django_db

ANONYMOUS_MAX = 5
SIGNED_IN_MAX = 8


def _forum_with_posts(count: int):
    section = BoardFactory(slug="section", kind=Board.Kind.SECTION)
    board = BoardFactory(slug="talk", parent=section)
    BoardFactory(slug="sub", parent=board)
    authors = [UserFactory(username=f"author{i}") for i in range(5)]
    threads = [make_thread(board=board, author=authors[i % 5], title=f"Thread number {i}") for i in range(5)]
    make_replies(threads[0], 3, authors=authors)
    bulk_posts(threads[0], count - 8, authors=authors)
    for voter in authors[1:]:
        toggle_vote(actor=voter, post=threads[0].first_post)
    return board, threads[0]


def _count(client, url: str) -> int:
    client.get(url)  # the first visit writes the reading watermark; count a steady-state visit
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _reader(client, signed_in: bool):
    if signed_in:
        client.force_login(UserFactory(username="reader"))
    return client


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("posts", [5, 200])
def test_thread_page_runs_a_fixed_number_of_queries(client, posts, signed_in):
    # Given a thread with many posts, votes and authors
    _board, thread = _forum_with_posts(posts)
    client = _reader(client, signed_in)
    # Then its first and second page stay within the budget
    budget = SIGNED_IN_MAX if signed_in else ANONYMOUS_MAX
    assert _count(client, thread.get_absolute_url() + "?page=2") <= budget
    assert _count(client, thread.get_absolute_url()) <= budget


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("posts", [5, 200])
def test_board_listing_runs_a_fixed_number_of_queries(client, posts, signed_in):
    board, _ = _forum_with_posts(posts)
    client = _reader(client, signed_in)
    budget = SIGNED_IN_MAX if signed_in else ANONYMOUS_MAX
    for sort in ("active", "hot", "new", "top", "unanswered"):
        assert _count(client, board.get_absolute_url() + f"?sort={sort}") <= budget, sort


@pytest.mark.parametrize("signed_in", [False, True])
def test_board_index_runs_a_fixed_number_of_queries(client, signed_in):
    _forum_with_posts(5)
    client = _reader(client, signed_in)
    assert _count(client, "/forum/") <= (SIGNED_IN_MAX if signed_in else ANONYMOUS_MAX)


def test_query_counts_do_not_grow_with_posts(client):
    # The same pages with 5 and with 200 posts run the same number of queries.
    board, thread = _forum_with_posts(5)
    client.force_login(UserFactory(username="reader"))
    small = [
        _count(client, thread.get_absolute_url()),
        _count(client, board.get_absolute_url()),
        _count(client, "/forum/"),
    ]
    bulk_posts(thread, 195, authors=[UserFactory(username=f"late{i}") for i in range(4)])
    large = [
        _count(client, thread.get_absolute_url()),
        _count(client, board.get_absolute_url()),
        _count(client, "/forum/"),
    ]
    assert large == small, f"5 posts: {small}, 200 posts: {large}"


def test_keyset_pagination_walks_every_thread_once(db, settings):
    # Given 7 threads and pages of 3
    settings.FORUM_THREADS_PER_PAGE = 3
    board = BoardFactory(slug="pages")
    author = UserFactory(username="writer")
    created = {make_thread(board=board, author=author, title=f"Keyset thread {i}").pk for i in range(7)}
    reader = UserFactory(username="reader")
    for sort in ("active", "new", "hot", "top"):
        seen, cursor, pages = [], "", 0
        while True:
            listing = queries.board_listing(reader, board, sort=sort, cursor=cursor)
            seen.extend(t.pk for t in listing.threads)
            pages += 1
            if not listing.next_cursor:
                break
            cursor = listing.next_cursor
        # Then every thread shows exactly once, over three pages
        assert sorted(seen) == sorted(created), sort
        assert pages == 3


def test_malformed_cursor_shows_the_first_page(db):
    board = BoardFactory(slug="cursor")
    make_thread(board=board)
    reader = UserFactory(username="reader")
    for junk in ("%%%", "bm90IGpzb24", "WzEsMl0", "W3sidCI6Im5vcGUifSwxXQ", "x" * 500):
        listing = queries.board_listing(reader, board, sort="new", cursor=junk)
        assert listing.is_first_page and len(listing.threads) == 1
