import pytest

from forum.models import Board
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_team_edits_the_board_tree_in_the_admin(client, board):
    admin = UserFactory(username="boss", is_superuser=True, is_staff=True)
    client.force_login(admin)
    listing = client.get("/cms/snippets/forum/board/")
    assert listing.status_code == 200 and "General" in listing.content.decode()
    edit_url = f"/cms/snippets/forum/board/edit/{board.pk}/"
    assert client.get(edit_url).status_code == 200
    response = client.post(
        edit_url,
        {
            "name": "General chat",
            "slug": "general",
            "description": "",
            "kind": "DISCUSSION",
            "read_access": "MEMBERS",
            "start_access": "MEMBERS",
            "reply_access": "MEMBERS",
        },
    )
    assert response.status_code == 302
    board.refresh_from_db()
    assert (board.name, board.read_access) == ("General chat", Board.Access.MEMBERS)


def test_members_cannot_reach_the_board_admin(member_client):
    assert member_client.get("/cms/snippets/forum/board/").status_code in (302, 403)
