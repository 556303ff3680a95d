"""Feedback entry points in the forum's pages (forum/views/threads.py, forum/templatetags)."""

import pytest
from django.urls import reverse

from forum.models import Board
from tests.factories import make_team_member
from tests.forum.factories import BoardFactory
from tests.forum.feedback.factories import make_item
from tests.store.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def feedback_board():
    product = ProductFactory(name="Aurora 14", slug="aurora-14")
    return BoardFactory(slug="aurora-fb", name="Aurora feedback", kind=Board.Kind.FEEDBACK, product=product)


def test_a_feedback_board_links_to_the_filing_form(member_client, feedback_board):
    html = member_client.get(feedback_board.get_absolute_url()).content.decode()
    assert reverse("forum:feedback:new", kwargs={"slug": feedback_board.slug}) in html
    assert reverse("forum:new_thread", kwargs={"slug": feedback_board.slug}) not in html


def test_new_thread_on_a_feedback_board_redirects_to_the_filing_form(member_client, feedback_board):
    response = member_client.get(reverse("forum:new_thread", kwargs={"slug": feedback_board.slug}))
    assert response.status_code == 302
    assert response["Location"] == reverse("forum:feedback:new", kwargs={"slug": feedback_board.slug})


def test_a_discussion_board_keeps_its_new_thread_form(member_client, board):
    assert member_client.get(reverse("forum:new_thread", kwargs={"slug": board.slug})).status_code == 200


def test_a_feedback_thread_shows_its_status_and_links_to_the_item(client, feedback_board):
    item = make_item(board=feedback_board)
    html = client.get(item.thread.get_absolute_url()).content.decode()
    # the item is addressed by its thread's number (ids differ on PostgreSQL, where sequences never rewind)
    assert reverse("forum:feedback:item", kwargs={"pk": item.thread_id}) in html
    assert "Bug · New" in html


def test_the_listing_links_each_status_chip_to_its_item_by_the_thread_number(client, feedback_board):
    from tests.forum.factories import make_thread

    make_thread()  # the next thread's number is no longer the next item's pk
    item = make_item(board=feedback_board)
    assert item.pk != item.thread_id
    html = client.get(feedback_board.get_absolute_url()).content.decode()
    assert f'href="{item.get_absolute_url()}"' in html
    assert f'href="{reverse("forum:feedback:item", kwargs={"pk": item.pk})}"' not in html


def test_the_triage_link_is_for_the_product_team_only(client, board, member):
    triage = reverse("forum:feedback:triage")
    client.force_login(member)
    assert triage not in client.get(board.get_absolute_url()).content.decode()
    team = make_team_member()
    client.force_login(team)
    assert triage in client.get(board.get_absolute_url()).content.decode()
