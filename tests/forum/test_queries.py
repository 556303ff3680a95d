"""Pages run a fixed number of SQL queries: measured with 5 and with 200 posts.

The budgets are issue #8's: at most 5 queries a page for an anonymous visitor and 8 signed in,
counted in steady state (the first visit of a site creates its settings row and fills the cached
board access). The thread page's read path, ``queries.thread_page``, is pinned exactly."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forum import queries
from forum.actions.polls import vote_in_poll
from forum.actions.votes import toggle_vote
from forum.models import Board, Poll, PollChoice, ReadMark
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
    client.get(url)  # the first visit fills the site's settings and the reader's board access
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _member(username: str = "reader"):
    """An established member (past FORUM_NEW_ACCOUNT_DAYS): the new-account limits read nothing."""
    return UserFactory(username=username, date_joined=timezone.now() - timedelta(days=60))


def _reader(client, signed_in: bool):
    if signed_in:
        client.force_login(_member())
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


# --- the thread page: one query function, exact counts, no write ------------------------------------

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "SAVEPOINT")


def _writes(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)]


@pytest.fixture
def cold_fragments(monkeypatch):
    """Every fragment key new, as after a deploy that changes the templates: cores, footers and the
    anonymous post list are rendered again; the site's settings and board access stay cached."""
    from forum import fragments

    digests = iter(range(10**6))
    monkeypatch.setattr(fragments, "_template_digest", lambda theme, name="": f"cold{next(digests)}")


# thread, _read_extras (poll id, visible count, watermark, watch, draft), tags, one page of posts
THREAD_PAGE_QUERIES = 4
SESSION_USER = 1  # the signed-in reader's row, read by the auth middleware


@pytest.mark.parametrize("signed_in", [False, True])
def test_thread_page_query_function_runs_exactly_four_queries(django_assert_num_queries, signed_in):
    # Given a thread with 26 posts (two pages) and a reader whose board access is cached
    _board, thread = _forum_with_posts(30)
    reader = _member() if signed_in else AnonymousUser()
    queries.thread_page(reader, thread.pk, page=2)
    # When the page is read
    with django_assert_num_queries(THREAD_PAGE_QUERIES):
        page = queries.thread_page(reader, thread.pk, page=2)
    # Then it holds everything the page shows
    assert page.thread.pk == thread.pk and page.page == 2 and page.page_count == 2
    assert [post.number for post in page.posts] == list(range(21, 27))
    assert page.total == 26 and page.thread.board.slug == "talk"
    assert page.poll is None and page.badges == [] and page.moved_to is None


@pytest.mark.parametrize("fragments", ["warm", "cold"])
@pytest.mark.parametrize("signed_in", [False, True])
def test_thread_page_runs_an_exact_number_of_queries_and_writes_nothing(
    client, django_assert_num_queries, request, signed_in, fragments
):
    # Given a thread, a reader who has not read it, and the site's settings cached
    _board, thread = _forum_with_posts(30)
    reader = _member()
    if signed_in:
        client.force_login(reader)
    client.get(thread.get_absolute_url())
    client.get(thread.get_absolute_url())
    if fragments == "cold":  # the fragments cached by those visits are not found again
        request.getfixturevalue("cold_fragments")
    # When the page is shown
    expected = THREAD_PAGE_QUERIES + (SESSION_USER if signed_in else 0)
    with django_assert_num_queries(expected) as ctx:
        response = client.get(thread.get_absolute_url())
    # Then exactly the pinned queries ran, none of them a write
    assert response.status_code == 200 and b'id="p20"' in response.content
    assert _writes(ctx) == []
    assert not ReadMark.objects.filter(user=reader, thread=thread).exists()


def test_thread_page_with_poll_badge_and_owners_counts_each_once(django_assert_num_queries):
    # Given a feedback thread with a poll, in a product's board, and a reader who voted in the poll
    from tests.forum.feedback.factories import make_item
    from tests.store.factories import ProductFactory

    product = ProductFactory(name="Aurora 14", slug="aurora-14")
    board = BoardFactory(slug="fb", name="Feedback", kind=Board.Kind.FEEDBACK, product=product)
    item = make_item(board=board, title="Battery drains overnight")
    thread = item.thread
    poll = Poll.objects.create(thread=thread, question="Since when?")
    first, _second = (PollChoice.objects.create(poll=poll, text=t, position=i) for i, t in enumerate("ab"))
    reader = UserFactory(username="reader")
    vote_in_poll(actor=reader, poll=poll, choice_ids=[first.pk])
    queries.thread_page(reader, thread.pk)
    # When the page is read: the four, the poll with the reader's votes (1), the verified owners
    # among the authors (1, a product's board), the feedback badge (1, a feedback board)
    with django_assert_num_queries(THREAD_PAGE_QUERIES + 3):
        page = queries.thread_page(reader, thread.pk)
    # Then the poll, the reader's vote and the feedback item's badge are there
    assert page.poll.pk == poll.pk and [c.text for c in page.poll_choices] == ["a", "b"]
    assert page.poll_voted_ids == {first.pk}
    assert [badge.url for badge in page.badges] == [item.get_absolute_url()]
    assert page.badges[0].label.startswith("Bug · ")


