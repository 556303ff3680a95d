"""forum/people.py: the forum's profile tabs, feed items, export, a change of name and account deletion."""

import pytest
from django.contrib.auth.models import Group

from community.profiles.actions.account import delete_account
from community.profiles.actions.profile import follow, update_profile
from community.profiles.data import export_data
from community.profiles.queries import feed, profile_page
from forum.actions.votes import toggle_vote
from forum.feedback.actions.status import set_feedback_status
from forum.feedback.models import Status
from forum.limits import limits_off
from forum.models import Board, Post, Thread
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, make_replies, make_thread
from tests.forum.feedback.factories import make_item
from tests.store.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_board():
    testers = Group.objects.create(name="Beta testers")
    return BoardFactory(
        slug="beta-lab",
        name="Beta lab",
        read_access=Board.Access.GROUP,
        start_access=Board.Access.GROUP,
        reply_access=Board.Access.GROUP,
        access_group=testers,
    ), testers


@pytest.fixture
def author(private_board):
    user = UserFactory(username="writer")
    user.groups.add(private_board[1])
    return user


def tab(author, viewer, slug):
    page = profile_page(username=author.username, viewer=viewer, tab=slug)
    assert page.active_tab == slug
    return [item.title for item in page.items]


def test_threads_and_replies_tabs_show_only_boards_the_viewer_can_read(board, private_board, author, member):
    make_thread(board=board, author=author, title="Public pairing question")
    make_thread(board=private_board[0], author=author, title="Secret build notes")
    other = make_thread(board=board, title="Someone else's thread")
    make_replies(other, 1, authors=[author])
    assert tab(author, member, "threads") == ["Public pairing question"]
    assert sorted(tab(author, author, "threads")) == ["Public pairing question", "Secret build notes"]
    assert tab(author, member, "replies") == ["Someone else's thread"]


def test_a_loaded_tab_is_one_query(board, author, member, django_assert_max_num_queries):
    for i in range(3):
        make_thread(board=board, author=author, title=f"Thread number {i}", body=f"Body {i}")
    from forum.people import activity_tabs

    tabs = {t.slug: t for t in activity_tabs(user=author, viewer=member)}
    tabs["threads"].load(20)  # warms the viewer's board access
    with django_assert_max_num_queries(1):
        assert len(tabs["threads"].load(20)) == 3
    with django_assert_max_num_queries(1):
        tabs["replies"].load(20)
    # (the feedback tabs come from forum/feedback/hooks.py: tests/forum/feedback/test_hooks.py)
    assert "feedback" not in tabs


def test_feedback_tabs_list_filed_and_fixed_items(author, member):
    product = ProductFactory(name="Aurora 14", slug="aurora-14")
    fb = BoardFactory(slug="fb", name="Feedback", kind=Board.Kind.FEEDBACK, product=product)
    fixed = make_item(board=fb, author=author, title="Battery drains overnight")
    make_item(board=fb, author=author, title="Screen flickers at low brightness", steps="1. Dim it")
    team = UserFactory(is_staff=True, is_superuser=True)
    set_feedback_status(actor=team, item=fixed, status=Status.objects.get(key="fixed"), comment="Done.")
    assert sorted(tab(author, member, "feedback")) == [
        "Battery drains overnight",
        "Screen flickers at low brightness",
    ]
    assert tab(author, member, "fixed") == ["Battery drains overnight"]


def test_the_feed_shows_followed_people_in_visible_boards_only(board, private_board, author, member):
    follow(follower=member, followed=author)
    make_thread(board=board, author=author, title="Public pairing question")
    make_thread(board=private_board[0], author=author, title="Secret build notes")
    titles = [item.title for item in feed(viewer=member)]
    assert "Public pairing question" in titles and "Secret build notes" not in titles


def test_the_export_holds_posts_and_votes(board, author):
    thread = make_thread(board=board, author=author, title="Public pairing question")
    with limits_off():
        toggle_vote(actor=author, post=make_replies(thread, 1)[0])
    data = export_data(author)
    assert [p["thread_title"] for p in data["forum_posts"]] == ["Public pairing question"]
    assert len(data["forum_votes"]) == 1


