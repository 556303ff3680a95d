"""A board someone cannot read is absent from every listing, feed and notification; its URLs answer 404."""

import pytest
from django.contrib.auth.models import Group

from community.notifications.actions import notify
from community.notifications.models import Notification
from forum.actions.boards import set_board_access
from forum.actions.moderation import set_post_visibility
from forum.actions.posts import reply
from forum.models import Board
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def beta():
    testers = Group.objects.create(name="Beta testers")
    board = BoardFactory(
        slug="beta-lab",
        name="Beta lab",
        read_access=Board.Access.GROUP,
        start_access=Board.Access.GROUP,
        reply_access=Board.Access.GROUP,
        access_group=testers,
    )
    tester = UserFactory(username="tester")
    tester.groups.add(testers)
    thread = make_thread(board=board, author=tester, title="Secret build notes")
    return board, tester, thread


def test_private_board_answers_404_and_is_absent(client, member, beta):
    board, tester, thread = beta
    client.force_login(member)
    for url in [
        board.get_absolute_url(),
        f"/forum/b/{board.slug}/new/",
        f"/forum/b/{board.slug}/feed/",
        thread.get_absolute_url(),
        f"/forum/t/{thread.pk}/",
        f"/forum/t/{thread.pk}/-/feed/",
        f"/forum/t/{thread.pk}/-/reply/",
        f"/forum/p/{thread.first_post_id}/",
        f"/forum/p/{thread.first_post_id}/edit/",
        f"/forum/p/{thread.first_post_id}/report/",
        "/forum/b/no-such-board/",
        "/forum/t/999999/",
        "/forum/p/999999/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/forum/p/{thread.first_post_id}/vote/").status_code == 404
    for url in ["/forum/", "/forum/sitemap.xml"]:
        assert (
            "Secret build notes" not in client.get(url).content.decode()
            and "beta-lab" not in client.get(url).content.decode()
        )
    client.force_login(tester)
    assert client.get(thread.get_absolute_url()).status_code == 200
    assert "Beta lab" in client.get("/forum/").content.decode()


def test_members_only_board_is_absent_from_public_feeds(client, member):
    board = BoardFactory(slug="members", read_access=Board.Access.MEMBERS)
    thread = make_thread(board=board, author=member, title="Members chat")
    assert client.get(f"/forum/b/{board.slug}/feed/").status_code == 404
    assert client.get(f"/forum/t/{thread.pk}/-/feed/").status_code == 404
    assert "Members chat" not in client.get("/forum/sitemap.xml").content.decode()


def test_hidden_posts_are_absent_from_feeds_and_pages(client, board, member, other_member):
    moderator = UserFactory(username="mod")
    board.moderators.add(moderator)
    thread = make_thread(board=board, author=member, title="Public thread")
    post = reply(actor=other_member, thread=thread, body="Visit spam dot example")
    set_post_visibility(actor=moderator, post=post, state="hidden", reason="Spam")
    assert "spam dot example" not in client.get(f"/forum/t/{thread.pk}/-/feed/").content.decode()
    assert "spam dot example" not in client.get(thread.get_absolute_url()).content.decode()
    assert client.get(f"/forum/p/{post.pk}/").status_code == 404
    assert "Public thread" in client.get(f"/forum/b/{board.slug}/feed/").content.decode()


def test_notifications_vanish_when_the_board_closes(client, board, member, other_member):
    # Given a notification about a post in a public board
    thread = make_thread(board=board, author=member)
    reply(actor=other_member, thread=thread, body="Reply for you")
    assert Notification.objects.filter(recipient=member).count() == 1
    client.force_login(member)
    assert "replied to your thread" in client.get("/notifications/").content.decode()
    # When the board becomes moderators-only
    admin = UserFactory(username="boss", is_superuser=True)
    set_board_access(actor=admin, board=board, read_access=Board.Access.MODERATORS)
    # Then the notification is gone from the centre and the badge
    page = client.get("/notifications/").content.decode()
    assert "replied to your thread" not in page and "data-unread-notifications" not in page
    note = Notification.objects.get(recipient=member)
    assert client.get(f"/notifications/{note.pk}/").url == "/notifications/"


def test_people_who_cannot_read_are_not_notified(member, beta):
    _board, tester, thread = beta
    reply(actor=tester, thread=thread, body="Ping @member about the beta")
    assert not Notification.objects.filter(recipient=member).exists()


def test_generic_notify_skips_the_actor(member, other_member):
    rows = notify(
        recipient_ids=[member.pk, other_member.pk], kind="MENTION", text="hi", url="/", actor=member
    )
    assert [row.recipient_id for row in rows] == [other_member.pk]
