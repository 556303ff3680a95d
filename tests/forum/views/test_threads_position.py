"""The thread page's position control (forum/includes/thread_position.html) and the "Go to post #"
view behind it (threads.goto_post, forum/positions.py)."""

import pytest

from forum.actions.moderation import set_post_visibility
from forum.actions.reading import mark_read
from tests.factories import UserFactory
from tests.forum.factories import make_replies, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_thread(board, other_member, settings):
    """A thread of 12 posts, 5 to a page: pages 1 (#1-5), 2 (#6-10) and 3 (#11-12)."""
    settings.FORUM_POSTS_PER_PAGE = 5
    thread = make_thread(board=board, author=other_member, title="A long story told")
    make_replies(thread, 11)
    thread.refresh_from_db()
    return thread


def _goto(client, thread, n) -> str:
    response = client.get(f"/forum/t/{thread.pk}/-/goto/", {"n": n})
    assert response.status_code == 302
    return response.url


@pytest.mark.parametrize(
    ("n", "where"),
    [("1", "#p1"), ("5", "#p5"), ("6", "?page=2#p6"), (" #12 ", "?page=3#p12"), ("400", "?page=3#p12")],
)
def test_go_to_a_post_number_leads_to_its_page(client, long_thread, n, where):
    assert _goto(client, long_thread, n) == long_thread.get_absolute_url() + where


def test_a_hidden_post_leads_to_the_nearest_one_before_it(client, long_thread, admin_user, member):
    from forum.models import Post

    hidden = Post.objects.get(thread=long_thread, number=6)
    set_post_visibility(actor=admin_user, post=hidden, state="hidden", reason="Off topic")
    # a reader who cannot see #6 lands on #5, and the pages count only what they see
    assert _goto(client, long_thread, 6) == long_thread.get_absolute_url() + "#p5"
    assert _goto(client, long_thread, 11) == long_thread.get_absolute_url() + "?page=2#p11"
    # a moderator sees it
    client.force_login(admin_user)
    assert _goto(client, long_thread, 6) == long_thread.get_absolute_url() + "?page=2#p6"


@pytest.mark.parametrize("n", ["", "abc", "0", "-3", "1e9", "9" * 30, "5; DROP TABLE"])
def test_a_bad_number_says_so_on_the_thread_page(client, long_thread, n):
    response = client.get(f"/forum/t/{long_thread.pk}/-/goto/", {"n": n}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == long_thread.get_absolute_url()
    assert "Type the number of a post to go to (1 to 12)." in response.content.decode()


def test_go_to_in_a_thread_out_of_sight_is_not_found(client, board, admin_user, other_member):
    from forum.actions.boards import set_board_access
    from forum.models import Board

    thread = make_thread(board=board, author=other_member)
    set_board_access(actor=admin_user, board=board, read_access=Board.Access.MODERATORS)
    assert client.get(f"/forum/t/{thread.pk}/-/goto/", {"n": "1"}).status_code == 404
    assert client.get("/forum/t/999999/-/goto/", {"n": "1"}).status_code == 404


def test_a_long_thread_shows_page_n_of_m_last_post_and_go_to(client, long_thread):
    html = client.get(long_thread.get_absolute_url() + "?page=2").content.decode()
    nav = html.split('<nav class="thread-position"', 1)[1].split("</nav>", 1)[0]
    assert 'aria-label="Position in this thread"' in nav and "Page 2 of 3" in nav
    assert 'href="?page=1" rel="prev"' in nav and 'href="?page=3" rel="next"' in nav
    assert f'href="/forum/t/{long_thread.pk}/-/goto/?n=12">Last post' in nav
    assert f'action="/forum/t/{long_thread.pk}/-/goto/"' in nav and 'method="get"' in nav
    assert 'name="n"' in nav and 'max="12"' in nav
    assert "First unread" not in nav  # a visitor has no watermark


def test_first_unread_leads_where_the_reader_stopped(client, long_thread):
    reader = UserFactory(username="reader")
    mark_read(user=reader, thread=long_thread, up_to_number=7)
    client.force_login(reader)
    # on an earlier page: through the first-unread view (another page holds it)
    page1 = client.get(long_thread.get_absolute_url()).content.decode()
    assert f'href="/forum/t/{long_thread.pk}/-/unread/">First unread' in page1
    # on the page that holds it: straight to the post
    page2 = client.get(long_thread.get_absolute_url() + "?page=2").content.decode()
    assert 'href="#p8">First unread' in page2
    # all read: no link
    mark_read(user=reader, thread=long_thread, up_to_number=12)
    page3 = client.get(long_thread.get_absolute_url() + "?page=3").content.decode()
    assert "First unread" not in page3.split('<nav class="thread-position"', 1)[1].split("</nav>", 1)[0]


def test_a_thread_of_one_page_has_no_position_control(client, board, other_member):
    thread = make_thread(board=board, author=other_member)
    assert "thread-position" not in client.get(thread.get_absolute_url()).content.decode()