def test_deleting_an_account_with_content_soft_deletes_the_posts(board, author):
    thread = make_thread(board=board, author=author, title="Public pairing question")
    other = make_thread(board=board, title="Someone else's thread")
    [answer] = make_replies(other, 1, authors=[author])
    delete_account(user=author, remove_content=True)
    assert Thread.objects.get(pk=thread.pk).deleted_at is not None
    assert Post.objects.get(pk=answer.pk).deleted_at is not None
    other.refresh_from_db()
    assert other.reply_count == 0  # recounted


def test_deleting_an_account_keeping_content_shows_deleted_user(client, board, author):
    thread = make_thread(board=board, author=author, title="Public pairing question")
    delete_account(user=author, remove_content=False)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Public pairing question" in html
    assert "Deleted user" in html and "writer" not in html


def test_deleting_an_account_keeping_content_forgets_the_name_in_search_and_notifications(
    client, board, member, django_capture_on_commit_callbacks
):
    """The kept posts are searchable under the placeholder name, and what others were told about the
    person ("… replied to your thread") now names the placeholder too: no old name is left anywhere."""
    from search.api import search
    from search.query import SearchQuery
    from tests.community.profiles.actions.test_account import _text_rows

    writer = UserFactory(username="wendy-w", display_name="Wendy Writerson")
    with django_capture_on_commit_callbacks(execute=True):
        thread = make_thread(board=board, author=member, title="Pairing the remote")
        make_replies(thread, 1, authors=[writer])
        make_thread(board=board, author=writer, title="Pairing tips from the lab")
    assert {hit.author_name for hit in search(SearchQuery(text="pairing"), user=member).hits} >= {
        "Wendy Writerson"
    }

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=writer, remove_content=False)

    hits = search(SearchQuery(text="pairing"), user=member).hits
    assert {hit.title for hit in hits} >= {"Pairing the remote", "Pairing tips from the lab"}
    assert {hit.author_name for hit in hits if hit.title == "Pairing tips from the lab"} == {"Deleted user"}
    client.force_login(member)
    page = client.get("/notifications/").content.decode()
    assert "Deleted user replied to your thread" in page
    leaks = [label for label, text in _text_rows() for secret in ("Wendy", "wendy-w") if secret in text]
    assert leaks == []


def test_renaming_an_account_shows_the_new_name_as_author_in_search(
    client, board, member, django_capture_on_commit_callbacks
):
    """Search documents keep the author's name: a rename builds them again after the commit, so the
    person's threads, replies and feedback are found under the new name and the old one is gone."""
    from forum.actions.posts import reply
    from search.api import search
    from search.query import SearchQuery

    writer = UserFactory(username="wendy-w", display_name="Wendy Writerson")
    with django_capture_on_commit_callbacks(execute=True):
        thread = make_thread(board=board, author=member, title="Pairing the remote")
        with limits_off():
            reply(actor=writer, thread=thread, body="Pairing worked after a restart.")
        make_thread(board=board, author=writer, title="Pairing tips from the lab")
        feedback = BoardFactory(
            slug="remote-feedback", kind=Board.Kind.FEEDBACK, product=ProductFactory(slug="remote")
        )
        make_item(board=feedback, author=writer, title="Pairing fails after the update")

    def authors() -> dict[str, set[str]]:
        hits = search(SearchQuery(text="pairing"), user=member).hits
        return {
            name: {hit.type for hit in hits if hit.author_name == name}
            for name in {h.author_name for h in hits}
        }

    assert authors()["Wendy Writerson"] == {"thread", "post", "feedback"}

    # When Wendy changes her display name on her profile
    with django_capture_on_commit_callbacks(execute=True):
        update_profile(
            user=writer,
            display_name="Wendy Lab",
            bio="",
            location="",
            links=[],
            details_visibility="EVERYONE",
            show_owned_products=True,
            show_activity=True,
            show_follows=True,
        )

    # Then search shows her threads, replies and feedback under the new name, and the old name nowhere
    found = authors()
    assert found["Wendy Lab"] == {"thread", "post", "feedback"} and "Wendy Writerson" not in found
    client.force_login(member)
    page = client.get("/search/", {"q": "pairing"}).content.decode()
    assert "Wendy Lab" in page and "Wendy Writerson" not in page
