import pytest
from django.contrib.auth.models import Group

from forum.models import Board
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, make_thread

pytestmark = pytest.mark.django_db


def test_a_private_board_offers_no_feed_link_to_its_members(client):
    # Given a board only a group can read, and a member of that group
    group = Group.objects.create(name="Testers")
    board = BoardFactory(
        slug="beta", name="Beta", read_access=Board.Access.GROUP, start_access=Board.Access.GROUP,
        reply_access=Board.Access.GROUP, access_group=group,
    )
    member = UserFactory()
    member.groups.add(group)
    thread = make_thread(board=board, author=member)
    client.force_login(member)
    # When the member reads the board and a thread in it
    board_page = client.get(f"/forum/b/{board.slug}/").content.decode()
    thread_page = client.get(thread.get_absolute_url()).content.decode()
    # Then neither links to a feed, which visitors (and feed readers) could never open
    assert f"/forum/b/{board.slug}/feed/" not in board_page
    assert f"/forum/t/{thread.pk}/-/feed/" not in thread_page
    assert client.get(f"/forum/b/{board.slug}/feed/").status_code == 404


def test_a_public_board_links_its_feed(client):
    board = BoardFactory(slug="general", name="General")
    thread = make_thread(board=board, author=UserFactory())
    assert f"/forum/b/{board.slug}/feed/" in client.get(f"/forum/b/{board.slug}/").content.decode()
    assert f"/forum/t/{thread.pk}/-/feed/" in client.get(thread.get_absolute_url()).content.decode()
