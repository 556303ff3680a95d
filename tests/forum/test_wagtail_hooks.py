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


def test_closing_a_board_in_the_admin_takes_it_and_its_sub_boards_out_of_search(
    client, board, member, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import AnonymousUser

    from search import api
    from tests.forum.factories import BoardFactory, make_thread

    sub_board = BoardFactory(slug="general-beta", name="General beta", parent=board)
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(board=board, author=member, title="Tangerine sunset wallpaper")
        make_thread(board=sub_board, author=member, title="Tangerine keyboard theme")

    def anonymous_titles():
        query = api.SearchQuery(text="tangerine", types=("thread",))
        return sorted(hit.title for hit in api.search(query, user=AnonymousUser()).hits)

    assert anonymous_titles() == ["Tangerine keyboard theme", "Tangerine sunset wallpaper"]

    admin = UserFactory(username="boss", is_superuser=True, is_staff=True)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/cms/snippets/forum/board/edit/{board.pk}/",
            {
                "name": board.name,
                "slug": board.slug,
                "description": "",
                "kind": "DISCUSSION",
                "read_access": "MEMBERS",
                "start_access": "MEMBERS",
                "reply_access": "MEMBERS",
            },
        )

    assert response.status_code == 302
    assert anonymous_titles() == []
