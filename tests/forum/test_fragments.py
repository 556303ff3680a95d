"""Cached post cores (forum/fragments.py) and the other caches on the read path: nothing one person
sees of their own (votes, bookmarks, unread markers, edit links, CSRF tokens, the notification
badge) reaches another, and every action that changes what a cache holds shows on the next page."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from community.notifications.actions import mark_read, notify
from community.profiles.actions.profile import update_profile
from community.profiles.models import Visibility
from forum.actions.boards import set_board_access
from forum.actions.moderation import set_post_visibility
from forum.actions.posts import edit_post, reply
from forum.actions.reading import toggle_bookmark
from forum.actions.votes import toggle_vote
from forum.fragments import core_key
from forum.keys import post_key
from forum.models import Board
from tests.factories import UserFactory
from tests.forum.factories import make_replies, make_thread

pytestmark = pytest.mark.django_db

PERSONAL = ("vote__button--on", "Remove bookmark", "data-unread-marker", "Edit</a>", "csrfmiddlewaretoken")


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _csrf_tokens(html: str) -> set[str]:
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))


@pytest.fixture
def thread(board, member, other_member):
    thread = make_thread(board=board, author=member, title="Battery drain on 1.4.2", body="Drains overnight.")
    make_replies(thread, 3, authors=[other_member])
    return thread


def test_per_person_state_never_reaches_a_cached_core(thread, member, other_member):
    # Given the author, who voted on a reply, bookmarked it, and has unread replies, views the thread
    reply = thread.posts.get(number=2)
    toggle_vote(actor=member, post=reply)
    toggle_bookmark(user=member, post=reply)
    own_page = _client(member).get(thread.get_absolute_url()).content.decode()
    assert (
        "vote__button--on" in own_page and "Remove bookmark" in own_page and "data-unread-marker" in own_page
    )
    member_tokens = _csrf_tokens(own_page)
    assert member_tokens

    # Then the cores now in the cache hold none of it
    cores = []
    for post in thread.posts.select_related("author").order_by("number"):
        post.reply_to_number = post.reply_to_edit_count = post.reply_to_author_name = None
        keys = [key for key in _cached_core_keys() if key.split(":")[-2] == str(post.pk)]
        assert keys, f"post {post.pk} has no cached core"
        cores.extend(cache.get(key) for key in keys)
    for html in cores:
        for marker in PERSONAL:
            assert marker not in html
        assert not any(token in html for token in member_tokens)

    # And the cached footers (per state on a post, never per person) hold no token of anyone's
    footers = [cache.get(key) for key in _cached_keys("forum.post-footer:")]
    assert footers
    for html in footers:
        assert not any(token in html for token in member_tokens)
        assert 'value="canopy-csrf-placeholder-0b7e"' in html

    # And another member's page, built from the same cores, shows their own state only
    other_page = _client(other_member).get(thread.get_absolute_url()).content.decode()
    assert "vote__button--on" not in other_page
    assert "Remove bookmark" not in other_page
    assert not (_csrf_tokens(other_page) & member_tokens)
    assert other_page.count("Edit</a>") == 3  # their own three replies, not the author's opening post

    # And an anonymous visitor gets no personal controls at all
    anonymous = _client().get(thread.get_absolute_url()).content.decode()
    for marker in PERSONAL:
        assert marker not in anonymous


def _cached_keys(prefix: str) -> list[str]:
    """Keys of cached fragments (the test cache is in memory: its keys carry the version prefix)."""
    keys = []
    for raw in list(cache._cache.keys()):
        key = raw.split(":", 2)[-1]
        if key.startswith(prefix):
            keys.append(key)
    return keys


def _cached_core_keys() -> list[str]:
    return _cached_keys("forum.post-core:")


def test_an_edit_shows_on_the_next_page(thread, member):
    client = _client()
    assert "Drains overnight." in client.get(thread.get_absolute_url()).content.decode()
    edit_post(actor=member, post=thread.first_post, body="Fixed by a factory reset.")
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Fixed by a factory reset." in page and "Drains overnight." not in page


def test_a_hidden_post_leaves_readers_pages_and_shows_as_hidden_to_moderators(thread, board, admin_user):
    reply = thread.posts.get(number=3)
    client = _client()
    assert f'id="p{reply.number}"' in client.get(thread.get_absolute_url()).content.decode()
    set_post_visibility(actor=admin_user, post=reply, state="hidden", reason="Off topic")
    assert f'id="p{reply.number}"' not in client.get(thread.get_absolute_url()).content.decode()
    moderator_page = _client(admin_user).get(thread.get_absolute_url()).content.decode()
    assert "Hidden: Off topic" in moderator_page


def test_a_new_display_name_shows_on_cached_posts(thread, member):
    client = _client()
    client.get(thread.get_absolute_url())
    update_profile(
        user=member,
        display_name="Mira the Tester",
        bio="",
        location="",
        links=[],
        details_visibility=Visibility.EVERYONE,
        show_owned_products=True,
        show_activity=True,
        show_follows=True,
    )
    assert "Mira the Tester" in client.get(thread.get_absolute_url()).content.decode()


def test_the_core_key_follows_what_the_core_shows(thread):
    post = thread.posts.select_related("author").get(number=2)
    post.reply_to_number = post.reply_to_edit_count = post.reply_to_author_name = None
    before = core_key(post, "base")
    post.is_verified_owner = True
    assert core_key(post, "base") != before
    assert core_key(post, "citrus") != core_key(post, "base")


def _badge(client) -> int:
    found = re.search(r"data-unread-notifications>(\d+)<", client.get("/forum/").content.decode())
    return int(found.group(1)) if found else 0


def test_the_notification_badge_is_per_person_and_follows_notifications(thread, other_member):
    reader = UserFactory(username="reader")
    reader_client, other_client = _client(reader), _client(other_member)
    assert (_badge(reader_client), _badge(other_client)) == (0, 0)
    notify(recipient_ids=[reader.pk], kind="REPLY", text="A reply", url=thread.get_absolute_url())
    assert (_badge(reader_client), _badge(other_client)) == (1, 0)
    mark_read(user=reader)
    assert _badge(reader_client) == 0


def test_the_badge_stops_counting_a_notification_whose_post_was_hidden(thread, admin_user):
    reader = UserFactory(username="reader")
    reply = thread.posts.get(number=2)
    notify(
        recipient_ids=[reader.pk],
        kind="REPLY",
        text="A reply",
        url=reply.get_absolute_url(),
        target_key=post_key(reply),
    )
    client = _client(reader)
    assert _badge(client) == 1
    set_post_visibility(actor=admin_user, post=reply, state="hidden", reason="Spam")
    assert _badge(client) == 0


def test_cached_board_access_follows_the_access_action(thread, board, member, admin_user):
    client = _client(member)
    assert client.get(thread.get_absolute_url()).status_code == 200
    set_board_access(actor=admin_user, board=board, read_access=Board.Access.MODERATORS)
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert client.get(board.get_absolute_url()).status_code == 404


def test_cached_access_follows_group_membership(board, member):
    from django.contrib.auth.models import Group

    testers = Group.objects.create(name="Beta testers")
    beta = Board.objects.create(
        name="Beta", slug="beta", read_access=Board.Access.GROUP, access_group=testers, position=9
    )
    client = _client(member)
    assert client.get(beta.get_absolute_url()).status_code == 404
    member.groups.add(testers)
    assert client.get(beta.get_absolute_url()).status_code == 200
    UserFactory(username="bystander")  # unrelated writes change nothing
    member.groups.remove(testers)
    assert client.get(beta.get_absolute_url()).status_code == 404


def test_the_anonymous_post_list_follows_votes_and_edits(thread, member, other_member):
    client = _client()
    first = client.get(thread.get_absolute_url()).content.decode()
    score = re.search(rf'id="vote-{thread.first_post_id}">.*?data-score>(\d+)<', first, re.S)
    assert score and score.group(1) == "0"
    toggle_vote(actor=other_member, post=thread.first_post)
    voted = client.get(thread.get_absolute_url()).content.decode()
    assert "data-score>1<" in voted
    edit_post(actor=member, post=thread.first_post, body="Now it lasts two days.")
    assert "Now it lasts two days." in client.get(thread.get_absolute_url()).content.decode()


def _replies_shown(listing: str) -> str:
    """The reply count a listing row shows in its replies column."""
    return re.search(r'thread-row__stat--replies"><span class="thread-row__num">(\d+)<', listing).group(1)


def test_listing_rows_follow_replies_and_keep_unread_markers_per_person(thread, board, member, other_member):
    reader = UserFactory(username="reader")
    reader_client, author_client = _client(reader), _client(member)
    author_client.get(thread.get_absolute_url())  # the author has read everything (the page script says so)
    author_client.post(f"/forum/t/{thread.pk}/-/read/", {"up_to": str(thread.posts.count())})
    listing = reader_client.get(board.get_absolute_url()).content.decode()
    assert "data-unread-marker" in listing and _replies_shown(listing) == "3"
    assert "data-unread-marker" not in author_client.get(board.get_absolute_url()).content.decode()
    reply(actor=other_member, thread=thread, body="One more data point: 20% overnight.")
    assert _replies_shown(reader_client.get(board.get_absolute_url()).content.decode()) == "4"
    assert "data-unread-marker" in author_client.get(board.get_absolute_url()).content.decode()