def test_a_merged_thread_reads_only_where_it_went(client, django_assert_num_queries):
    from forum.actions.moderation import merge_threads

    board = BoardFactory(slug="talk")
    source, target = (
        make_thread(board=board, title="Old question"),
        make_thread(board=board, title="Same question"),
    )
    moderator = UserFactory(is_superuser=True)
    merge_threads(actor=moderator, source=source, target=target)
    reader = UserFactory(username="reader")
    queries.thread_page(reader, target.pk)
    with django_assert_num_queries(2):  # the thread, then where it went
        page = queries.thread_page(reader, source.pk)
    assert page.moved_to.pk == target.pk and page.posts == []
    # And its old address leads there for good
    client.force_login(reader)
    response = client.get(f"/forum/t/{source.pk}/")
    assert response.status_code == 301 and response.url == target.get_absolute_url()


def test_thread_page_for_a_new_account_runs_as_many_queries_as_for_a_member(client):
    # (the composer's upload refusal, read for new accounts, is kept a minute per person)
    _board, thread = _forum_with_posts(5)
    client.force_login(UserFactory(username="newcomer"))
    assert _count(client, thread.get_absolute_url()) == THREAD_PAGE_QUERIES + SESSION_USER


# --- the home page's latest threads: one query, only what the reader may read ------------------------


def _latest_world():
    """A public board, a board for a beta group, and one only moderators read, with a thread each,
    plus a hidden thread on the public board."""
    from django.contrib.auth.models import Group

    from forum.actions.moderation import set_thread_visibility

    beta = Group.objects.create(name="Beta testers")
    public = BoardFactory(slug="lobby", name="Lobby")
    group_board = BoardFactory(slug="beta-lab", name="Beta lab", read_access=Board.Access.GROUP, access_group=beta)
    staff_board = BoardFactory(slug="staff-room", name="Staff room", read_access=Board.Access.MODERATORS)
    author = _member("writer")
    author.groups.add(beta)
    moderator = UserFactory(username="moddy", is_superuser=True)
    threads = {
        "public": make_thread(board=public, author=author, title="Public thread here"),
        "beta": make_thread(board=group_board, author=author, title="Beta build notes"),
        "staff": make_thread(board=staff_board, author=moderator, title="Staff only planning"),
        "hidden": make_thread(board=public, author=author, title="Hidden thread here"),
    }
    set_thread_visibility(actor=moderator, thread=threads["hidden"], state="hidden", reason="Off topic.")
    tester = _member("tester")
    tester.groups.add(beta)
    return threads, tester, moderator


def test_latest_threads_shows_each_reader_only_the_boards_they_may_read(db):
    _threads, tester, moderator = _latest_world()

    def titles(user):
        return {thread.title for thread in queries.latest_threads(user)}

    assert titles(AnonymousUser()) == {"Public thread here"}
    assert titles(_member("plain")) == {"Public thread here"}
    assert titles(tester) == {"Public thread here", "Beta build notes"}
    # moderators read every board, but the front page lists no hidden thread, even to them
    assert titles(moderator) == {"Public thread here", "Beta build notes", "Staff only planning"}


def test_latest_threads_are_newest_activity_first_and_limited(db):
    board = BoardFactory(slug="busy")
    author = _member("writer")
    first, _second, third = (make_thread(board=board, author=author, title=f"Thread number {i}") for i in range(3))
    make_replies(first, 1)

    latest = queries.latest_threads(AnonymousUser(), limit=2)

    assert [thread.pk for thread in latest] == [first.pk, third.pk]


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("count", [3, 30])
def test_latest_threads_runs_exactly_one_query(django_assert_num_queries, signed_in, count):
    # Given threads of several authors across two boards (some with feedback's status columns)
    boards = [BoardFactory(slug="one"), BoardFactory(slug="two")]
    authors = [_member(f"author{i}") for i in range(4)]
    for i in range(count):
        make_thread(board=boards[i % 2], author=authors[i % 4], title=f"Latest thread number {i}")
    reader = _member() if signed_in else AnonymousUser()
    queries.latest_threads(reader)  # board access is read once and cached, as on every page after the first
    # Then the list, with authors, last posters, boards and the reader's watermarks, is one query
    with django_assert_num_queries(1):
        latest = queries.latest_threads(reader)
        shown = [
            (thread.author.public_name, thread.board.name, thread.last_post.author.public_name, thread.is_unread)
            for thread in latest
        ]
    assert len(shown) == min(count, queries.LATEST_LIMIT)
