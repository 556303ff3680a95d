"""community/models/pages.py: the home page shows the editors' blocks and the latest threads the reader may read."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum.models import Board
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(db):
    from devdata.demo import ensure_home_page

    return ensure_home_page()


def _queries(client, url: str = "/") -> int:
    client.get(url)  # the first visits fill the site's settings and the reader's board access
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_home_page_lists_the_latest_threads_of_the_boards_the_reader_may_read(client, home):
    testers = Group.objects.create(name="Beta testers")
    public = BoardFactory(slug="lounge", name="Lounge")
    beta = BoardFactory(
        slug="beta-lab", name="Beta lab", read_access=Board.Access.GROUP, access_group=testers
    )
    author = UserFactory(username="writer")
    author.groups.add(testers)
    make_thread(board=public, author=author, title="Which case do you use?")
    make_thread(board=beta, author=author, title="Beta build 3 first impressions")

    visitor = client.get("/").content.decode()
    assert 'id="latest-heading"' in visitor and "Which case do you use?" in visitor
    assert "Beta build 3 first impressions" not in visitor

    tester = UserFactory(username="tester")
    tester.groups.add(testers)
    client.force_login(tester)
    member_page = client.get("/").content.decode()
    assert "Which case do you use?" in member_page and "Beta build 3 first impressions" in member_page


def test_an_empty_forum_says_so_on_the_home_page(client, home):
    assert "Nothing to read yet" in client.get("/").content.decode()


@pytest.mark.parametrize("threads", [2, 20])
def test_the_home_page_runs_a_fixed_number_of_queries(client, home, threads):
    # Given boards with threads by several people (the latest list is one query whatever their number)
    boards = [BoardFactory(slug="one"), BoardFactory(slug="two")]
    authors = [UserFactory(username=f"author{i}") for i in range(4)]
    for i in range(threads):
        make_thread(board=boards[i % 2], author=authors[i % 4], title=f"Home thread number {i}")
    # Then a visitor's and a member's home page run exactly these numbers of queries: Wagtail's three
    # for serving the page (the page, its ancestors, view restrictions) and one for the latest threads;
    # the featured blocks (public, the same for everyone) are kept for a minute (community.blocks)
    assert _queries(client) == 4
    client.force_login(UserFactory(username="reader"))
    assert _queries(client) == 5  # and the session's user
