"""forum/views/boards.py: the board page's ways to start, for members and for visitors."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from forum.models import Board
from tests.factories import TEST_PASSWORD, UserFactory
from tests.forum.factories import BoardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def feedback_board(db):
    from tests.store.factories import ProductFactory

    return BoardFactory(
        slug="phone-feedback",
        name="Phone feedback",
        kind=Board.Kind.FEEDBACK,
        product=ProductFactory(slug="phone"),
    )


def test_a_signed_out_visitor_is_offered_report_a_bug_through_signing_in(client, feedback_board):
    # When a visitor opens a feedback board
    html = client.get(feedback_board.get_absolute_url()).content.decode()
    # Then "Report a bug" and "Suggest a feature" lead to signing in, and back to the form with that kind
    login = reverse("account_login")
    new = reverse("forum:feedback:new", args=[feedback_board.slug])
    assert f'href="{login}?next={new}%3Fkind%3DBUG"' in html and ">Report a bug<" in html
    assert f'href="{login}?next={new}%3Fkind%3DSUGGESTION"' in html and ">Suggest a feature<" in html


def test_signing_in_from_suggest_a_feature_lands_on_the_form_with_suggestion_chosen(client, feedback_board):
    UserFactory(username="visitor")
    new = reverse("forum:feedback:new", args=[feedback_board.slug])
    # When the visitor signs in from the link's page
    response = client.post(
        f"{reverse('account_login')}?next={new}%3Fkind%3DSUGGESTION",
        {"login": "visitor", "password": TEST_PASSWORD, "next": f"{new}?kind=SUGGESTION"},
    )
    # Then they are back on the form, with "Suggestion" chosen
    assert response.status_code == 302 and response["Location"] == f"{new}?kind=SUGGESTION"
    form = client.get(response["Location"]).content.decode()
    radio = re.search(r'<input[^>]*value="SUGGESTION"[^>]*>', form).group(0)
    assert "checked" in radio
    assert "checked" not in re.search(r'<input[^>]*value="BUG"[^>]*>', form).group(0)


def test_a_member_gets_the_form_links_directly(client, feedback_board):
    client.force_login(UserFactory(username="member"))
    html = client.get(feedback_board.get_absolute_url()).content.decode()
    new = reverse("forum:feedback:new", args=[feedback_board.slug])
    assert f'href="{new}?kind=BUG"' in html and f'href="{new}?kind=SUGGESTION"' in html
    assert reverse("account_login") + "?next=" not in html


def test_a_visitor_is_offered_start_a_thread_only_where_members_may_start(client):
    open_board = BoardFactory(slug="lounge", name="Lounge")
    news = BoardFactory(slug="news", name="News", kind=Board.Kind.ANNOUNCEMENTS)
    beta = BoardFactory(
        slug="beta",
        name="Beta",
        start_access=Board.Access.GROUP,
        access_group=Group.objects.create(name="Beta"),
    )
    new = reverse("forum:new_thread", args=[open_board.slug])
    assert f'?next={new}"' in client.get(open_board.get_absolute_url()).content.decode()
    for board in (news, beta):
        assert "Start a thread" not in client.get(board.get_absolute_url()).content.decode()


def test_an_unknown_kind_opens_the_form_as_usual(client, feedback_board):
    client.force_login(UserFactory(username="member"))
    new = reverse("forum:feedback:new", args=[feedback_board.slug])
    form = client.get(f"{new}?kind=<script>").content.decode()
    assert "checked" in re.search(r'<input[^>]*value="BUG"[^>]*>', form).group(0)  # the form's default
