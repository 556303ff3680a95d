import pytest

from forum.actions.boards import set_board_access
from forum.actions.reading import toggle_bookmark
from forum.models import Board
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, make_thread

pytestmark = pytest.mark.django_db


def test_bookmarks_page_lists_only_visible_posts(member_client, member, board, admin_user):
    thread = make_thread(board=board, author=UserFactory(username="writer"), title="Keep this one")
    toggle_bookmark(user=member, post=thread.first_post)
    closed = BoardFactory(slug="closed")
    gone = make_thread(board=closed, author=member, title="Board closed later")
    toggle_bookmark(user=member, post=gone.first_post)
    member_client.get("/forum/bookmarks/")  # the board's access is cached now
    set_board_access(actor=admin_user, board=closed, read_access=Board.Access.MODERATORS)
    page = member_client.get("/forum/bookmarks/").content.decode()
    assert "Keep this one" in page and "Board closed later" not in page


def test_moderation_link_shows_for_moderators_only(client, board, member):
    from django.contrib.auth.models import Group

    from community.teams import team_group_name

    client.force_login(member)
    assert 'href="/forum/mod/"' not in client.get("/forum/").content.decode()
    team = UserFactory(username="teammate")
    team.groups.add(Group.objects.get(name=team_group_name()))
    client.force_login(team)
    assert 'href="/forum/mod/"' in client.get("/forum/").content.decode()
    assert client.get("/forum/mod/").status_code == 200
